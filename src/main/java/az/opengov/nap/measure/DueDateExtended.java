package az.opengov.nap.measure;

import az.opengov.nap.shared.TransactionCache;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An administrator moved an agency's due date while its report task was open; the task now falls due on
 * {@code dueDate}. Published in the extension's transaction. Since model 1.4.0 it is the same task. On a measure
 * started before, the extension's message recreates the task: that task's opening is this event, not a new request
 * ({@link #recreated}).
 */
public record DueDateExtended(long measureId, int cycleNumber, String agencyCode, String taskId, LocalDate dueDate) {

    /**
     * Marks, for the rest of the transaction, that the agency's report task about to be created replaces its task of
     * the same report with the new due date (a measure started before model 1.4.0). Outside a transaction nothing is
     * marked.
     */
    static void recreating(long measureId, int cycleNumber, String agencyCode, LocalDate dueDate) {
        Map<List<Object>, LocalDate> marked = TransactionCache.map(DueDateExtended.class);
        if (marked != null) {
            marked.put(List.of(measureId, cycleNumber, agencyCode), dueDate);
        }
    }

    /**
     * The extension that recreated the agency's report task opened in this transaction, with the new task's id; empty
     * when the task is a request of its own.
     */
    public static Optional<DueDateExtended> recreated(long measureId, int cycleNumber, String agencyCode,
                                                      String taskId) {
        Map<List<Object>, LocalDate> marked = TransactionCache.map(DueDateExtended.class);
        LocalDate due = marked == null ? null : marked.get(List.of(measureId, cycleNumber, agencyCode));
        return Optional.ofNullable(due).map(d -> new DueDateExtended(measureId, cycleNumber, agencyCode, taskId, d));
    }
}
