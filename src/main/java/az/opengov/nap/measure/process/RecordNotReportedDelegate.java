package az.opengov.nap.measure.process;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.ParticipantStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordNotReported: an invited body's window closed without a report. */
@Component("recordNotReported")
class RecordNotReportedDelegate implements JavaDelegate {

    private final CycleService cycles;

    RecordNotReportedDelegate(CycleService cycles) {
        this.cycles = cycles;
    }

    @Override
    public void execute(DelegateExecution execution) {
        cycles.setStatus(ProcessVariables.measureId(execution), ProcessVariables.cycleNumber(execution),
                ProcessVariables.agencyCode(execution), ParticipantStatus.NOT_REPORTED);
    }
}
