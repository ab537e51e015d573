package az.opengov.nap.notification;

import az.opengov.nap.agency.Agency;
import java.time.LocalDate;

/**
 * What one mail about a report says, in no language yet: the measure, the cycle and its period, the agency, the due
 * date (a Baku calendar date; due at its end), the days overdue, the reviewer's comment and the link.
 */
record MailFacts(MailKind kind, long measureId, String planCode, String measureCode, String measureTitle,
                 Integer cycleNumber, LocalDate periodStart, LocalDate periodEnd, Agency agency, LocalDate dueDate,
                 int daysOverdue, String comment, String link) {
}
