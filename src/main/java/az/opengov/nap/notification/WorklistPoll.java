package az.opengov.nap.notification;

import az.opengov.nap.shared.Clock;
import az.opengov.nap.worklist.WorkItem;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Raises the deadlines of report tasks that are due, from the worklist, a batch at a time ({@link Reminders},
 * {@link Escalations}). Each batch is one transaction: its items are locked ({@code for update skip locked}: two nodes
 * never take the same), each deadline is recorded ({@link DeadlineEventService}, at most once per report, due date and
 * point) and queued as mail with it, and the items are marked. A cycle's 9,000 deadlines due at once are 60
 * transactions, not 9,000 engine timer jobs each reading its measure's whole execution tree.
 *
 * <p>A batch that fails is done again one item at a time, each in its own transaction, so one item that cannot be
 * raised (its agency's mail cannot be written, say) holds up no other: it keeps its error beside it (logged) and is
 * tried again after {@link #RETRY_AFTER}.
 */
abstract class WorklistPoll {

    private static final Logger log = LoggerFactory.getLogger(WorklistPoll.class);

    /** Deadlines one transaction raises: a measure's cycle has up to 150 agencies. */
    static final int BATCH = 150;
    /** The wait before an item whose deadline failed is tried again. */
    static final Duration RETRY_AFTER = Duration.ofMinutes(10);

    private final TransactionTemplate tx;
    private final String what;

    WorklistPoll(PlatformTransactionManager transactions, String what) {
        this.tx = new TransactionTemplate(transactions);
        this.what = what;
    }

    /** Up to {@code limit} due items of the given process instances (of all when none is given), locked. */
    abstract List<WorkItem> due(Instant now, Collection<String> processInstanceIds, int limit);

    /** Raises the items' deadlines and marks them, in the caller's transaction; @return how many were raised. */
    abstract int raise(List<WorkItem> items, Instant now);

    /** Raising the item's deadline failed: it is due again at {@code next}, with the error kept beside it. */
    abstract void failed(String taskId, Instant next, String error);

    /**
     * Raises every deadline of this kind due now, a batch at a time, until none is left. Safe to run on several nodes
     * at once.
     *
     * @return how many were raised
     */
    public int raiseDue() {
        return raiseDueOf(List.of());
    }

    /**
     * Raises what is due now of the given measures' process instances only (of all when none is given): what
     * {@link #raiseDue()} would raise of them.
     *
     * @return how many were raised
     */
    public int raiseDueOf(Collection<String> processInstanceIds) {
        int raised = 0;
        while (true) {
            Instant now = Clock.now();
            Batch batch;
            try {
                batch = tx.execute(s -> {
                    List<WorkItem> items = due(now, processInstanceIds, BATCH);
                    return new Batch(items.size(), raise(items, now));
                });
            } catch (RuntimeException e) {
                log.warn("A batch of {}s failed, each is tried on its own: {}", what, e.toString());
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

    /** After a failed batch: the same items, each in its own transaction; one that fails waits for its retry. */
    private Batch oneByOne(Instant now, Collection<String> processInstanceIds) {
        int taken = 0;
        int raised = 0;
        while (taken < BATCH) {
            Batch one;
            AtomicReference<WorkItem> taking = new AtomicReference<>();
            try {
                one = tx.execute(s -> {
                    List<WorkItem> items = due(now, processInstanceIds, 1);
                    items.stream().findFirst().ifPresent(taking::set);
                    return new Batch(items.size(), raise(items, now));
                });
            } catch (RuntimeException e) {
                WorkItem failed = taking.get();
                if (failed == null) {
                    throw e; // not an item's fault: the database, say; the next round tries again
                }
                log.error("The {} of task {} (measure {}, cycle {}, agency {}) failed; tried again after {}", what,
                        failed.taskId(), failed.measureId(), failed.cycleNumber(), failed.agencyCode(), RETRY_AFTER, e);
                failed(failed.taskId(), now.plus(RETRY_AFTER), e.toString());
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
}
