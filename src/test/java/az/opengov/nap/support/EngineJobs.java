package az.opengov.nap.support;

import az.opengov.nap.notification.Escalations;
import az.opengov.nap.notification.Reminders;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.JobQuery;

/**
 * Runs the engine's due jobs in the test's thread (the job executor is off in tests), until none is left. Test
 * classes share cached Spring contexts and so databases: run the jobs of your own process instances, not everyone's.
 */
public final class EngineJobs {

    private EngineJobs() {
    }

    /** Runs the due jobs of the given process instances; @return how many ran. */
    public static int runDue(ManagementService management, String... processInstanceIds) {
        int ran = 0;
        for (int round = 0; round < 1000; round++) {
            List<Job> due = query(management, processInstanceIds).listPage(0, 100);
            if (due.isEmpty()) {
                return ran;
            }
            for (Job job : due) {
                management.executeJob(job.getId());
                ran++;
            }
        }
        throw new IllegalStateException("jobs keep coming after " + ran + " runs");
    }

    /**
     * Runs the due jobs of the given process instances, then raises their reports' due reminders and escalations (kept
     * in the worklist, not in jobs), as the job executor and the deadline poller would.
     */
    public static int runDue(ManagementService management, Reminders reminders, Escalations escalations,
                             String... processInstanceIds) {
        int ran = runDue(management, processInstanceIds);
        reminders.raiseDueOf(List.of(processInstanceIds));
        escalations.raiseDueOf(List.of(processInstanceIds));
        return ran;
    }

    private static JobQuery query(ManagementService management, String... processInstanceIds) {
        JobQuery query = management.createJobQuery().executable();
        if (processInstanceIds.length == 1) {
            query.processInstanceId(processInstanceIds[0]);
        } else if (processInstanceIds.length > 1) {
            query.processInstanceIds(new java.util.HashSet<>(List.of(processInstanceIds)));
        }
        return query;
    }
}
