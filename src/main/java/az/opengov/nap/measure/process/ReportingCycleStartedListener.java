package az.opengov.nap.measure.process;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.process.MeasureExecution.Variables;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Start of each SubProcess_ReportingCycle instance: which cycle it is and when its reports are asked for. */
@Component("reportingCycleStarted")
class ReportingCycleStartedListener implements ExecutionListener {

    private final CycleService cycles;

    ReportingCycleStartedListener(CycleService cycles) {
        this.cycles = cycles;
    }

    @Override
    public void notify(DelegateExecution execution) {
        int number = ((Number) execution.getVariable(Variables.LOOP_COUNTER)).intValue() + 1;
        execution.setVariableLocal(Variables.CYCLE_NUMBER, number);
        execution.setVariableLocal(Variables.CYCLE_OPENS_AT,
                Date.from(cycles.opensAt(ProcessVariables.measureId(execution), number)));
        execution.setVariableLocal(Variables.PARTICIPANT_COUNT, 0);
    }
}
