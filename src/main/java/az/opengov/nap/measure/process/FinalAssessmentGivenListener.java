package az.opengov.nap.measure.process;

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

    FinalAssessmentGivenListener(PublicationService publications, UserDirectory users) {
        this.publications = publications;
        this.users = users;
    }

    @Override
    public void notify(DelegateTask task) {
        publications.assess(ProcessVariables.measureId(task), ProcessVariables.string(task, "completionLevel"),
                ProcessVariables.string(task, "summary"), ProcessVariables.currentUser(task, users));
        task.removeVariable("completionLevel");
        task.removeVariable("summary");
    }
}
