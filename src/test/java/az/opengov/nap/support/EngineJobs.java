package az.opengov.nap.support;

import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** Runs the engine's due jobs in the test's thread (the job executor is off in tests), until none is left. */
public final class EngineJobs {

    private EngineJobs() {
    }

    /** @return how many jobs ran */
    public static int runDue(ManagementService management) {
        int ran = 0;
        for (int round = 0; round < 1000; round++) {
            List<Job> due = management.createJobQuery().executable().listPage(0, 100);
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
}
