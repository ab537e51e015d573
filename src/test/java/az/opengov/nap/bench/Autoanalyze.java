package az.opengov.nap.bench;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What PostgreSQL's autovacuum daemon does with its default settings, for a server where it is switched off (the CI
 * database): every minute ({@code autovacuum_naptime}), each table of the schema with more than 50 rows + 10 % of its
 * rows changed since it was last analyzed ({@code autovacuum_analyze_threshold}, {@code _scale_factor}) is analyzed.
 * Without it a burst of inserts (a cycle opening adds some 160,000 variable rows) is planned with the statistics from
 * before the burst, which no production server does.
 */
final class Autoanalyze implements AutoCloseable {

    private final ScheduledExecutorService daemon = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-autoanalyze");
        t.setDaemon(true);
        return t;
    });

    private Autoanalyze(JdbcTemplate jdbc) {
        daemon.scheduleWithFixedDelay(() -> {
            List<String> tables = jdbc.queryForList("""
                    select s.relname from pg_stat_user_tables s join pg_class c on c.oid = s.relid
                    where s.schemaname = current_schema() and s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
                    """, String.class);
            for (String table : tables) {
                jdbc.execute("analyze " + table);
            }
        }, 60, 60, TimeUnit.SECONDS);
    }

    /** Starts the daemon when the server's own autovacuum is off; else nothing (the server does it). */
    static Autoanalyze ifServerDoesNot(JdbcTemplate jdbc) {
        return "off".equals(jdbc.queryForObject("show autovacuum", String.class)) ? new Autoanalyze(jdbc) : null;
    }

    @Override
    public void close() {
        daemon.shutdownNow();
    }
}
