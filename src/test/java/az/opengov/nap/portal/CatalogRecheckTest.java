package az.opengov.nap.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A change made elsewhere (another node, the database) reaches the portal on the catalogue's own clock while the
 * portal is being read: the reader after it gets the new snapshot on the spot, without having started a comparison.
 */
@SpringBootTest(properties = "nap.portal.recheck-every=200ms")
@ActiveProfiles("test")
class CatalogRecheckTest {

    static final String AGENCY = "RECHECK_TEST_BODY";

    @Autowired
    PublicCatalog catalog;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void removeAgency() {
        jdbc.sql("delete from agency where code = ?").param(AGENCY).update();
    }

    @Test
    void aChangeMadeElsewhereIsPickedUpWhileThePortalIsRead() throws Exception {
        PublicCatalog.Snapshot before = catalog.snapshot();
        assertThat(before.agency(AGENCY)).isNull();
        // as another node would: no event here
        jdbc.sql("insert into agency (code, kind, name_az, name_en, name_ru) values (?, 'INDEPENDENT_BODY', ?, ?, ?)")
                .params(AGENCY, "Yoxlama orqanı", "Test body", "Тестовый орган").update();
        // nobody reads for a few comparison intervals; the next reader gets the new snapshot at once
        Thread.sleep(1_500);
        PublicCatalog.Snapshot after = catalog.snapshot();
        assertThat(after.agency(AGENCY)).isNotNull();
        assertThat(after.version()).isNotEqualTo(before.version());
    }
}
