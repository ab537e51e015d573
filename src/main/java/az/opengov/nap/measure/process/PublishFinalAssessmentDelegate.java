package az.opengov.nap.measure.process;

import az.opengov.nap.audit.AuditService;
import az.opengov.nap.plan.MeasureStatus;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.publication.PublicationService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_PublishFinalAssessment: the final assessment goes public and the measure is completed. */
@Component("publishFinalAssessment")
class PublishFinalAssessmentDelegate implements JavaDelegate {

    private final PublicationService publications;
    private final PlanService plans;
    private final AuditService audit;

    PublishFinalAssessmentDelegate(PublicationService publications, PlanService plans, AuditService audit) {
        this.publications = publications;
        this.plans = plans;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long measureId = ProcessVariables.measureId(execution);
        publications.publishAssessment(measureId);
        plans.setStatus(measureId, MeasureStatus.COMPLETED, null);
        audit.change("system", "FINAL_ASSESSMENT_PUBLISHED", "measure", measureId, null);
    }
}
