package az.opengov.nap.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.test.context.ActiveProfiles;

/** The indexes {@link EngineIndexes} adds to the engine's schema are there once the engine has built it. */
@SpringBootTest(properties = "nap.notification.scheduling-enabled=false")
@ActiveProfiles("test")
class EngineIndexesTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    ProcessEngine engine;

    JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    String prefix() {
        String prefix = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getDatabaseTablePrefix();
        return prefix == null ? "" : prefix;
    }

    boolean postgres() throws Exception {
        return "PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(dataSource,
                DatabaseMetaData::getDatabaseProductName));
    }

    @Test
    void everyIndexIsOnItsTable() throws Exception {
        for (EngineIndexes.Index index : EngineIndexes.INDEXES) {
            assertThat(indexesOn(index.table())).as(index.table()).contains(index.name().toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void creatingThemAgainChangesNothing() throws Exception {
        List<String> before = indexesOn("ACT_RU_TASK");
        EngineIndexes.create(dataSource, prefix());
        assertThat(indexesOn("ACT_RU_TASK")).containsExactlyInAnyOrderElementsOf(before);
    }

    /**
     * On PostgreSQL the index on the parent task holds only tasks that have a parent, and the engine's lookup of a
     * task's subtasks, by a bound parameter as the engine sends it, can read it instead of every open task.
     */
    @Test
    void theSubtaskLookupReadsThePartialIndexOnPostgres() throws Exception {
        assumeTrue(postgres(), "a partial index and its plan: PostgreSQL only");
        String table = prefix() + "ACT_RU_TASK";
        assertThat(jdbc().queryForObject("select indexdef from pg_indexes where indexname = 'nap_idx_task_parent' "
                + "and schemaname = current_schema()", String.class))
                .containsIgnoringCase("where (parent_task_id_ is not null)");
        List<String> plan = jdbc().execute((java.sql.Connection c) -> {
            try (var s = c.createStatement()) {
                // whatever the table's size, only a plan that can use the index avoids the sequential scan
                s.execute("set enable_seqscan = off");
                s.execute("set plan_cache_mode = force_generic_plan");
                s.execute("prepare subtasks(varchar) as select * from " + table + " where PARENT_TASK_ID_ = $1");
                List<String> lines = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("explain execute subtasks('a-task')")) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
                s.execute("deallocate subtasks");
                s.execute("reset plan_cache_mode");
                s.execute("reset enable_seqscan");
                return lines;
            }
        });
        assertThat(String.join("\n", plan)).contains("nap_idx_task_parent").doesNotContain("Seq Scan");
    }

    /**
     * The engine's own lookup, not only a statement like it: completing a task asks for its subtasks, and on PostgreSQL
     * that reads the parent task's index (its scans, as the server counts them once the engine's connection reports).
     */
    @Test
    void completingATaskLooksForItsSubtasksThroughTheIndexOnPostgres() throws Exception {
        assumeTrue(postgres(), "the server's index statistics: PostgreSQL only");
        long before = parentIndexScans();
        var tasks = engine.getTaskService();
        var task = tasks.newTask();
        task.setName("a task of its own");
        tasks.saveTask(task);
        tasks.complete(task.getId());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (parentIndexScans() <= before && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(parentIndexScans()).as("scans of nap_idx_task_parent").isGreaterThan(before);
    }

    long parentIndexScans() {
        return jdbc().queryForObject("select coalesce(sum(idx_scan), 0) from pg_stat_user_indexes "
                + "where indexrelname = 'nap_idx_task_parent' and schemaname = current_schema()", Long.class);
    }

    /** The index names on a table of the engine's, in lower case. */
    List<String> indexesOn(String table) throws Exception {
        try (var c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String name = meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), c.getSchema(), name, false, true)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null) {
                        names.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
            return names;
        }
    }
}
