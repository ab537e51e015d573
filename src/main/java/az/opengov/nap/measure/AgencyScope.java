package az.opengov.nap.measure;

import az.opengov.nap.measure.process.MeasureExecution.Elements;
import az.opengov.nap.measure.process.MeasureExecution.Variables;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * The scope of one agency's report in a cycle (an instance of SubProcess_AgencyReport): the execution at or above a
 * given one that holds the agency's code as its own variable. What belongs to that agency alone (its report's id, the
 * reviewer's decision) is written there, never where a channel's variables land by default, the process instance. The
 * engine's public API names an execution's parent only by id, so the walk up the tree lives here, beside the facade,
 * and not in the delegates.
 */
public final class AgencyScope {

    private AgencyScope() {
    }

    /**
     * Sets variables on the agency's report scope at or above an execution named by id (a message subscription's, a
     * task's), in the caller's transaction: what must not land on a scope above it, which the engine's
     * {@code setVariables} would do with a name that scope already holds (the cycle's deadlines).
     */
    public static void setVariables(ProcessEngine engine, String executionId, Map<String, Object> variables) {
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(context -> {
                    of(context.getExecutionManager().findExecutionById(executionId)).setVariablesLocal(variables);
                    return null;
                });
    }

    /**
     * Moves the deadlines of an agency's open submit task in place (model 1.4.0 on): the agency's deadline variables
     * on its scope, the task's due date (its escalations' start) and follow-up date (its reminder point), which the
     * task's update event brings to the worklist, and an invited body's reporting window. The task keeps its id, its
     * assignee and its link.
     */
    public static void moveDeadlines(ProcessEngine engine, Task task, Deadlines deadlines) {
        setVariables(engine, task.getExecutionId(), deadlines.variables());
        task.setDueDate(Date.from(deadlines.dueAt()));
        task.setFollowUpDate(Date.from(deadlines.reminderAt()));
        engine.getTaskService().saveTask(task);
        if (Elements.TASK_SUBMIT_INVITED_REPORT.equals(task.getTaskDefinitionKey())) {
            // the boundary timer's job belongs to the task's own scope execution (the timer makes the task a scope)
            Job window = engine.getManagementService().createJobQuery().executionId(task.getExecutionId())
                    .activityId(Elements.BOUNDARY_REPORTING_WINDOW_CLOSED).singleResult();
            if (window != null) {
                engine.getManagementService().setJobDuedate(window.getId(), Date.from(deadlines.windowClosesAt()));
            }
        }
    }

    public static DelegateExecution of(DelegateExecution execution) {
        for (ExecutionEntity e = (ExecutionEntity) execution; e != null; e = e.getParent()) {
            if (e.hasVariableLocal(Variables.AGENCY_CODE)) {
                return e;
            }
        }
        throw new IllegalStateException("no agency's report scope at or above execution " + execution.getId());
    }
}
