package az.opengov.nap.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.plan.ImportPreview.OrganisationLine;
import az.opengov.nap.plan.ImportPreview.OrganisationStatus;
import az.opengov.nap.plan.ImportPreview.SectionLine;
import az.opengov.nap.plan.ImportPreview.SubsectionLine;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.ActiveProfiles;

/** The shipped 2016-2018 plan imports as printed: 59 measures in 11 sections, every organisation resolved. */
@SpringBootTest
@ActiveProfiles("test")
class ShippedPlanImportTest {

    private static final String FILE = "plan/nap-2016-2018.csv";
    private static final String TITLE = "Açıq hökumətin təşviqinə dair 2016-2018-ci illər üçün Milli Fəaliyyət Planı";

    @Autowired
    PlanImportService imports;
    @Autowired
    PlanService plans;
    @Autowired
    AgencyService agencies;
    @Autowired
    RuntimeService runtime;

    @Test
    void previewShowsTheSectionsAndResolvesEveryOrganisation() throws IOException {
        ImportPreview preview = imports.preview(request("SHIPPED-PREVIEW", FILE, shipped()));

        assertThat(preview.problems()).isEmpty();
        assertThat(preview.measuresToCreate()).hasSize(59);
        assertThat(preview.measuresExisting()).isEmpty();
        assertThat(preview.sections()).extracting(SectionLine::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                11);
        assertThat(preview.sections()).extracting(SectionLine::measures)
                .containsExactly(8, 5, 2, 6, 7, 5, 1, 10, 5, 4, 6);
        Map<Integer, List<String>> subsections = preview.sections().stream().collect(Collectors.toMap(
                SectionLine::number, s -> s.subsections().stream().map(SubsectionLine::code).toList()));
        assertThat(subsections.get(4)).containsExactly("4.1", "4.2");
        assertThat(subsections.get(6)).containsExactly("6.1", "6.2");
        assertThat(subsections).allSatisfy((section, codes) -> {
            if (section != 4 && section != 6) {
                assertThat(codes).isEmpty();
            }
        });
        assertThat(preview.unknownOrganisations()).isEmpty();
        assertThat(preview.agenciesToCreate()).isEmpty();
        assertThat(preview.organisations()).extracting(OrganisationLine::status)
                .containsOnly(OrganisationStatus.KNOWN);
        assertThat(preview.organisations()).extracting(OrganisationLine::agencyCode)
                .allMatch(code -> agencies.find(code).isPresent());
    }

    @Test
    void importCreatesTheMeasuresAsPrinted() throws IOException {
        long processes = runtime.createProcessInstanceQuery().count();

        ImportPreview done = imports.commit(request("SHIPPED-CSV", FILE, shipped()));

        assertThat(done.measuresToCreate()).hasSize(59);
        List<Measure> measures = plans.measures("SHIPPED-CSV");
        assertThat(measures).hasSize(59);
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(processes + 59);
        Map<String, Measure> byCode = measures.stream().collect(Collectors.toMap(Measure::code, Function.identity()));

        assertThat(byCode.get("1.2").period()).isEqualTo("2016");
        assertThat(parties(byCode.get("1.2"))).containsExactly(tuple("MCHT", AgencyRole.EXECUTOR));
        assertThat(byCode.get("1.8").period()).isEqualTo("2016-2017");
        assertThat(parties(byCode.get("1.8"))).containsExactly(tuple("CBAR", AgencyRole.EXECUTOR),
                tuple("MCHT", AgencyRole.EXECUTOR), tuple("ASAN", AgencyRole.EXECUTOR),
                tuple("MUNICIPALITIES", AgencyRole.RECOMMENDED));
        assertThat(byCode.get("4.1.3")).extracting(Measure::subsection, Measure::period)
                .containsExactly("4.1", "2016");
        assertThat(byCode.get("5.7")).extracting(Measure::printedCode, Measure::period)
                .containsExactly("1.1", "2016-2018");
        assertThat(parties(byCode.get("5.7"))).containsExactly(tuple("CHAMBER_OF_ACCOUNTS", AgencyRole.RECOMMENDED));
        assertThat(byCode.get("8.10").printedCode()).isEqualTo("1.10");
        assertThat(parties(byCode.get("8.10"))).containsExactly(tuple("AZERISHIQ", AgencyRole.EXECUTOR),
                tuple("AZERSU", AgencyRole.EXECUTOR), tuple("AZERIGAZ", AgencyRole.EXECUTOR),
                tuple("JUSTICE", AgencyRole.EXECUTOR));
        assertThat(parties(byCode.get("10.1"))).containsExactly(tuple("JUSTICE", AgencyRole.EXECUTOR),
                tuple("RELEVANT_CENTRAL_EXEC", AgencyRole.EXECUTOR),
                tuple("PROSECUTOR_GENERAL", AgencyRole.RECOMMENDED), tuple("ACC", AgencyRole.RECOMMENDED));
        assertThat(byCode.get("11.6")).extracting(Measure::printedCode, Measure::section).containsExactly("9.6", 11);
        assertThat(parties(byCode.get("11.6"))).containsExactly(tuple("CENTRAL_LOCAL_EXEC", AgencyRole.EXECUTOR),
                tuple("ACC", AgencyRole.RECOMMENDED));
        assertThat(measures).allSatisfy(m -> assertThat(plans.parties(m.id())).isNotEmpty()
                .allMatch(p -> agencies.find(p.agencyCode()).isPresent()));
        assertThat(byCode.get("4.1.3").title()).contains("ə", "ğ", "ı", "ş", "ç", "“", "”")
                .startsWith("“Açıq hökumət tərəfdaşlığı” vətəndaş cəmiyyəti platformasının");
        assertThat(plans.sections("SHIPPED-CSV")).hasSize(11);
    }

    @Test
    void theXlsxFormOfThePlanImportsToTheSameMeasures() throws IOException {
        List<List<String>> rows = PlanFiles.parse(shipped());
        byte[] workbook = PlanFiles.xlsx(rows.get(0), rows.subList(1, rows.size()));

        imports.commit(request("SHIPPED-XLSX-A", FILE, shipped()));
        ImportPreview done = imports.commit(request("SHIPPED-XLSX-B", "nap-2016-2018.xlsx", workbook));

        assertThat(done.problems()).isEmpty();
        assertThat(comparable("SHIPPED-XLSX-B")).hasSize(59).isEqualTo(comparable("SHIPPED-XLSX-A"));
        assertThat(plans.sections("SHIPPED-XLSX-B")).extracting(Section::number, Section::title)
                .isEqualTo(plans.sections("SHIPPED-XLSX-A").stream().map(s -> tuple(s.number(), s.title())).toList());
    }

    private static byte[] shipped() throws IOException {
        return new ClassPathResource(FILE).getContentAsByteArray();
    }

    private static ImportRequest request(String planCode, String fileName, byte[] content) {
        return ImportRequest.of(planCode, TITLE, 2016, 2018, fileName, content, "tester");
    }

    private List<org.assertj.core.groups.Tuple> parties(Measure measure) {
        return plans.parties(measure.id()).stream().map(p -> tuple(p.agencyCode(), p.role())).toList();
    }

    private List<String> comparable(String planCode) {
        return plans.measures(planCode).stream().map(m -> String.join("|", m.code(), m.printedCode(),
                String.valueOf(m.section()), String.valueOf(m.subsection()), String.valueOf(m.subsectionTitle()),
                m.title(), String.valueOf(m.indicators()), m.period(),
                plans.parties(m.id()).stream().map(p -> p.role() + ":" + p.agencyCode())
                        .collect(Collectors.joining(",")))).toList();
    }
}
