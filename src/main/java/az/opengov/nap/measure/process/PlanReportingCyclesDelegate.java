package az.opengov.nap.measure.process;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.process.MeasureExecution.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_PlanReportingCycles: expands the measure's collectives and lays out its reporting cycles. */
@Component("planReportingCycles")
class PlanReportingCyclesDelegate implements JavaDelegate {

    private final CycleService cycles;

    PlanReportingCyclesDelegate(CycleService cycles) {
        this.cycles = cycles;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(Variables.CYCLE_COUNT, cycles.planCycles(ProcessVariables.measureId(execution)));
    }
}
