package az.opengov.nap.measure.process;

import az.opengov.nap.measure.AgencyScope;
import az.opengov.nap.measure.process.MeasureExecution.Variables;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.shared.FormDefinitions;
import java.util.Map;
import az.opengov.nap.audit.AuditService;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorklistService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of a submit task, from any channel (the API, the workspace, Camunda Tasklist): the report is checked
 * against the form's rules and stored as a submitted version; an invalid one throws, and the task stays open. The
 * form's values leave the process in the same command (they are never written to the engine's tables): only the
 * report's id stays, on the agency's scope.
 */
@Component("progressReportSubmitted")
class ProgressReportSubmittedListener implements TaskListener {

    private final ReportingService reports;
    private final FormDefinitions forms;
    private final UserDirectory users;
    private final AuditService audit;
    private final WorklistService worklist;

    ProgressReportSubmittedListener(ReportingService reports, FormDefinitions forms, UserDirectory users,
                                    AuditService audit, WorklistService worklist) {
        this.reports = reports;
        this.forms = forms;
        this.users = users;
        this.audit = audit;
        this.worklist = worklist;
    }

    @Override
    public void notify(DelegateTask task) {
        String user = ProcessVariables.currentUser(task, users);
        // measure, cycle and agency as the task's work item has them (the facade holds it locked already), not from
        // the variables of every scope up to the process instance
        WorkItem item = worklist.find(task.getId()).orElse(null);
        long measureId = item != null ? item.measureId() : ProcessVariables.measureId(task);
        int cycle = item != null ? item.cycleNumber() : ProcessVariables.cycleNumber(task);
        String agencyCode = item != null ? item.agencyCode() : ProcessVariables.agencyCode(task);
        DelegateExecution scope = AgencyScope.of(task.getExecution());
        // the workspace and our API store the version before they complete the task and bring no form values
        Map<String, Object> values = reports.submittedBeforeTask(measureId, cycle, agencyCode) ? Map.of()
                : ProcessVariables.takeFormValues(task, scope, forms.keys(FormDefinitions.PROGRESS_REPORT));
        long reportId = reports.submit(measureId, cycle, agencyCode, values, user);
        audit.change(user, "REPORT_SUBMITTED", "report", reportId,
                "measure " + measureId + ", cycle " + cycle + ", agency " + agencyCode);
        // the agency's own scope: its report's id, and the review's decision, declared so that the reviewer's
        // decision lands there and not on the process instance, where parallel agencies would share it
        scope.setVariableLocal(Variables.REPORT_ID, reportId);
        if (!scope.hasVariableLocal(Variables.DECISION)) {
            scope.setVariableLocal(Variables.DECISION, null);
        }
    }
}
