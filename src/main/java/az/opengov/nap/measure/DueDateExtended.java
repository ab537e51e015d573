package az.opengov.nap.measure;

import java.time.LocalDate;

/**
 * An administrator moved an agency's due date while its report task was open; the task (the same one) now falls due
 * on {@code dueDate}. Published in the extension's transaction.
 */
public record DueDateExtended(long measureId, int cycleNumber, String agencyCode, String taskId, LocalDate dueDate) {
}
