package az.opengov.nap.measure.process;

import az.opengov.nap.measure.process.MeasureExecution.Variables;
import az.opengov.nap.audit.AuditService;
import az.opengov.nap.review.ReviewService;
import az.opengov.nap.security.UserDirectory;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Completion of Task_ReviewProgressReport from any channel: the decision is checked (a return needs a comment, nobody
 * reviews their own agency) and recorded; only the decision stays in the process, as the gateway's routing flag.
 */
@Component("progressReportReviewed")
class ProgressReportReviewedListener implements TaskListener {

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
        var review = reviews.decide(ProcessVariables.reportId(task), ProcessVariables.string(task, Variables.DECISION),
                ProcessVariables.string(task, "comment"), ProcessVariables.string(task, "completionLevel"),
                reviewer, users.agencyOf(reviewer).orElse(null));
        audit.change(reviewer, "REPORT_" + review.decision().name(), "report", review.reportId(),
                ProcessVariables.describe(task));
        // only what the reviewer sent: setting a null again would cost the engine three statements a field
        for (String field : new String[] {"comment", "completionLevel"}) {
            if (task.getVariable(field) != null) {
                task.setVariable(field, null);
            }
        }
    }
}
