package az.opengov.nap.measure;

import az.opengov.nap.audit.AuditService;
import az.opengov.nap.measure.process.MeasureExecution;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.shared.NapException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves running measures onto the process model this version of the application deploys, so that they get what it
 * changed (since 1.4.0 no message boundary on each report task, one execution and one subscription fewer per agency;
 * since 1.5.0 no role variable per agency). Measures started on 1.3.0 or 1.4.0 move: their activities are the
 * current model's but for the report tasks' message boundary (the engine removes its subscription), and their gateway
 * asks the cycle's participants, as the role variable they keep said. Measures started before 1.3.0 keep their model:
 * their reports have reminder and escalation timers that the application's own reminders and escalations would
 * repeat. All moves in one transaction (each model version by one plan for all its measures), so that a measure the
 * engine cannot move leaves every measure where it was, and the administrator is told which and why.
 */
@Service
public class ModelMigration {

    /** The model versions whose measures move onto the current one. */
    static final Set<String> MOVABLE = Set.of("1.3.0", "1.4.0");

    /** A deployed version of the measure process and how many measures run on it. */
    public record Version(int version, String versionTag, String definitionId, long running, boolean current,
                          boolean movable) {
    }

    /** The measures moved from one version. */
    public record Moved(int version, String versionTag, long measures) {
    }

    private final ProcessEngine engine;
    private final AuditService audit;

    ModelMigration(ProcessEngine engine, AuditService audit) {
        this.engine = engine;
        this.audit = audit;
    }

    /** Every deployed version of the measure process, newest first, with its running measures. */
    public List<Version> versions() {
        List<ProcessDefinition> definitions = definitions();
        ProcessDefinition current = current(definitions);
        List<Version> versions = new ArrayList<>();
        for (ProcessDefinition d : definitions) {
            long running = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionId(d.getId())
                    .count();
            boolean isCurrent = d.getId().equals(current.getId());
            versions.add(new Version(d.getVersion(), d.getVersionTag(), d.getId(), running, isCurrent,
                    !isCurrent && MOVABLE.contains(d.getVersionTag())));
        }
        return versions;
    }

    /**
     * Moves every measure running on a movable version onto the current model, or none: a version whose plan or one
     * of whose measures the engine refuses fails the whole, with the engine's reason.
     */
    @Transactional
    public List<Moved> moveToCurrent(AppUser admin) {
        if (!admin.admin()) {
            throw NapException.forbidden();
        }
        List<Version> versions = versions();
        String current = versions.stream().filter(Version::current).findFirst().orElseThrow().definitionId();
        List<Moved> moved = new ArrayList<>();
        for (Version v : versions) {
            if (!v.movable() || v.running() == 0) {
                continue;
            }
            try {
                MigrationPlan plan = engine.getRuntimeService().createMigrationPlan(v.definitionId(), current)
                        .mapEqualActivities().updateEventTriggers().build();
                engine.getRuntimeService().newMigration(plan)
                        .processInstanceQuery(engine.getRuntimeService().createProcessInstanceQuery()
                                .processDefinitionId(v.definitionId()))
                        .skipCustomListeners().execute();
            } catch (MigrationPlanValidationException | MigratingProcessInstanceValidationException e) {
                throw new NapException(HttpStatus.CONFLICT, "error.migration.refused", v.versionTag(),
                        MeasureExecution.MODEL_VERSION, e.getMessage());
            }
            moved.add(new Moved(v.version(), v.versionTag(), v.running()));
            audit.change(admin.username(), "MEASURES_MIGRATED", "process-definition", current,
                    v.running() + " measures from " + v.versionTag() + " (version " + v.version() + ") to "
                            + MeasureExecution.MODEL_VERSION);
        }
        return moved;
    }

    /** The current model: the latest deployed version of the tag this application ships. */
    private static ProcessDefinition current(List<ProcessDefinition> definitions) {
        return definitions.stream().filter(d -> MeasureExecution.MODEL_VERSION.equals(d.getVersionTag()))
                .findFirst().orElseThrow(() -> new IllegalStateException("model " + MeasureExecution.MODEL_VERSION
                        + " of " + MeasureExecution.PROCESS_KEY + " is not deployed"));
    }

    private List<ProcessDefinition> definitions() {
        return engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey(MeasureExecution.PROCESS_KEY).list().stream()
                .sorted(Comparator.comparingInt(ProcessDefinition::getVersion).reversed()).toList();
    }
}
