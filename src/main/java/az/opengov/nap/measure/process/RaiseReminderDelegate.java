package az.opengov.nap.measure.process;

import az.opengov.nap.notification.DeadlineEventService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RaiseReminder and Task_RaiseInvitedReminder of the model's versions before 1.2.0: the reminder point before the
 * due date, run in the reminder timer's transaction. Since 1.2.0 the model has no reminder timers (the reminders are
 * raised from the worklist, see {@code notification.Reminders}); this stays for the reports of instances started on
 * an earlier version, whose timers still fire. A reminder raised both ways is recorded once (by report and due date).
 */
@Component("raiseReminder")
class RaiseReminderDelegate implements JavaDelegate {

    private final DeadlineEventService deadlines;

    RaiseReminderDelegate(DeadlineEventService deadlines) {
        this.deadlines = deadlines;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long measureId = ProcessVariables.measureId(execution);
        int cycle = ProcessVariables.cycleNumber(execution);
        String agency = ProcessVariables.agencyCode(execution);
        deadlines.remind(measureId, cycle, agency, ProcessVariables.dueDate(execution));
    }
}
