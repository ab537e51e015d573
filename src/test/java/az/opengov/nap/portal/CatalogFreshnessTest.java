package az.opengov.nap.portal;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.plan.PlanImported;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The public catalogue as in production, compared with the tables in the background: readers never wait for the
 * comparison or a rebuild (they get the snapshot there is), a publication or an import on this node starts one at
 * once, and otherwise the data is compared every {@code nap.portal.recheck-every} (here an hour, so
 * only the import can tell).
 */
@SpringBootTest(properties = "nap.portal.recheck-every=1h")
@ActiveProfiles("test")
class CatalogFreshnessTest {

    static final String AGENCY = "FRESHNESS_TEST_BODY";

    @Autowired
    PublicCatalog catalog;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void removeAgency() {
        jdbc.sql("delete from agency where code = ?").param(AGENCY).update();
    }

    @Test
    void aChangeShowsAfterAPublicationHereWithoutAnyReaderWaitingForIt() throws Exception {
        PublicCatalog.Snapshot before = catalog.snapshot();
        jdbc.sql("insert into agency (code, kind, name_az, name_en, name_ru) values (?, 'INDEPENDENT_BODY', ?, ?, ?)")
                .params(AGENCY, "Yoxlama orqanı", "Test body", "Тестовый орган").update();

        // within the recheck interval nobody compares: the snapshot is the one there was
        assertThat(catalog.snapshot()).isSameAs(before);
        assertThat(catalog.snapshot().agency(AGENCY)).isNull();

        // a plan imported on this node (as a publication would): once it is committed, the background compares at
        // once, and readers get the snapshot there is meanwhile
        transactions.executeWithoutResult(status -> events.publishEvent(new PlanImported("FRESHNESS", List.of())));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (catalog.snapshot().agency(AGENCY) == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(catalog.snapshot().agency(AGENCY)).isNotNull();
        assertThat(catalog.snapshot().version()).isNotEqualTo(before.version());
    }
}
