package az.opengov.nap.worklist;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The work items the current transaction read under their lock, by task id, as they are now: no one else can change
 * them before it ends, so they are not read again. Gone when the transaction ends, committed or not.
 */
final class ReadInTransaction {

    private static final Object KEY = ReadInTransaction.class;

    private ReadInTransaction() {
    }

    static void locked(WorkItem item) {
        Map<String, WorkItem> items = items(true);
        if (items != null) {
            items.put(item.taskId(), item);
        }
    }

    static Optional<WorkItem> find(String taskId) {
        Map<String, WorkItem> items = items(false);
        return items == null ? Optional.empty() : Optional.ofNullable(items.get(taskId));
    }

    /** The item's state changed in this transaction (it ended); its measure, cycle and agency stay. */
    static void ended(String taskId, String state) {
        Map<String, WorkItem> items = items(false);
        if (items != null) {
            items.computeIfPresent(taskId, (id, w) -> !"OPEN".equals(w.state()) ? w : new WorkItem(w.taskId(), w.processInstanceId(), w.kind(),
                    w.planCode(), w.measureId(), w.measureCode(), w.section(), w.cycleNumber(), w.agencyCode(),
                    w.role(), w.candidateGroup(), w.assignee(), w.reportId(), w.returned(), state, w.createdAt(),
                    w.dueAt()));
        }
    }

    /** Some other change: the item is read again when asked for. */
    static void changed(String taskId) {
        Map<String, WorkItem> items = items(false);
        if (items != null) {
            items.remove(taskId);
        }
    }

    /** The report item of the process and agency that ended in this transaction, if it was read here. */
    static Optional<WorkItem> endedReport(String processInstanceId, String agencyCode) {
        Map<String, WorkItem> items = items(false);
        return items == null ? Optional.empty() : items.values().stream()
                .filter(w -> !"OPEN".equals(w.state()) && w.processInstanceId().equals(processInstanceId)
                        && agencyCode.equals(w.agencyCode())
                        && (w.kind() == WorkKind.REPORT || w.kind() == WorkKind.INVITED_REPORT))
                .findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, WorkItem> items(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<String, WorkItem> items = (Map<String, WorkItem>) TransactionSynchronizationManager.getResource(KEY);
        if (items == null && create) {
            Map<String, WorkItem> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(KEY, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
            items = fresh;
        }
        return items;
    }
}
