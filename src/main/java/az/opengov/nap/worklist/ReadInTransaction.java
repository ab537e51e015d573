package az.opengov.nap.worklist;

import az.opengov.nap.shared.TransactionCache;
import java.util.Map;
import java.util.Optional;

/**
 * The work items the current transaction read under their lock, by task id, as they are now: no one else can change
 * them before it ends, so they are not read again. Gone when the transaction ends, committed or not, and not seen
 * by a transaction that runs while it is suspended.
 */
final class ReadInTransaction {

    private ReadInTransaction() {
    }

    static void locked(WorkItem item) {
        Map<String, WorkItem> items = items();
        if (items != null) {
            items.put(item.taskId(), item);
        }
    }

    static Optional<WorkItem> find(String taskId) {
        Map<String, WorkItem> items = items();
        return items == null ? Optional.empty() : Optional.ofNullable(items.get(taskId));
    }

    /** The item's state changed in this transaction (it ended); its measure, cycle and agency stay. */
    static void ended(String taskId, String state) {
        Map<String, WorkItem> items = items();
        if (items != null) {
            items.computeIfPresent(taskId, (id, w) -> !"OPEN".equals(w.state()) ? w
                    : new WorkItem(w.taskId(), w.processInstanceId(), w.kind(), w.planCode(), w.measureId(),
                    w.measureCode(), w.section(), w.cycleNumber(), w.agencyCode(), w.role(), w.candidateGroup(),
                    w.assignee(), w.reportId(), w.returned(), state, w.createdAt(), w.dueAt()));
        }
    }

    /** Some other change: the item is read again when asked for. */
    static void changed(String taskId) {
        Map<String, WorkItem> items = items();
        if (items != null) {
            items.remove(taskId);
        }
    }

    /** The report item of the process and agency that ended in this transaction, if it was read here. */
    static Optional<WorkItem> endedReport(String processInstanceId, String agencyCode) {
        Map<String, WorkItem> items = items();
        return items == null ? Optional.empty() : items.values().stream()
                .filter(w -> !"OPEN".equals(w.state()) && w.processInstanceId().equals(processInstanceId)
                        && agencyCode.equals(w.agencyCode())
                        && (w.kind() == WorkKind.REPORT || w.kind() == WorkKind.INVITED_REPORT))
                .findFirst();
    }

    /** The open report item of the measure's cycle and agency, if this transaction holds it locked. */
    static Optional<WorkItem> openReport(long measureId, int cycle, String agencyCode) {
        Map<String, WorkItem> items = items();
        return items == null ? Optional.empty() : items.values().stream()
                .filter(w -> "OPEN".equals(w.state()) && w.measureId() == measureId
                        && Integer.valueOf(cycle).equals(w.cycleNumber()) && agencyCode.equals(w.agencyCode())
                        && (w.kind() == WorkKind.REPORT || w.kind() == WorkKind.INVITED_REPORT))
                .findFirst();
    }

    /** This transaction's items, kept by {@link TransactionCache}. */
    private static Map<String, WorkItem> items() {
        return TransactionCache.map(ReadInTransaction.class);
    }
}
