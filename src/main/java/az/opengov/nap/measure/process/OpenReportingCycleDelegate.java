package az.opengov.nap.measure.process;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.process.MeasureExecution.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_OpenReportingCycle: asks every agency taking part now for a report. The deadlines that drive the reports' timers
 * (due date, reminder, escalation, window) are the same for every agency when a cycle opens: they are set once here,
 * on the cycle's scope, where every agency's report finds them; an agency whose deadlines differ (added later, or
 * moved) has its own on its report's scope ({@link AgencyReportStartedListener}). Four variables less for each of up
 * to 150 agencies a measure.
 */
@Component("openReportingCycle")
class OpenReportingCycleDelegate implements JavaDelegate {

    private final CycleService cycles;

    OpenReportingCycleDelegate(CycleService cycles) {
        this.cycles = cycles;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long measureId = ProcessVariables.measureId(execution);
        int cycle = ProcessVariables.cycleNumber(execution);
        int count = cycles.openCycle(measureId, cycle);
        execution.setVariable(Variables.PARTICIPANT_COUNT, count);
        execution.setVariablesLocal(cycles.cycleDeadlines(measureId, cycle).variables());
    }
}
