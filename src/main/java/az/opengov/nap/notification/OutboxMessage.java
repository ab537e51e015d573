package az.opengov.nap.notification;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A queued mail as administrators see it. The bodies are filled only when one message is read (a message about a
 * report gets them when it leaves, from its model; read before, they are written for the reader). The summary is what
 * it is about in one line (plan, measure, agency), listed in a mail that joins it with others.
 */
public record OutboxMessage(long id, MailKind kind, OutboxStatus status, String recipient, String locale,
                            String subject, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
                            Instant sentAt, Long measureId, Integer cycleNumber, String agencyCode, LocalDate dueDate,
                            String link, String lockedBy, String dedupKey, String bodyText, String bodyHtml,
                            String summary, @JsonIgnore String model) {

    /** The same message with these bodies. */
    OutboxMessage withBodies(String text, String html) {
        return new OutboxMessage(id, kind, status, recipient, locale, subject, attempts, nextAttemptAt, lastError,
                createdAt, sentAt, measureId, cycleNumber, agencyCode, dueDate, link, lockedBy, dedupKey, text, html,
                summary, model);
    }
}
