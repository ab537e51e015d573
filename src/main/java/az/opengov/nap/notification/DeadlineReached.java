package az.opengov.nap.notification;

import java.time.LocalDate;

/**
 * A domain event: a report's reminder or escalation point was reached. Raised inside the process step's transaction,
 * once per (measure, cycle, agency, kind, due date, sequence).
 */
public record DeadlineReached(long measureId, int cycleNumber, String agencyCode, DeadlineKind kind,
                              LocalDate dueDate, int daysOverdue, int sequence) {
}
