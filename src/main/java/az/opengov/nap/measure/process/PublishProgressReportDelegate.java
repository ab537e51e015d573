package az.opengov.nap.measure.process;

import az.opengov.nap.audit.AuditService;
import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.ParticipantStatus;
import az.opengov.nap.publication.PublicationService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_PublishProgressReport: the approved report goes public, once. */
@Component("publishProgressReport")
class PublishProgressReportDelegate implements JavaDelegate {

    private final PublicationService publications;
    private final CycleService cycles;
    private final AuditService audit;

    PublishProgressReportDelegate(PublicationService publications, CycleService cycles, AuditService audit) {
        this.publications = publications;
        this.cycles = cycles;
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var publication = publications.publish(ProcessVariables.reportId(execution));
        audit.change("system", "REPORT_PUBLISHED", "report", publication.reportId(),
                "publication " + publication.id());
        cycles.setStatus(ProcessVariables.measureId(execution), ProcessVariables.cycleNumber(execution),
                ProcessVariables.agencyCode(execution), ParticipantStatus.PUBLISHED);
    }
}
