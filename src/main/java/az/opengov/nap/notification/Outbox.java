package az.opengov.nap.notification;

import az.opengov.nap.shared.AtCommit;
import az.opengov.nap.shared.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues mail: one outbox row per recipient (all of a mail's rows in one statement on PostgreSQL), written in the
 * caller's transaction (the process step's), so the mail exists exactly when the step committed ({@link
 * #enqueueAtCommit}: just before it commits). It is due at once, or for a kind that {@linkplain MailKind#gathers()
 * gathers} after {@code nap.notification.gather-window}. A mail already queued for the same occasion and address is
 * not queued again. A malformed address is stored as REJECTED, for administrators to see, and never blocks the others.
 */
@Component
class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final OutboxRepository rows;
    private final NotificationProperties properties;

    Outbox(OutboxRepository rows, NotificationProperties properties) {
        this.rows = rows;
        this.properties = properties;
    }

    /**
     * @param key        the occasion, see {@link #key}
     * @param recipients each address once
     * @param write      the mail in one language (called once per language)
     * @return how many rows were added
     */
    @Transactional(propagation = Propagation.REQUIRED)
    int enqueue(String key, MailKind kind, Long measureId, Integer cycle, String agencyCode,
                java.time.LocalDate dueDate, String link, List<Recipient> recipients,
                Function<Locale, RenderedMail> write) {
        AtCommit.flush(Outbox.class);
        return rows.insertAll(rows(key, kind, measureId, cycle, agencyCode, dueDate, link, recipients, write));
    }

    /**
     * As {@link #enqueue}, for a caller that does not ask how many rows were added: the rows are written with the
     * others this transaction queues this way, just before it commits (one statement for the requests of the up to
     * 150 reports a cycle's opening job starts, instead of one each).
     */
    void enqueueAtCommit(String key, MailKind kind, Long measureId, Integer cycle, String agencyCode,
                         java.time.LocalDate dueDate, String link, List<Recipient> recipients,
                         Function<Locale, RenderedMail> write) {
        for (OutboxRepository.NewRow row : rows(key, kind, measureId, cycle, agencyCode, dueDate, link, recipients,
                write)) {
            AtCommit.add(Outbox.class, row, rows::insertAll);
        }
    }

    private List<OutboxRepository.NewRow> rows(String key, MailKind kind, Long measureId, Integer cycle,
                                               String agencyCode, java.time.LocalDate dueDate, String link,
                                               List<Recipient> recipients, Function<Locale, RenderedMail> write) {
        Map<Locale, RenderedMail> written = new HashMap<>();
        List<OutboxRepository.NewRow> added = new ArrayList<>();
        Instant now = Clock.now();
        // a cycle's request waits, gathering what follows for the address (see MailKind.gathers)
        Instant leaves = kind.gathers() ? now.plus(properties.gatherWindow()) : now;
        for (Recipient r : Recipients.union(List.of(recipients))) {
            RenderedMail mail = written.computeIfAbsent(r.locale(), write);
            boolean valid = MailAddresses.valid(r.address());
            String address = valid ? r.address() : OutboxRepository.truncate(r.address(), 320);
            if (!valid) {
                log.warn("Mail {} not queued for a malformed address: {}", key, MailAddresses.oneLine(address));
            }
            added.add(new OutboxRepository.NewRow(key, kind, measureId, cycle, agencyCode, dueDate, address,
                    r.locale().getLanguage(), mail.subject(), mail.text(), mail.html(), link,
                    valid ? OutboxStatus.PENDING : OutboxStatus.REJECTED,
                    valid ? null : "malformed or unsafe address", now, leaves, mail.summary(), mail.model()));
        }
        return added;
    }

    /**
     * The occasion of a mail: its kind, measure, cycle, agency and due date, and where one occasion repeats a
     * discriminator (the escalation's sequence, the report's id, the ISO week).
     */
    static String key(MailKind kind, Long measureId, Integer cycle, String agencyCode, java.time.LocalDate dueDate,
                      Object discriminator) {
        return kind + "|m=" + (measureId == null ? "-" : measureId) + "|c=" + (cycle == null ? "-" : cycle)
                + "|a=" + (agencyCode == null ? "-" : agencyCode) + "|d=" + (dueDate == null ? "-" : dueDate)
                + "|" + (discriminator == null ? "-" : discriminator);
    }
}
