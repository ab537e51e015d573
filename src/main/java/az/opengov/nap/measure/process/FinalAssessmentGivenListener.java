package az.opengov.nap.measure.process;

import az.opengov.nap.audit.AuditService;
import az.opengov.nap.publication.PublicationService;
import az.opengov.nap.security.UserDirectory;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Completion of Task_FinalAssessment from any channel: checked and recorded; the values leave the process. */
@Component("finalAssessmentGiven")
class FinalAssessmentGivenListener implements TaskListener {

    private final PublicationService publications;
    private final UserDirectory users;
    private final AuditService audit;

    FinalAssessmentGivenListener(PublicationService publications, UserDirectory users, AuditService audit) {
        this.publications = publications;
        this.users = users;
        this.audit = audit;
    }

    @Override
    public void notify(DelegateTask task) {
        String user = ProcessVariables.currentUser(task, users);
        var assessment = publications.assess(ProcessVariables.measureId(task),
                ProcessVariables.string(task, "completionLevel"), ProcessVariables.string(task, "summary"), user);
        audit.change(user, "FINAL_ASSESSMENT_GIVEN", "measure", assessment.measureId(), assessment.completionLevel());
        task.removeVariable("completionLevel");
        task.removeVariable("summary");
    }
}
