package az.opengov.nap.measure.process;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.notification.DeadlineEventService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RaiseReminder and Task_RaiseInvitedReminder: the reminder point before the due date. */
@Component("raiseReminder")
class RaiseReminderDelegate implements JavaDelegate {

    private final CycleService cycles;
    private final DeadlineEventService deadlines;

    RaiseReminderDelegate(CycleService cycles, DeadlineEventService deadlines) {
        this.cycles = cycles;
        this.deadlines = deadlines;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long measureId = ProcessVariables.measureId(execution);
        int cycle = ProcessVariables.cycleNumber(execution);
        String agency = ProcessVariables.agencyCode(execution);
        deadlines.remind(measureId, cycle, agency, cycles.participant(measureId, cycle, agency).dueDate());
    }
}
