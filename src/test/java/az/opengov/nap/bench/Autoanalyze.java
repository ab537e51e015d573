package az.opengov.nap.bench;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What PostgreSQL's autovacuum daemon does with its default settings: each table of the schema with more than 50 rows
 * + 10 % of its rows changed since it was last analyzed ({@code autovacuum_analyze_threshold}, {@code _scale_factor})
 * is analyzed. Without it a burst of inserts (a cycle opening adds some 160,000 variable rows) is planned with the
 * statistics from before the burst, which no production server does.
 *
 * <p>{@link #beforeRun} makes that pass at once, so that every measured run starts with the statistics a server would
 * have caught up to, whenever its daemon's minute falls: otherwise the same run took 2.9 s or 7.7 s, PostgreSQL busy
 * for 3 or 10 CPU seconds, as an analysis came due before it or during it. On a server whose autovacuum is off (the
 * CI database) a daemon here also makes the pass every minute ({@code autovacuum_naptime}), its minute restarted by
 * each {@code beforeRun}, so that no run shorter than a minute meets it.
 */
final class Autoanalyze implements AutoCloseable {

    private static final long NAPTIME_SECONDS = 60;

    private final JdbcTemplate jdbc;
    private final ScheduledExecutorService daemon;
    private ScheduledFuture<?> ticks;
    private int analyzed;

    private Autoanalyze(JdbcTemplate jdbc, boolean daemon) {
        this.jdbc = jdbc;
        this.daemon = daemon ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-autoanalyze");
            t.setDaemon(true);
            return t;
        }) : null;
        restartMinute();
    }

    /** On PostgreSQL: the daemon too when the server's own autovacuum is off. */
    static Autoanalyze on(JdbcTemplate jdbc) {
        return new Autoanalyze(jdbc, "off".equals(jdbc.queryForObject("show autovacuum", String.class)));
    }

    /** Whether this makes the passes every minute itself, the server's autovacuum being off. */
    boolean daemon() {
        return daemon != null;
    }

    /** Analyzes what is due now and, where the daemon runs here, starts its minute afresh. */
    synchronized void beforeRun() {
        analyzed += pass();
        restartMinute();
    }

    /** How many tables {@link #beforeRun} has analyzed so far. */
    synchronized int analyzedBeforeRuns() {
        return analyzed;
    }

    private synchronized void restartMinute() {
        if (daemon == null) {
            return;
        }
        if (ticks != null) {
            ticks.cancel(false);
        }
        ticks = daemon.scheduleWithFixedDelay(this::pass, NAPTIME_SECONDS, NAPTIME_SECONDS, TimeUnit.SECONDS);
    }

    /** One pass: analyzes each table due; returns how many. */
    private synchronized int pass() {
        List<String> tables = jdbc.queryForList("""
                select s.relname from pg_stat_user_tables s join pg_class c on c.oid = s.relid
                where s.schemaname = current_schema() and s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
                """, String.class);
        for (String table : tables) {
            jdbc.execute("analyze " + table);
        }
        return tables.size();
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.shutdownNow();
        }
    }
}
