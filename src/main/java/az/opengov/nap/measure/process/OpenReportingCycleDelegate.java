package az.opengov.nap.measure.process;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.process.MeasureExecution.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_OpenReportingCycle: asks every agency taking part now for a report. */
@Component("openReportingCycle")
class OpenReportingCycleDelegate implements JavaDelegate {

    private final CycleService cycles;

    OpenReportingCycleDelegate(CycleService cycles) {
        this.cycles = cycles;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int count = cycles.openCycle(ProcessVariables.measureId(execution), ProcessVariables.cycleNumber(execution));
        execution.setVariable(Variables.PARTICIPANT_COUNT, count);
    }
}
