package az.opengov.nap.measure.process;

import az.opengov.nap.notification.DeadlineEventService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RaiseReminder and Task_RaiseInvitedReminder: the reminder point before the due date, run in the reminder
 * timer's transaction. The due date is the one the timer was set from (the report's variable).
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
