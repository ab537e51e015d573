package az.opengov.nap.notification;

import az.opengov.nap.shared.Clock;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorklistService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Raises the reminders that are due: a report's reminder falls due at its task's follow-up date (the model sets it to
 * the cycle's reminder point, or to the agency's own after an extension or a return), kept in {@code work_item}. The
 * poller ({@code nap.notification.reminder-poll}, on every node) takes the due items a batch at a time, each batch in
 * one transaction: the items are locked ({@code for update skip locked}: two nodes never take the same), each
 * reminder is recorded ({@link DeadlineEventService#remind}, at most once per report and due date) and queued as mail
 * with it, and the items are marked reminded. A cycle's 9,000 reminders due at 09:00 are 60 transactions, not 9,000
 * engine timer jobs each reading its measure's whole execution tree.
 *
 * <p>A batch that fails is done again one item at a time, each in its own transaction, so one item that cannot be
 * reminded (its agency's mail cannot be written, say) holds up no other: it keeps its error beside it
 * ({@code work_item.reminder_error}, logged) and is tried again after {@link #RETRY_AFTER}. A report submitted before
 * its batch ran is not reminded (its item is no longer open); one whose due date has passed neither (the escalation
 * speaks then).
 */
@Component
public class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);

    /** Reminders one transaction raises: a measure's cycle has up to 150 agencies. */
    static final int BATCH = 150;
    /** The wait before an item whose reminder failed is tried again. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(10);

    private final WorklistService worklist;
    private final DeadlineEventService deadlines;
    private final TransactionTemplate tx;

    Reminders(WorklistService worklist, DeadlineEventService deadlines, PlatformTransactionManager transactions) {
        this.worklist = worklist;
        this.deadlines = deadlines;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Raises every reminder due now, a batch at a time, until none is left. Safe to run on several nodes at once.
     *
     * @return how many reminders were raised
     */
    public int raiseDue() {
        return raiseDueOf(List.of());
    }

    /**
     * Raises the reminders due now of the given measures' process instances only (of all when none is given): what
     * {@link #raiseDue()} would raise of them.
     *
     * @return how many reminders were raised
     */
    public int raiseDueOf(Collection<String> processInstanceIds) {
        int raised = 0;
        while (true) {
            Instant now = Clock.now();
            Batch batch;
            try {
                batch = tx.execute(s -> raise(worklist.remindersDue(now, processInstanceIds, BATCH), now));
            } catch (RuntimeException e) {
                log.warn("A batch of reminders failed, each is tried on its own: {}", e.toString());
                batch = oneByOne(now, processInstanceIds);
            }
            raised += batch.raised();
            if (batch.taken() < BATCH) {
                return raised;
            }
        }
    }

    private record Batch(int taken, int raised) {
    }

    private Batch raise(List<WorkItem> items, Instant now) {
        int raised = 0;
        for (WorkItem item : items) {
            raised += remind(item) ? 1 : 0;
        }
        worklist.reminded(items.stream().map(WorkItem::taskId).toList(), now);
        return new Batch(items.size(), raised);
    }

    /** After a failed batch: the same items, each in its own transaction; one that fails waits for its retry. */
    private Batch oneByOne(Instant now, Collection<String> processInstanceIds) {
        int taken = 0;
        int raised = 0;
        while (taken < BATCH) {
            Batch one;
            AtomicReference<WorkItem> taking = new AtomicReference<>();
            try {
                one = tx.execute(s -> {
                    List<WorkItem> items = worklist.remindersDue(now, processInstanceIds, 1);
                    items.stream().findFirst().ifPresent(taking::set);
                    return raise(items, now);
                });
            } catch (RuntimeException e) {
                WorkItem failed = taking.get();
                if (failed == null) {
                    throw e; // not an item's fault: the database, say; the next round tries again
                }
                log.error("The reminder of task {} (measure {}, cycle {}, agency {}) failed; tried again after {}",
                        failed.taskId(), failed.measureId(), failed.cycleNumber(), failed.agencyCode(), RETRY_AFTER, e);
                worklist.reminderFailed(failed.taskId(), now.plus(RETRY_AFTER), e.toString());
                taken++;
                continue;
            }
            if (one.taken() == 0) {
                break;
            }
            taken++;
            raised += one.raised();
        }
        return new Batch(taken, raised);
    }

    private boolean remind(WorkItem item) {
        if (item.cycleNumber() == null || item.agencyCode() == null || item.dueAt() == null) {
            return false;
        }
        LocalDate due = LocalDate.ofInstant(item.dueAt(), Clock.BAKU);
        return deadlines.remind(item.measureId(), item.cycleNumber(), item.agencyCode(), due).isPresent();
    }
}
