package az.opengov.nap.notification;

import az.opengov.nap.shared.Clock;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox through Spring Mail. It exists only when {@code spring.mail.host} is set; without it mail stays
 * in the outbox, where administrators read it ({@code /admin/outbox}, {@code /api/admin/outbox}).
 *
 * <h2>How a message is delivered</h2>
 * <ol>
 * <li><b>Claim</b> (one short transaction): the oldest due rows, and the other due rows to their addresses, are
 * selected {@code for update skip locked} and each is set to SENDING with this node's id and a lease
 * ({@code locked_until = now + nap.notification.lease}); the attempt is counted. The update re-checks that the row is
 * still due, so two nodes never claim the same row.</li>
 * <li><b>Join</b>: claimed messages of a kind that {@linkplain MailKind#joins() joins}, to the same address in the
 * same language, become one mail listing each (its subject, summary and link), up to {@link #MOST_JOINED}: an
 * agency's sixty reminders due at 09:00 are one mail, not sixty. Every other message is a mail of its own, as it was
 * written.</li>
 * <li><b>Send</b> (no transaction, no lock held): one SMTP exchange per mail (MAIL, RCPT, DATA) over the
 * worker's connection ({@link SmtpConnection}: opened for the first message, kept for the following ones, up to
 * {@code nap.notification.messages-per-connection}, closed when the worker has nothing left), bounded by the SMTP
 * connect, read and write timeouts, which must together stay below the lease (checked at start-up).</li>
 * <li><b>Mark</b> (one short transaction, only while this node still holds the claim), right after the mail's
 * own exchange, before the next mail is sent, each message the mail carries: SENT; or, after a failure,
 * PENDING with the next attempt after the configured backoff (1 min, 5 min, 30 min, 2 h, 6 h by default), and FAILED
 * once the attempts are used up. A rejected address (SMTP 5xx for the recipient) is FAILED at once. An administrator
 * can retry a FAILED message.</li>
 * </ol>
 * A mail that fails does not touch the others of the batch: each is sent and marked on its own. After a
 * failed exchange the connection is closed and the next mail opens a new one; a mail that failed on a
 * connection which had carried mails before (the server may have dropped it) is tried once more on a new one.
 * A node that dies after its claim loses nothing: when the lease runs out the row is due again and any node claims it.
 * Every mail carries an {@code X-NAP-Outbox-Key} header for each message in it (its id, occasion and address), by
 * which a receiving system can recognise a repeat.
 *
 * <h2>Bursts</h2>
 * The scheduled poller runs {@link #deliverAll()}: {@code nap.notification.senders} workers at once, each claiming its
 * own batch and claiming again until a claim finds nothing, so that a burst (a cycle's 9,000 reminders due at
 * 09:00) leaves at the pace of the SMTP server rather than one batch per poll interval. The workers are to each other
 * what two nodes are: each mail still goes claim, send, mark on its own (two workers claiming at once may each take
 * part of what waits for one address: two mails then). Each worker keeps one SMTP connection for
 * its whole drain, which is what makes a burst fast (about 11 ms per message on a kept connection, 60 ms with a
 * connection of its own, against GreenMail on the benchmark machine).
 *
 * <h2>The one duplicate window</h2>
 * At most once per (agency, measure, cycle, kind, due date) and address is guaranteed for queueing: the unique key of
 * {@code mail_outbox} stops timers that fire again, two nodes or retried jobs. Delivery is at least once: if the SMTP
 * server accepted the message but this node could not record SENT (it crashed, lost the database, or the server's
 * final "250 OK" never arrived before the read timeout), the message is sent again after the lease or backoff. This
 * window is as long as one SMTP exchange plus the mark transaction; it cannot be closed without the SMTP server
 * taking part in our transaction.
 *
 * <h2>Configuring SMTP</h2>
 * Spring Boot's own properties: {@code spring.mail.host}, {@code port}, {@code username}, {@code password},
 * {@code properties.mail.smtp.auth}, {@code properties.mail.smtp.starttls.enable}, and the timeouts
 * {@code spring.mail.properties.mail.smtp.connectiontimeout / timeout / writetimeout} (milliseconds; 10 s each by
 * default in {@code application.yaml}, far below the engine's 5-minute job lock and the 2-minute lease).
 */
public class OutboxSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    static final List<String> TIMEOUTS = List.of("mail.smtp.connectiontimeout", "mail.smtp.timeout",
            "mail.smtp.writetimeout");

    private final OutboxRepository outbox;
    private final JavaMailSenderImpl mail;
    private final NotificationProperties properties;
    private final TransactionTemplate tx;
    private final String node;
    private final MailComposer composer;
    private final ExecutorService workers;

    /**
     * @param mail Spring Boot's sender for {@code spring.mail.*}: its session, server and credentials open the
     *             workers' own connections
     */
    OutboxSender(OutboxRepository outbox, JavaMailSenderImpl mail, NotificationProperties properties,
                 MailProperties mailProperties, PlatformTransactionManager transactions, String node,
                 MailComposer composer) {
        this.outbox = outbox;
        this.composer = composer;
        this.mail = mail;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
        this.node = node;
        checkTimeouts(mailProperties.getProperties(), properties.lease());
        AtomicInteger number = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(properties.senders(), r -> {
            Thread t = new Thread(r, "outbox-sender-" + number.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops the workers with the application context. */
    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** Fails at start-up unless every SMTP timeout is set and one whole exchange fits in the lease. */
    static void checkTimeouts(Map<String, String> mailProperties, Duration lease) {
        long total = 0;
        for (String key : TIMEOUTS) {
            String value = mailProperties.get(key);
            long millis;
            try {
                millis = value == null ? -1 : Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                millis = -1;
            }
            if (millis <= 0) {
                throw new IllegalStateException("spring.mail.properties." + key
                        + " must be set to a positive number of milliseconds (a hung SMTP server must not hold a "
                        + "message forever)");
            }
            total += millis;
        }
        if (Duration.ofMillis(total).compareTo(lease) >= 0) {
            throw new IllegalStateException("nap.notification.lease (" + lease + ") must exceed the SMTP connect, read "
                    + "and write timeouts together (" + total + " ms)");
        }
    }

    String node() {
        return node;
    }

    /**
     * One round: claims due messages and delivers them. Safe to run on several nodes at once.
     *
     * @return how many messages the SMTP server accepted (a mail joining several counts each)
     */
    public int deliverDue() {
        try (SmtpConnection smtp = connection()) {
            return round(smtp).sent();
        }
    }

    /**
     * Delivers everything due: {@code nap.notification.senders} workers at once, each repeating rounds until one
     * claims nothing. A worker's failure (the database away) is thrown once all have stopped.
     *
     * @return how many messages the SMTP server accepted (a mail joining several counts each)
     */
    public int deliverAll() {
        List<Future<Integer>> running = new ArrayList<>();
        for (int i = 0; i < properties.senders(); i++) {
            running.add(workers.submit(this::drain));
        }
        int sent = 0;
        RuntimeException failure = null;
        for (Future<Integer> worker : running) {
            try {
                sent += worker.get();
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(w -> w.cancel(true));
                throw new IllegalStateException("interrupted while delivering the outbox", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return sent;
    }

    private int drain() {
        int sent = 0;
        try (SmtpConnection smtp = connection()) {
            Round round;
            do {
                round = round(smtp);
                sent += round.sent();
            } while (round.claimed() > 0 && !Thread.currentThread().isInterrupted());
        }
        return sent;
    }

    private SmtpConnection connection() {
        return new SmtpConnection(mail, properties.messagesPerConnection());
    }

    private record Round(int claimed, int sent) {
    }

    private Round round(SmtpConnection smtp) {
        Instant now = Clock.now();
        List<OutboxMessage> claimed = tx.execute(s -> outbox.claim(node, now,
                now.plus(properties.lease()), properties.batchSize()));
        int sent = 0;
        for (List<OutboxMessage> mail : joined(claimed)) {
            sent += deliver(mail, smtp);
        }
        return new Round(claimed.size(), sent);
    }

    /**
     * The claimed messages as mails, in the order claimed: those of a kind that {@linkplain MailKind#joins() joins}
     * to the same address in the same language together, at most {@link #MOST_JOINED} in one mail; every other
     * message alone.
     */
    static List<List<OutboxMessage>> joined(List<OutboxMessage> claimed) {
        Map<String, List<OutboxMessage>> mails = new LinkedHashMap<>();
        for (OutboxMessage m : claimed) {
            String together = m.kind().joins()
                    ? m.kind() + " " + m.locale() + " " + m.recipient().toLowerCase(Locale.ROOT) : "#" + m.id();
            mails.computeIfAbsent(together, k -> new ArrayList<>()).add(m);
        }
        List<List<OutboxMessage>> out = new ArrayList<>();
        for (List<OutboxMessage> mail : mails.values()) {
            for (int from = 0; from < mail.size(); from += MOST_JOINED) {
                out.add(mail.subList(from, Math.min(mail.size(), from + MOST_JOINED)));
            }
        }
        return out;
    }

    /** The most messages one mail lists. */
    static final int MOST_JOINED = 100;

    /**
     * Sends one mail for the messages (one, or several joined: the same address) and records the outcome of each.
     *
     * @return how many messages the SMTP server accepted
     */
    private int deliver(List<OutboxMessage> claimed, SmtpConnection smtp) {
        List<OutboxMessage> messages = new ArrayList<>();
        for (OutboxMessage m : claimed) {
            if (m.attempts() > properties.maxAttempts()) {
                // a node died while holding it more often than we retry: give up rather than loop
                tx.executeWithoutResult(s -> outbox.markFailedAttempt(m.id(), node, OutboxStatus.FAILED, Clock.now(),
                        "lease expired " + (m.attempts() - 1) + " times"));
            } else {
                messages.add(m);
            }
        }
        if (messages.isEmpty()) {
            return 0;
        }
        String recipient = messages.get(0).recipient();
        List<Long> ids = messages.stream().map(OutboxMessage::id).toList();
        if (!MailAddresses.valid(recipient)) {
            tx.executeWithoutResult(s -> messages.forEach(m -> outbox.markFailedAttempt(m.id(), node,
                    OutboxStatus.REJECTED, Clock.now(), "malformed or unsafe address")));
            return 0;
        }
        try {
            smtp.send(mime(messages));
        } catch (MailException | MessagingException e) {
            boolean permanent = rejectedRecipient(e);
            Instant now = Clock.now();
            int attempts = messages.get(0).attempts();
            log.warn("Mail {} to {} not sent ({}): {}", ids, recipient,
                    permanent || attempts >= properties.maxAttempts()
                            ? "failed" : "retry at " + now.plus(properties.backoffAfter(attempts)),
                    describe(e));
            tx.executeWithoutResult(s -> messages.forEach(m -> {
                boolean last = m.attempts() >= properties.maxAttempts();
                outbox.markFailedAttempt(m.id(), node, permanent || last ? OutboxStatus.FAILED : OutboxStatus.PENDING,
                        now.plus(properties.backoffAfter(m.attempts())), "attempt " + m.attempts() + ": "
                                + describe(e));
            }));
            return 0;
        }
        Integer marked = tx.execute(s -> outbox.markSent(ids, node, Clock.now()));
        if (marked == null || marked < ids.size()) {
            log.warn("Mail {} was sent but its claim had passed to another node: it may arrive twice", ids);
        }
        return messages.size();
    }

    /**
     * One message as it was written (or is written now from its model), or several joined in one mail that lists each
     * (subject, summary, link).
     */
    private MimeMessage mime(List<OutboxMessage> messages) throws MessagingException {
        OutboxMessage first = messages.get(0);
        RenderedMail written;
        if (messages.size() == 1) {
            written = composer.written(first); // a claim reads each message whole
        } else {
            written = composer.joined(first.kind(), Locale.forLanguageTag(first.locale()), messages);
        }
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                "UTF-8");
        helper.setFrom(new InternetAddress(properties.from(), true));
        helper.setTo(new InternetAddress(first.recipient(), true));
        helper.setSubject(MailAddresses.oneLine(written.subject()));
        helper.setText(written.text(), written.html());
        helper.setSentDate(java.util.Date.from(Clock.now()));
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("Content-Language", first.locale());
        for (OutboxMessage m : messages) {
            message.addHeader("X-NAP-Outbox-Key", MailAddresses.oneLine(m.id() + " " + m.dedupKey()));
        }
        if (first.kind() == MailKind.PORTAL && first.link() != null && first.link().startsWith("http")) {
            // RFC 8058 one-click unsubscribe
            message.setHeader("List-Unsubscribe", "<" + MailAddresses.oneLine(first.link()) + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return message;
    }

    /** The server refused a recipient (SMTP 5xx for RCPT): retrying the same address will not help. */
    static boolean rejectedRecipient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.mail.MailSendException send) {
                for (Exception failed : send.getFailedMessages().values()) {
                    if (rejectedRecipient(failed)) {
                        return true;
                    }
                }
            }
            if (t instanceof SendFailedException sf && sf.getInvalidAddresses() != null
                    && sf.getInvalidAddresses().length > 0) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 1500; t = t.getCause()) {
            if (!b.isEmpty()) {
                b.append(" <- ");
            }
            b.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return MailAddresses.oneLine(b.toString());
    }
}
