package az.opengov.nap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.support.PostgresSuite;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The cycle bench's statistics upkeep on PostgreSQL (its smoke test runs on H2, where there is none): before a run it
 * analyzes the tables autovacuum would, and only those.
 */
@ExtendWith(PostgresSuite.Condition.class)
class AutoanalyzeTest {

    @Test
    void analyzesBeforeARunTheTablesAutovacuumWouldAnalyze() throws Exception {
        String schema = PostgresSuite.Database.freshSchema();
        try (Connection c = PostgresSuite.Database.connect()) {
            c.setSchema(schema);
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(c, true));
            jdbc.execute("create table changed_much (id int)");
            jdbc.execute("create table changed_little (id int)");
            jdbc.execute("insert into changed_much select generate_series(1, 1000)");
            jdbc.execute("insert into changed_little select generate_series(1, 10)");
            // the server counts the changes once this session's statistics reach it (within about a second)
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (modifiedSinceAnalyze(jdbc, "changed_much") < 1000 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(modifiedSinceAnalyze(jdbc, "changed_much")).isEqualTo(1000);

            try (Autoanalyze autoanalyze = Autoanalyze.on(jdbc)) {
                autoanalyze.beforeRun();
                // 1,000 changes pass 50 + 10 % of a table never analyzed; 10 do not
                assertThat(autoanalyze.analyzedBeforeRuns()).isEqualTo(1);
                assertThat(analyzed(jdbc, "changed_much")).isTrue();
                assertThat(analyzed(jdbc, "changed_little")).isFalse();

                autoanalyze.beforeRun();
                assertThat(autoanalyze.analyzedBeforeRuns()).as("nothing changed since").isEqualTo(1);
            }
        } finally {
            PostgresSuite.Database.dropSchema(schema);
        }
    }

    static long modifiedSinceAnalyze(JdbcTemplate jdbc, String table) {
        return jdbc.queryForObject("select n_mod_since_analyze from pg_stat_user_tables where relname = ? "
                + "and schemaname = current_schema()", Long.class, table);
    }

    static boolean analyzed(JdbcTemplate jdbc, String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select last_analyze is not null from pg_stat_user_tables "
                + "where relname = ? and schemaname = current_schema()", Boolean.class, table));
    }
}
