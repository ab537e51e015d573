package az.opengov.nap.agency;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills an empty registry from the shipped {@code agency/agencies.csv}: central bodies, city and district executive
 * authorities, universities, municipalities and the collectives of the plan. Admins edit it afterwards; a registry
 * that has rows is never touched again.
 *
 * <p>It runs as the first application runner, not while the context is built: the web server then already answers
 * (the first start to a usable page does not wait for 114 organisations to be written), and the other runners (the
 * demo data, a command line plan import) find the registry filled. A failure stops the start like any runner's.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AgencyRegistryLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AgencyRegistryLoader.class);
    static final String REGISTRY = "agency/agencies.csv";

    private final AgencyService service;
    private final TransactionTemplate tx;

    AgencyRegistryLoader(AgencyService service, TransactionTemplate tx) {
        this.service = service;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!service.isEmpty()) {
            return;
        }
        List<CSVRecord> rows;
        try (Reader in = new InputStreamReader(new ClassPathResource(REGISTRY).getInputStream(),
                StandardCharsets.UTF_8)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        Map<String, List<String>> members = new LinkedHashMap<>();
        tx.executeWithoutResult(status -> {
            for (CSVRecord r : rows) {
                Agency agency = new Agency(r.get("code"), AgencyKind.valueOf(r.get("kind")), r.get("name_az"),
                        r.get("name_en"), r.get("name_ru"), split(r.get("emails")), blankToNull(r.get("head_email")));
                service.create(agency, split(r.get("aliases")), List.of());
                if (agency.collective()) {
                    members.put(agency.code(), split(r.get("members")));
                }
            }
            members.forEach((collective, codes) -> codes.forEach(m -> service.addMember(collective, m)));
        });
        log.info("Agency registry loaded: {} organisations from {}", rows.size(), REGISTRY);
    }

    private static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.stream(value.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
