package az.opengov.nap.measure.process;

import az.opengov.nap.publication.PublicationService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Completion of Task_FinalAssessment from any channel: checked and recorded; the values leave the process. */
@Component("finalAssessmentGiven")
class FinalAssessmentGivenListener implements TaskListener {

    private final PublicationService publications;

    FinalAssessmentGivenListener(PublicationService publications) {
        this.publications = publications;
    }

    @Override
    public void notify(DelegateTask task) {
        publications.assess(ProcessVariables.measureId(task), ProcessVariables.string(task, "completionLevel"),
                ProcessVariables.string(task, "summary"), ProcessVariables.currentUser(task));
        task.removeVariable("completionLevel");
        task.removeVariable("summary");
    }
}
