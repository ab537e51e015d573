package az.opengov.nap.measure.process;

import az.opengov.nap.measure.process.MeasureExecution.Variables;
import az.opengov.nap.audit.AuditService;
import az.opengov.nap.review.ReviewService;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.measure.AgencyScope;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of Task_ReviewProgressReport from any channel: the decision is checked (a return needs a comment, nobody
 * reviews their own agency) and recorded; only the decision stays in the process, as the gateway's routing flag.
 */
@Component("progressReportReviewed")
class ProgressReportReviewedListener implements TaskListener {

    /** The review form's fields but the decision, which stays on the agency's scope for the gateway. */
    private static final List<String> REVIEW_CONTENT = List.of("comment", "completionLevel");

    private final ReviewService reviews;
    private final UserDirectory users;
    private final AuditService audit;

    ProgressReportReviewedListener(ReviewService reviews, UserDirectory users, AuditService audit) {
        this.reviews = reviews;
        this.users = users;
        this.audit = audit;
    }

    @Override
    public void notify(DelegateTask task) {
        String reviewer = ProcessVariables.currentUser(task, users);
        DelegateExecution scope = AgencyScope.of(task.getExecution());
        // a decision set on the task itself (the engine's REST API) would end with the task: the gateway reads it on
        // the agency's scope
        if (task.hasVariableLocal(Variables.DECISION)) {
            scope.setVariableLocal(Variables.DECISION, task.getVariableLocal(Variables.DECISION));
            task.removeVariableLocal(Variables.DECISION);
        }
        Map<String, Object> content = ProcessVariables.takeFormValues(task, scope, REVIEW_CONTENT);
        var review = reviews.decide(ProcessVariables.reportId(scope),
                ProcessVariables.string(scope, Variables.DECISION), Objects.toString(content.get("comment"), null),
                Objects.toString(content.get("completionLevel"), null), reviewer,
                users.agencyOf(reviewer).orElse(null));
        audit.change(reviewer, "REPORT_" + review.decision().name(), "report", review.reportId(),
                ProcessVariables.describe(scope));
    }
}
