package az.opengov.nap.notification;

import az.opengov.nap.shared.Clock;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorklistService;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Raises the reminders that are due: a report's reminder falls due at its task's follow-up date (the model sets it to
 * the cycle's reminder point, or to the agency's own after an extension or a return), kept in {@code work_item}. The
 * deadline poller ({@code nap.notification.reminder-poll}, on every node) takes the due items a batch at a time
 * ({@link WorklistPoll}); a failing item keeps its error in {@code work_item.reminder_error}. A report submitted before
 * its batch ran is not reminded (its item is no longer open); one whose due date has passed neither (the escalation
 * speaks then).
 */
@Component
public class Reminders extends WorklistPoll {

    private final WorklistService worklist;
    private final DeadlineEventService deadlines;

    Reminders(WorklistService worklist, DeadlineEventService deadlines, PlatformTransactionManager transactions) {
        super(transactions, "reminder");
        this.worklist = worklist;
        this.deadlines = deadlines;
    }

    @Override
    List<WorkItem> due(Instant now, Collection<String> processInstanceIds, int limit) {
        return worklist.remindersDue(now, processInstanceIds, limit);
    }

    @Override
    int raise(List<WorkItem> items, Instant now) {
        int raised = 0;
        for (WorkItem item : items) {
            raised += remind(item) ? 1 : 0;
        }
        worklist.reminded(items.stream().map(WorkItem::taskId).toList(), now);
        return raised;
    }

    @Override
    void failed(String taskId, Instant next, String error) {
        worklist.reminderFailed(taskId, next, error);
    }

    private boolean remind(WorkItem item) {
        if (item.cycleNumber() == null || item.agencyCode() == null || item.dueAt() == null) {
            return false;
        }
        LocalDate due = LocalDate.ofInstant(item.dueAt(), Clock.BAKU);
        return deadlines.remind(item.measureId(), item.cycleNumber(), item.agencyCode(), due).isPresent();
    }
}
