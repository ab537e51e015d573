package az.opengov.nap.notification;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code nap.notification.*}: mail. The SMTP server itself is Spring Boot's {@code spring.mail.*} (setting
 * {@code spring.mail.host} turns delivery on); its connect, read and write timeouts are
 * {@code spring.mail.properties.mail.smtp.connectiontimeout/timeout/writetimeout}.
 *
 * @param baseUrl           where people open the application; links in mail start with it
 * @param from              the sender address of every mail
 * @param schedulingEnabled runs the outbox poller (when {@code spring.mail.host} is set) and the weekly digest;
 *                          tests switch it off and call them directly
 * @param pollInterval      pause of the outbox poller once it has delivered everything due (a claim that found
 *                          messages is followed by the next one at once)
 * @param batchSize         the oldest due messages one sender claims per round, with the others due to their
 *                          addresses (at most ten times as many in all), which may join them in one mail
 * @param senders           workers delivering at once on this node, each with its own SMTP connection; the SMTP
 *                          server's pace per connection (one exchange per mail) is what bounds a burst
 * @param messagesPerConnection messages one SMTP connection carries before it is closed and a new one opened (many
 *                          servers limit them); a connection also ends when its worker has nothing left to send
 * @param lease             how long a claimed message belongs to the node that claimed it; must exceed the SMTP
 *                          timeouts together, else another node could send it again while the first still waits
 * @param retryBackoff      waits before the 2nd, 3rd... attempt; after the last one the message is FAILED
 * @param digestCron        when the weekly digest is queued (Spring cron, Baku time)
 * @param nodeId            this node's name in the outbox's lock column; host name and process id if not set
 * @param reminderPoll      pause of the deadline poller (see {@link Reminders}, {@link Escalations}) once it has raised
 *                          every reminder and escalation due: each leaves at most this long after its time
 * @param gatherWindow      how long a request or invitation of a cycle's opening waits before it leaves, gathering what
 *                          follows for the same address meanwhile (see {@link MailKind#gathers()}); zero: at once
 */
@Validated
@ConfigurationProperties("nap.notification")
public record NotificationProperties(@DefaultValue("http://localhost:8080") @NotNull URI baseUrl,
                                     @DefaultValue("nap@nap.localhost") @NotBlank String from,
                                     @DefaultValue("true") boolean schedulingEnabled,
                                     @DefaultValue("PT5S") @NotNull Duration pollInterval,
                                     @DefaultValue("50") @Min(1) @Max(500) int batchSize,
                                     @DefaultValue("4") @Min(1) @Max(32) int senders,
                                     @DefaultValue("100") @Min(1) int messagesPerConnection,
                                     @DefaultValue("PT2M") @NotNull Duration lease,
                                     @DefaultValue({"PT1M", "PT5M", "PT30M", "PT2H", "PT6H"}) @NotEmpty
                                     List<@NotNull Duration> retryBackoff,
                                     @DefaultValue("0 0 9 * * MON") @NotBlank String digestCron,
                                     String nodeId,
                                     @DefaultValue("PT5S") @NotNull Duration reminderPoll,
                                     @DefaultValue("PT1M") @NotNull Duration gatherWindow) {

    public NotificationProperties {
        if (baseUrl != null && (!baseUrl.isAbsolute() || !baseUrl.getScheme().startsWith("http"))) {
            throw new IllegalArgumentException("nap.notification.base-url must be an absolute http(s) URL: " + baseUrl);
        }
        if (from != null && !from.isBlank() && !MailAddresses.valid(from)) {
            throw new IllegalArgumentException("nap.notification.from is not one valid mail address: " + from);
        }
        for (Duration d : retryBackoff == null ? List.<Duration>of() : retryBackoff) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("nap.notification.retry-backoff must hold positive durations");
            }
        }
        if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
            throw new IllegalArgumentException("nap.notification.poll-interval must be positive");
        }
        if (reminderPoll != null && (reminderPoll.isNegative() || reminderPoll.isZero())) {
            throw new IllegalArgumentException("nap.notification.reminder-poll must be positive");
        }
        if (gatherWindow != null && gatherWindow.isNegative()) {
            throw new IllegalArgumentException("nap.notification.gather-window must not be negative");
        }
        if (lease != null && (lease.isNegative() || lease.isZero())) {
            throw new IllegalArgumentException("nap.notification.lease must be positive");
        }
        retryBackoff = retryBackoff == null ? null : List.copyOf(retryBackoff);
    }

    /** Every attempt a message gets before it is FAILED: the first and one per backoff step. */
    public int maxAttempts() {
        return retryBackoff.size() + 1;
    }

    /** The wait after a failed attempt number {@code attempt} (1-based). */
    public Duration backoffAfter(int attempt) {
        return retryBackoff.get(Math.min(Math.max(attempt, 1), retryBackoff.size()) - 1);
    }

    /** An absolute link into the application. */
    public String link(String path) {
        String base = baseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
