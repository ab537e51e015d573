package az.opengov.nap.measure.process;

import az.opengov.nap.measure.Deadlines;
import az.opengov.nap.measure.process.MeasureExecution.Variables;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed reads and writes of the process's variables, so that delegates stay a few lines each. */
final class ProcessVariables {

    private ProcessVariables() {
    }

    static long measureId(VariableScope scope) {
        return ((Number) scope.getVariable(Variables.MEASURE_ID)).longValue();
    }

    static int cycleNumber(VariableScope scope) {
        return ((Number) scope.getVariable(Variables.CYCLE_NUMBER)).intValue();
    }

    static String agencyCode(VariableScope scope) {
        return (String) scope.getVariable(Variables.AGENCY_CODE);
    }

    /**
     * The due date (Baku) of the agency's report as its timers were set from it ({@link #deadlines}): the report's
     * own variable, read with the agency's other variables, without asking the cycle's participant table again.
     */
    static LocalDate dueDate(VariableScope scope) {
        return LocalDate.ofInstant(((Date) scope.getVariable(Variables.DUE_DATE)).toInstant(), Clock.BAKU);
    }

    static long reportId(VariableScope scope) {
        return ((Number) scope.getVariable(Variables.REPORT_ID)).longValue();
    }

    static String string(VariableScope scope, String name) {
        Object v = scope.getVariable(name);
        return v == null ? null : v.toString();
    }

    /** Measure, cycle and agency of a task, for the audit trail. */
    static String describe(VariableScope scope) {
        return "measure " + measureId(scope) + ", cycle " + scope.getVariable(Variables.CYCLE_NUMBER) + ", agency "
                + scope.getVariable(Variables.AGENCY_CODE);
    }

    /**
     * Takes a form's values out of the process, to be stored by the task's listener. Nothing declares the fields
     * beforehand, so a channel's values (the API's, Camunda Tasklist's) land on the process instance, created in the
     * completing command: removed there in the same command, they are never written, and no other agency's task ever
     * sees them. A client of the engine's REST API may also set them on the task itself ({@code PUT
     * /task/{id}/localVariables/{name}}) before completing it: those are read first, as the most specific. Instances
     * started before that change declared them on the agency's scope, read next. Only these scopes are read: a
     * field's search through every scope between them would read each scope's variables from the database.
     */
    static Map<String, Object> takeFormValues(DelegateTask task, DelegateExecution agencyScope,
                                              Collection<String> keys) {
        Map<String, Object> onTask = task.getVariablesLocal();
        DelegateExecution processInstance = agencyScope.getProcessInstance();
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : keys) {
            Object value = onTask.get(key);
            if (onTask.containsKey(key)) {
                task.removeVariableLocal(key);
            }
            for (DelegateExecution scope : List.of(agencyScope, processInstance)) {
                if (scope.hasVariableLocal(key)) {
                    value = value != null ? value : scope.getVariableLocal(key);
                    scope.removeVariableLocal(key);
                }
            }
            values.put(key, value);
        }
        return values;
    }

    /**
     * The timer variables as a scope sees them, in the form {@link Deadlines#variables} writes them: at an agency's
     * report's start, before it has any of its own, the cycle's; a variable set nowhere is null.
     */
    static Map<String, Object> visibleDeadlines(VariableScope scope) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String name : Variables.DEADLINES) {
            m.put(name, scope.getVariable(name));
        }
        return m;
    }

    /**
     * Who completes the task: the signed-in user of the request (our API, the workspace, or Camunda Tasklist behind
     * the same login), else the task's assignee.
     */
    static String currentUser(org.camunda.bpm.engine.delegate.DelegateTask task, UserDirectory users) {
        return users.currentUsername().orElse(task.getAssignee() != null ? task.getAssignee() : "system");
    }
}
