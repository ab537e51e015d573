package az.opengov.nap.notification;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A queued mail as administrators see it. The bodies are filled only when one message is read. The summary is what
 * it is about in one line (plan, measure, agency), listed in a mail that joins it with others.
 */
public record OutboxMessage(long id, MailKind kind, OutboxStatus status, String recipient, String locale,
                            String subject, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
                            Instant sentAt, Long measureId, Integer cycleNumber, String agencyCode, LocalDate dueDate,
                            String link, String lockedBy, String dedupKey, String bodyText, String bodyHtml,
                            String summary) {
}
