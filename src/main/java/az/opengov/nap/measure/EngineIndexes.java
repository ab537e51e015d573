package az.opengov.nap.measure;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * Indexes the engine's own schema lacks, created once the engine has built (or updated) its tables, on H2 and on
 * PostgreSQL alike ({@code create index if not exists}, so every start may run it):
 * <ul>
 * <li>{@code ACT_RU_TASK(DUE_DATE_)}: any task query by due date ({@code dueBefore}, Tasklist's sort by due date)
 * otherwise reads every open task;</li>
 * <li>{@code ACT_RU_JOB(DUEDATE_)}: job acquisition by due date ({@code jobExecutorAcquireByDueDate}, with
 * {@code ensureJobDueDateNotNull}) reads the jobs that are due instead of scanning the table;</li>
 * <li>{@code ACT_RU_JOB(PROCESS_INSTANCE_ID_, LOCK_EXP_TIME_)}: the acquisition's check that no other job of the
 * same process instance is locked (exclusive jobs);</li>
 * <li>{@code ACT_RU_TASK(PARENT_TASK_ID_)}: every task the engine ends (completed, or deleted with its measure or
 * by a boundary event) is first asked for its subtasks, {@code where PARENT_TASK_ID_ = ?}, which otherwise reads
 * every open task (16 ms a task among 45,000 open tasks on a slow machine; there 1,800 tasks cancelled took 18–25 s
 * without the index, 10.6 s with it). No task of ours has a parent, so on PostgreSQL the index holds only the tasks
 * that have one ({@code where PARENT_TASK_ID_ is not null}): empty, and nothing to write when a task is created; H2
 * has no partial index, so there it is a whole one.</li>
 * </ul>
 * Not Flyway: the engine owns its tables and creates them itself ({@code schema-update}), after Flyway has run.
 */
class EngineIndexes extends AbstractProcessEnginePlugin {

    /** An index; {@code partial}, where not null, is the condition of the rows it holds where the database can. */
    record Index(String name, String table, String columns, String partial) {

        Index(String name, String table, String columns) {
            this(name, table, columns, null);
        }

        String create(String prefix, boolean partialIndexes) {
            return "create index if not exists " + name + " on " + prefix + table + " (" + columns + ")"
                    + (partial != null && partialIndexes ? " where " + partial : "");
        }
    }

    static final List<Index> INDEXES = List.of(
            new Index("NAP_IDX_TASK_DUE_DATE", "ACT_RU_TASK", "DUE_DATE_"),
            new Index("NAP_IDX_JOB_DUEDATE", "ACT_RU_JOB", "DUEDATE_"),
            new Index("NAP_IDX_JOB_PROCINST_LOCK", "ACT_RU_JOB", "PROCESS_INSTANCE_ID_, LOCK_EXP_TIME_"),
            new Index("NAP_IDX_TASK_PARENT", "ACT_RU_TASK", "PARENT_TASK_ID_", "PARENT_TASK_ID_ is not null"));

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        create(configuration.getDataSource(), configuration.getDatabaseTablePrefix());
    }

    static void create(DataSource dataSource, String tablePrefix) {
        String prefix = tablePrefix == null ? "" : tablePrefix;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            boolean partialIndexes = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            for (Index index : INDEXES) {
                s.execute(index.create(prefix, partialIndexes));
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("could not create the engine's extra indexes: " + e.getMessage(), e);
        }
    }
}
