package az.opengov.nap.notification;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.Deadlines;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorklistService;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Raises the escalations that are due: an executor's report still open the day after its due date is escalated at
 * 09:00 (Baku) that day and every {@code escalationDays} of its plan's calendar after, until it is submitted. The next
 * point is kept in {@code work_item.escalate_at}; the deadline poller takes the due items a batch at a time
 * ({@link WorklistPoll}), records each escalation ({@link DeadlineEventService#escalate}: the point the calendar puts
 * now, once, however late the poll) and sets the item's next point. A failing item keeps its error in
 * {@code work_item.escalation_error}. Invited bodies are never escalated (their items have no escalation point).
 * Reports of process instances started on model 1.2.0 also have an escalation timer; both record the same points, so
 * each is raised once.
 */
@Component
public class Escalations extends WorklistPoll {

    private final WorklistService worklist;
    private final DeadlineEventService deadlines;
    private final CycleService cycles;

    Escalations(WorklistService worklist, DeadlineEventService deadlines, CycleService cycles,
                PlatformTransactionManager transactions) {
        super(transactions, "escalation");
        this.worklist = worklist;
        this.deadlines = deadlines;
        this.cycles = cycles;
    }

    @Override
    List<WorkItem> due(Instant now, Collection<String> processInstanceIds, int limit) {
        return worklist.escalationsDue(now, processInstanceIds, limit);
    }

    @Override
    int raise(List<WorkItem> items, Instant now) {
        int raised = 0;
        // the items of one measure and due date have the same next point: one update for each
        Map<Instant, List<String>> byNext = new LinkedHashMap<>();
        for (WorkItem item : items) {
            if (item.cycleNumber() == null || item.agencyCode() == null || item.dueAt() == null) {
                byNext.computeIfAbsent(null, k -> new ArrayList<>()).add(item.taskId());
                continue;
            }
            LocalDate due = LocalDate.ofInstant(item.dueAt(), Clock.BAKU);
            int everyDays = cycles.calendar(item.measureId()).escalationDays();
            raised += deadlines.escalate(item.measureId(), item.cycleNumber(), item.agencyCode(), due, everyDays)
                    .isPresent() ? 1 : 0;
            byNext.computeIfAbsent(Deadlines.nextEscalation(due, everyDays, now), k -> new ArrayList<>())
                    .add(item.taskId());
        }
        byNext.forEach((next, taskIds) -> worklist.escalated(taskIds, next, now));
        return raised;
    }

    @Override
    void failed(String taskId, Instant next, String error) {
        worklist.escalationFailed(taskId, next, error);
    }
}
