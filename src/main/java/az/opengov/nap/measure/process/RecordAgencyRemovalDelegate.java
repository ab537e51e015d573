package az.opengov.nap.measure.process;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.ParticipantStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordAgencyRemoval: the agency's open report ends as "removed by amendment". */
@Component("recordAgencyRemoval")
class RecordAgencyRemovalDelegate implements JavaDelegate {

    private final CycleService cycles;

    RecordAgencyRemovalDelegate(CycleService cycles) {
        this.cycles = cycles;
    }

    @Override
    public void execute(DelegateExecution execution) {
        cycles.setStatus(ProcessVariables.measureId(execution), ProcessVariables.cycleNumber(execution),
                ProcessVariables.agencyCode(execution), ParticipantStatus.REMOVED);
    }
}
