package az.opengov.nap.measure.process;

import az.opengov.nap.plan.MeasureStatus;
import az.opengov.nap.plan.PlanService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordCancellation: the measure is cancelled; its open tasks end with the process. */
@Component("recordCancellation")
class RecordCancellationDelegate implements JavaDelegate {

    private final PlanService plans;

    RecordCancellationDelegate(PlanService plans) {
        this.plans = plans;
    }

    @Override
    public void execute(DelegateExecution execution) {
        plans.setStatus(ProcessVariables.measureId(execution), MeasureStatus.CANCELLED, null);
    }
}
