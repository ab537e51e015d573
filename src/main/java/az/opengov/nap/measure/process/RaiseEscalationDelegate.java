package az.opengov.nap.measure.process;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.notification.DeadlineEventService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RaiseEscalation of the model's versions before 1.3.0: an executor's report is overdue (the day after due and
 * every few days after), run after the escalation timer. Since 1.3.0 the model has no escalation timers (the
 * escalations are raised from the worklist, see {@code notification.Escalations}); this stays for the reports of
 * instances started on an earlier version, whose timers still fire. An escalation point raised both ways is recorded
 * once. The due date is the one the escalation timer was set from (the report's variable).
 */
@Component("raiseEscalation")
class RaiseEscalationDelegate implements JavaDelegate {

    private final CycleService cycles;
    private final DeadlineEventService deadlines;

    RaiseEscalationDelegate(CycleService cycles, DeadlineEventService deadlines) {
        this.cycles = cycles;
        this.deadlines = deadlines;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long measureId = ProcessVariables.measureId(execution);
        int cycle = ProcessVariables.cycleNumber(execution);
        String agency = ProcessVariables.agencyCode(execution);
        deadlines.escalate(measureId, cycle, agency, ProcessVariables.dueDate(execution),
                cycles.calendar(measureId).escalationDays());
    }
}
