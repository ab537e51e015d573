package az.opengov.nap.notification;

import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.NapException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notification feature's public face: the outbox as administrators read it, their retry of a failed mail, and
 * the weekly digest. Mail itself is queued by the feature's event listeners, never by callers.
 */
@Service
public class NotificationService {

    public static final int MAX_PAGE = 200;

    private final OutboxRepository outbox;
    private final WeeklyDigest digest;
    private final Outbox queue;
    private final NotificationListener listener;
    private final MailComposer composer;

    NotificationService(OutboxRepository outbox, WeeklyDigest digest, Outbox queue, NotificationListener listener,
                        MailComposer composer) {
        this.outbox = outbox;
        this.digest = digest;
        this.queue = queue;
        this.listener = listener;
        this.composer = composer;
    }

    /**
     * Queues a mail another feature has written (the portal's follow mails), in the caller's transaction, once per
     * ({@code occasion}, recipient). {@code listUnsubscribe} becomes the mail's one-click unsubscribe address.
     */
    @Transactional
    public void enqueueWritten(String occasion, String recipient, java.util.Locale locale, String subject,
                               String text, String listUnsubscribe) {
        String html = "<pre style=\"font-family:inherit;white-space:pre-wrap\">"
                + org.springframework.web.util.HtmlUtils.htmlEscape(text) + "</pre>";
        queue.enqueue(Outbox.key(MailKind.PORTAL, null, null, null, null, occasion), MailKind.PORTAL, null, null,
                null, null, listUnsubscribe, java.util.List.of(new Recipient(recipient, locale)),
                l -> new RenderedMail(locale, MailAddresses.oneLine(subject), text, html));
    }

    /**
     * An administrator's reminder, now: the agency's reminder (an invitation's reminder for a recommended body) about
     * its report for the measure and cycle, queued in the caller's transaction, at most once a day (Baku).
     *
     * @return mails queued: 0 when today's reminder was queued already or the agency has no address
     */
    @Transactional
    public int remindNow(long measureId, int cycle, String agencyCode) {
        return listener.remindNow(measureId, cycle, agencyCode);
    }

    /** Messages newest first, all or those in one status. */
    public OutboxPage outbox(OutboxStatus status, int page, int size) {
        int s = Math.max(1, Math.min(size, MAX_PAGE));
        int p = Math.max(0, page);
        return new OutboxPage(outbox.page(status, p * s, s), outbox.count(status), p, s);
    }

    /**
     * One message with its text and HTML as they are (or will be) sent: a message about a report still waiting has
     * them written now from its model, as they will leave.
     */
    public OutboxMessage message(long id) {
        OutboxMessage m = outbox.find(id, true).orElseThrow(() -> NapException.notFound("mail", id));
        RenderedMail written = composer.written(m);
        return m.withBodies(written.text(), written.html());
    }

    /** An administrator sends a FAILED message again: it is due now, with a fresh series of attempts. */
    @Transactional
    public OutboxMessage retry(long id) {
        OutboxMessage m = message(id);
        if (!outbox.retry(id, Clock.now())) {
            throw NapException.conflict("error.outbox.notRetryable", m.status());
        }
        return message(id);
    }

    /** Queues this ISO week's digests (once per week, whoever calls it how often). @return mails queued */
    public int enqueueWeeklyDigests() {
        return digest.enqueue();
    }
}
