package az.opengov.nap.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules without a server: which addresses pass, one-line subjects, the timeouts against the lease, the week. */
class NotificationRulesTest {

    @Test
    void onlyOnePlainAddressPasses() {
        assertThat(MailAddresses.valid("hesabat@mcht.gov.az")).isTrue();
        assertThat(MailAddresses.valid("a.b+c@sub.domain.az")).isTrue();
        assertThat(List.of("", " ", "a@b", "no-at.az", "a@@b.az", "a@b@c.az", "a b@c.az", "Name <a@b.az>",
                "a@b.az, c@d.az", "a@b.az;c@d.az", "a@b.az\r\nBcc: evil@x.az", "a@b.az\nX: y", "a@b.az\u0000",
                "\"quoted\"@b.az", "x".repeat(250) + "@b.az"))
                .allSatisfy(a -> assertThat(MailAddresses.valid(a)).as(a).isFalse());
        assertThat(MailAddresses.valid(null)).isFalse();
    }

    @Test
    void subjectsStayOnOneLine() {
        assertThat(MailAddresses.oneLine("Xatırlatma\r\nBcc: evil@x.az\t!")).isEqualTo("Xatırlatma Bcc: evil@x.az !");
    }

    @Test
    void everySmtpTimeoutMustBeSetAndFitInTheLease() {
        Map<String, String> tenSeconds = Map.of("mail.smtp.connectiontimeout", "10000", "mail.smtp.timeout", "10000",
                "mail.smtp.writetimeout", "10000");
        OutboxSender.checkTimeouts(tenSeconds, Duration.ofMinutes(2));
        assertThatThrownBy(() -> OutboxSender.checkTimeouts(tenSeconds, Duration.ofSeconds(30)))
                .hasMessageContaining("nap.notification.lease");
        assertThatThrownBy(() -> OutboxSender.checkTimeouts(Map.of("mail.smtp.timeout", "10000"),
                Duration.ofMinutes(2)))
                .hasMessageContaining("mail.smtp.connectiontimeout");
        assertThatThrownBy(() -> OutboxSender.checkTimeouts(Map.of("mail.smtp.connectiontimeout", "0",
                "mail.smtp.timeout", "1", "mail.smtp.writetimeout", "1"), Duration.ofMinutes(2)))
                .hasMessageContaining("positive");
    }

    @Test
    void propertiesAreChecked() {
        List<Duration> backoff = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5));
        NotificationProperties p = new NotificationProperties(URI.create("https://nap.gov.az/"), "nap@nap.gov.az",
                true, Duration.ofSeconds(30), 50, 4, 100, Duration.ofMinutes(2), backoff, "0 0 9 * * MON", null,
                Duration.ofSeconds(5), Duration.ofMinutes(1));
        assertThat(p.maxAttempts()).isEqualTo(3);
        assertThat(p.backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.backoffAfter(9)).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.link("/workspace/tasks/7")).isEqualTo("https://nap.gov.az/workspace/tasks/7");
        assertThatThrownBy(() -> new NotificationProperties(URI.create("nap.gov.az"), "nap@nap.gov.az", true,
                Duration.ofSeconds(30), 50, 4, 100, Duration.ofMinutes(2), backoff, "0 0 9 * * MON", null,
                Duration.ofSeconds(5), Duration.ofMinutes(1)))
                .hasMessageContaining("base-url");
        assertThatThrownBy(() -> new NotificationProperties(URI.create("https://nap.gov.az"), "x\r\nBcc: y@z.az",
                true, Duration.ofSeconds(30), 50, 4, 100, Duration.ofMinutes(2), backoff, "0 0 9 * * MON", null,
                Duration.ofSeconds(5), Duration.ofMinutes(1)))
                .hasMessageContaining("from");
        assertThatThrownBy(() -> new NotificationProperties(URI.create("https://nap.gov.az"), "nap@nap.gov.az", true,
                Duration.ofSeconds(30), 50, 4, 100, Duration.ofMinutes(2), List.of(Duration.ZERO), "0 0 9 * * MON",
                null, Duration.ofSeconds(5), Duration.ofMinutes(1)))
                .hasMessageContaining("retry-backoff");
        assertThatThrownBy(() -> new NotificationProperties(URI.create("https://nap.gov.az"), "nap@nap.gov.az", true,
                Duration.ofSeconds(30), 50, 4, 100, Duration.ofMinutes(2), backoff, "0 0 9 * * MON", null,
                Duration.ofSeconds(5), Duration.ofSeconds(-1)))
                .hasMessageContaining("gather-window");
        assertThat(p.gatherWindow()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theDigestWeekIsTheIsoWeekOfTheBakuDate() {
        assertThat(WeeklyDigest.week(LocalDate.of(2026, 7, 20))).isEqualTo("2026-W30");
        assertThat(WeeklyDigest.week(LocalDate.of(2027, 1, 1))).isEqualTo("2026-W53");
    }
}
