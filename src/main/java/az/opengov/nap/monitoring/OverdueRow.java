package az.opengov.nap.monitoring;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One overdue task: a report an agency owes, or a review the commission owes.
 *
 * @param dueDate     the report's due date; for a review, the day its review was due (submitted + review days)
 * @param daysOverdue calendar days past {@code dueDate} (Baku)
 * @param bucket      {@code 1-7}, {@code 8-30} or {@code 31+}
 */
public record OverdueRow(String taskId, String kind, String planCode, long measureId, String measureCode,
                         String measureTitle, int section, Integer cycle, String agencyCode, String agencyName,
                         String role, boolean returned, Instant createdAt, LocalDate dueDate, long daysOverdue,
                         String bucket) {
}
