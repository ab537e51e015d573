package az.opengov.nap.worklist;

import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.NapException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lists people see, read from the project's own indexed table {@code work_item}, which the engine's task events
 * keep in step in the same transaction, never from per-row engine queries.
 */
@Service
public class WorklistService {

    public static final int MAX_PAGE = 200;

    private final WorkItemRepository items;

    WorklistService(WorkItemRepository items) {
        this.items = items;
    }

    /** The task's item; one this transaction holds locked is not read again. */
    public Optional<WorkItem> find(String taskId) {
        Optional<WorkItem> locked = ReadInTransaction.find(taskId);
        return locked.isPresent() ? locked : items.find(taskId);
    }

    /**
     * The task as it is once no one else is acting on it: its row stays locked until the caller's transaction ends, so
     * that people completing the same task at once take turns and the later ones find it closed.
     */
    public Optional<WorkItem> lock(String taskId) {
        Optional<WorkItem> item = items.findForUpdate(taskId);
        item.ifPresent(ReadInTransaction::locked);
        return item;
    }

    public WorkItem get(String taskId) {
        return items.find(taskId).orElseThrow(() -> NapException.notFound("task", taskId));
    }

    /** Open tasks of the given candidate groups, earliest due first. */
    public List<WorkItem> open(Collection<String> groups, int page, int size) {
        if (groups.isEmpty()) {
            return List.of();
        }
        return items.open(groups, page * clamp(size), clamp(size), false).items();
    }

    /**
     * A page of {@link #open}, how many tasks the groups have open in all and the titles of the page's measures: one
     * statement, if the page has any.
     */
    public OpenPage openPage(Collection<String> groups, int page, int size) {
        if (groups.isEmpty()) {
            return new OpenPage(List.of(), 0, Map.of());
        }
        return items.open(groups, page * clamp(size), clamp(size), true);
    }

    /** @param measureTitles the title of each measure of the page, by its id */
    public record OpenPage(List<WorkItem> items, long total, Map<Long, String> measureTitles) {
    }

    /** Reports waiting for review and measures waiting for their final assessment, oldest first. */
    public List<WorkItem> reviewQueue(int page, int size) {
        return items.reviewQueue(page * clamp(size), clamp(size));
    }

    public List<WorkItem> overdue(int page, int size) {
        return items.overdue(Clock.now(), page * clamp(size), clamp(size));
    }

    public List<WorkItem> openForMeasure(long measureId) {
        return items.openForMeasure(measureId);
    }

    /**
     * An agency's open report task (executor's or invited body's) in a measure's cycle, if it has one; one this
     * transaction holds locked (the reminders it raises) is not read again.
     */
    public Optional<WorkItem> openReport(long measureId, int cycle, String agencyCode) {
        Optional<WorkItem> locked = ReadInTransaction.openReport(measureId, cycle, agencyCode);
        return locked.isPresent() ? locked : items.openReport(measureId, cycle, agencyCode);
    }

    /**
     * @param remindAt   when the agency is to be reminded of it (a report's follow-up date), or {@code null}
     * @param escalateAt when it is first escalated if still open (an executor's report: the day after its due date),
     *                   or {@code null}
     */
    @Transactional
    void opened(WorkItem item, Instant remindAt, Instant escalateAt) {
        items.insert(item, remindAt, escalateAt);
    }

    /**
     * Open report items whose reminder is due at {@code now}, the earliest first, at most {@code limit}, of the given
     * process instances (of all when none is given): locked until the caller's transaction ends (another node skips
     * them). Call inside a transaction, and mark them with {@link #reminded} in it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<WorkItem> remindersDue(Instant now, Collection<String> processInstanceIds, int limit) {
        return locked(items.remindersDue(now, processInstanceIds, limit));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void reminded(Collection<String> taskIds, Instant at) {
        if (!taskIds.isEmpty()) {
            items.reminded(taskIds, at);
        }
    }

    /** Raising the item's reminder failed: it is due again at {@code next}, with the error kept beside it. */
    @Transactional
    public void reminderFailed(String taskId, Instant next, String error) {
        items.reminderFailed(taskId, next, error);
    }

    /**
     * Open report items whose next escalation is due at {@code now}, as {@link #remindersDue} for reminders; mark
     * them with {@link #escalated} in the same transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<WorkItem> escalationsDue(Instant now, Collection<String> processInstanceIds, int limit) {
        return locked(items.escalationsDue(now, processInstanceIds, limit));
    }

    /** Their escalations are raised; each is next escalated at {@code next}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void escalated(Collection<String> taskIds, Instant next, Instant at) {
        if (!taskIds.isEmpty()) {
            items.escalated(taskIds, next, at);
        }
    }

    /** Raising the item's escalation failed: it is due again at {@code next}, with the error kept beside it. */
    @Transactional
    public void escalationFailed(String taskId, Instant next, String error) {
        items.escalationFailed(taskId, next, error);
    }

    /** Items this transaction holds locked: read from here again within it (the mail of what it raises). */
    private static List<WorkItem> locked(List<WorkItem> items) {
        items.forEach(ReadInTransaction::locked);
        return items;
    }

    @Transactional
    void ended(String taskId, String state) {
        items.end(taskId, state, Clock.now());
        ReadInTransaction.ended(taskId, state);
    }

    /**
     * The report item of the process and agency that this transaction locked and ended: what a review task that
     * follows it shares with it (measure, cycle, agency, role), without reading the process's variables again.
     */
    Optional<WorkItem> endedReport(String processInstanceId, String agencyCode) {
        return ReadInTransaction.endedReport(processInstanceId, agencyCode);
    }

    @Transactional
    void assigned(String taskId, String assignee) {
        items.assign(taskId, assignee);
        ReadInTransaction.changed(taskId);
    }

    @Transactional
    void datesChanged(String taskId, Instant due, Instant followUp, Instant escalateAt) {
        items.dates(taskId, due, followUp, escalateAt);
        ReadInTransaction.changed(taskId);
    }

    private static int clamp(int size) {
        return Math.max(1, Math.min(size, MAX_PAGE));
    }
}
