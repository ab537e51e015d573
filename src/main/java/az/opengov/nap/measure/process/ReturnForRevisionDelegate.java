package az.opengov.nap.measure.process;

import az.opengov.nap.measure.AgencyScope;
import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.process.MeasureExecution.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ReturnForRevision: the report goes back to its agency with a new due date; its timers start again. */
@Component("returnForRevision")
class ReturnForRevisionDelegate implements JavaDelegate {

    private final CycleService cycles;

    ReturnForRevisionDelegate(CycleService cycles) {
        this.cycles = cycles;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var deadlines = cycles.reopenForRevision(ProcessVariables.measureId(execution),
                ProcessVariables.cycleNumber(execution), ProcessVariables.agencyCode(execution));
        // on the agency's own scope: the cycle's scope holds the deadlines every other agency of the cycle shares
        AgencyScope.of(execution).setVariablesLocal(deadlines.variables());
        execution.setVariable(Variables.DECISION, null);
    }
}
