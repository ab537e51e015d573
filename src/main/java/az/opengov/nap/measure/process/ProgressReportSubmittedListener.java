package az.opengov.nap.measure.process;

import az.opengov.nap.measure.process.MeasureExecution.Variables;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.shared.FormDefinitions;
import java.util.HashMap;
import java.util.Map;
import az.opengov.nap.audit.AuditService;
import az.opengov.nap.security.UserDirectory;
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

    ProgressReportSubmittedListener(ReportingService reports, FormDefinitions forms, UserDirectory users,
                                    AuditService audit) {
        this.reports = reports;
        this.forms = forms;
        this.users = users;
        this.audit = audit;
    }

    @Override
    public void notify(DelegateTask task) {
        Map<String, Object> values = new HashMap<>();
        for (String key : forms.keys(FormDefinitions.PROGRESS_REPORT)) {
            values.put(key, task.getVariable(key));
        }
        String user = ProcessVariables.currentUser(task, users);
        long reportId = reports.submit(ProcessVariables.measureId(task), ProcessVariables.cycleNumber(task),
                ProcessVariables.agencyCode(task), values, user);
        audit.change(user, "REPORT_SUBMITTED", "report", reportId, ProcessVariables.describe(task));
        // only what a channel put there: setting a null again would cost the engine three statements a field
        values.forEach((key, value) -> {
            if (value != null) {
                task.setVariable(key, null);
            }
        });
        task.setVariable(Variables.REPORT_ID, reportId);
    }
}
