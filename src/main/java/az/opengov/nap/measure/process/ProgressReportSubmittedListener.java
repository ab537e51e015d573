package az.opengov.nap.measure.process;

import az.opengov.nap.measure.process.MeasureExecution.Variables;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.shared.FormDefinitions;
import java.util.HashMap;
import java.util.Map;
import az.opengov.nap.audit.AuditService;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorklistService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of a submit task, from any channel (the API, the workspace, Camunda Tasklist): the report is checked
 * against the form's rules and stored as a submitted version; an invalid one throws, and the task stays open. The
 * form's values leave the process: only the report's id stays.
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
        Map<String, Object> values = new HashMap<>();
        for (String key : forms.keys(FormDefinitions.PROGRESS_REPORT)) {
            values.put(key, task.getVariable(key));
        }
        String user = ProcessVariables.currentUser(task, users);
        // measure, cycle and agency as the task's work item has them (the facade holds it locked already), not from
        // the variables of every scope up to the process instance
        WorkItem item = worklist.find(task.getId()).orElse(null);
        long measureId = item != null ? item.measureId() : ProcessVariables.measureId(task);
        int cycle = item != null ? item.cycleNumber() : ProcessVariables.cycleNumber(task);
        String agencyCode = item != null ? item.agencyCode() : ProcessVariables.agencyCode(task);
        long reportId = reports.submit(measureId, cycle, agencyCode, values, user);
        audit.change(user, "REPORT_SUBMITTED", "report", reportId,
                "measure " + measureId + ", cycle " + cycle + ", agency " + agencyCode);
        // only what a channel put there: setting a null again would cost the engine three statements a field
        values.forEach((key, value) -> {
            if (value != null) {
                task.setVariable(key, null);
            }
        });
        task.setVariable(Variables.REPORT_ID, reportId);
    }
}
