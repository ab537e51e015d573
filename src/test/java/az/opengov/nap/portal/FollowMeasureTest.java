package az.opengov.nap.portal;

import static az.opengov.nap.portal.PortalFixture.PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.support.EngineJobs;
import az.opengov.nap.worklist.WorklistService;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Follow a measure: a form on the site, a confirmation mail (double opt-in), one mail per new publication to confirmed
 * followers only, and a one-click unsubscribe (RFC 8058 POST without a session). Its own application, since it
 * publishes one more report.
 */
@TestPropertySource(properties = "nap.portal.base-url=https://opengov.example.az")
class FollowMeasureTest extends PortalTestBase {

    static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

    @Autowired
    az.opengov.nap.notification.NotificationService mails;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WorklistService worklist;
    @Autowired
    MeasureExecutionService execution;
    @Autowired
    PlanService plans;
    @Autowired
    ManagementService management;

    @Test
    void doubleOptInOneMailPerPublicationAndOneClickUnsubscribe() {
        // an invalid address is refused on the form, nothing stored
        assertThat(subscribe("not an address").getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(subscribe("follower@example.org").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(subscribe("never-confirms@example.org").getStatusCode()).isEqualTo(HttpStatus.OK);

        PendingMail confirmation = mailTo("follower@example.org").get(0);
        assertThat(confirmation.subject()).contains("1.1");
        assertThat(confirmation.body()).contains("https://opengov.example.az/follow/confirm?token=");
        String confirmToken = token(confirmation.body());

        // opening the link only shows a button: a mail scanner confirms nothing
        ResponseEntity<String> page = get("/follow/confirm?token=" + confirmToken);
        assertThat(page.getBody()).contains("Təsdiq edirəm");
        assertThat(confirmedCount()).isZero();
        assertThat(post("/follow/confirm", confirmToken, page).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(confirmedCount()).isEqualTo(1);
        assertThat(get("/follow/confirm?token=unknown-token-unknown-token").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        // a new publication on the measure: the confirmed follower gets one mail, the unconfirmed none
        Measure m = plans.findMeasure(PLAN, "1.1").orElseThrow();
        execution.review(PortalFixture.review(worklist, m, "EDU"), "APPROVED", null, null, PortalFixture.REVIEWER);
        EngineJobs.runDue(management);
        List<PendingMail> news = mailTo("follower@example.org").stream()
                .filter(x -> x.listUnsubscribe() != null).toList();
        assertThat(news).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).contains("1.1", "Təhsil Nazirliyi");
            assertThat(mail.body()).contains("https://opengov.example.az/plans/PORTAL-T/measures/1.1#report-",
                    "https://opengov.example.az/follow/unsubscribe?token=");
            assertThat(mail.listUnsubscribe()).startsWith("https://opengov.example.az/follow/unsubscribe?token=");
        });
        assertThat(mailTo("never-confirms@example.org")).hasSize(1);
        // the approved report is now public; MCHT's returned version and the review comment never were
        assertThat(get("/plans/" + PLAN + "/measures/1.1").getBody()).contains("YOXLAMADA-UC")
                .doesNotContain("QARALAMA-BIR", "SERH-IKI");

        // one click: a POST from the mail client, with no session and no CSRF token
        String unsubscribe = token(news.get(0).listUnsubscribe());
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> oneClick = http.exchange("/follow/unsubscribe?token=" + unsubscribe, HttpMethod.POST,
                new HttpEntity<>("List-Unsubscribe=One-Click", h), String.class);
        assertThat(oneClick.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.sql("select count(*) from follow_subscription where unsubscribed_at is not null")
                .query(Long.class).single()).isEqualTo(1);
        // addresses never reach a page
        assertThat(get("/plans/" + PLAN + "/measures/1.1").getBody()).doesNotContain("follower@example.org");
    }

    private ResponseEntity<String> subscribe(String email) {
        ResponseEntity<String> form = get("/follow/" + PLAN + "/measures/1.1");
        assertThat(form.getBody()).contains("name=\"email\"");
        HttpHeaders h = session(form);
        h.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        var body = new LinkedMultiValueMap<String, String>();
        body.add("email", email);
        body.add("_csrf", csrf(form.getBody()));
        return http.exchange("/follow/" + PLAN + "/measures/1.1", HttpMethod.POST, new HttpEntity<>(body, h),
                String.class);
    }

    private ResponseEntity<String> post(String path, String token, ResponseEntity<String> page) {
        HttpHeaders h = session(page);
        h.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        var body = new LinkedMultiValueMap<String, String>();
        body.add("token", token);
        body.add("_csrf", csrf(page.getBody()));
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, h), String.class);
    }

    private static HttpHeaders session(ResponseEntity<String> page) {
        HttpHeaders h = new HttpHeaders();
        List<String> cookies = page.getHeaders().get(HttpHeaders.SET_COOKIE);
        if (cookies != null) {
            cookies.forEach(c -> h.add(HttpHeaders.COOKIE, c.split(";", 2)[0]));
        }
        return h;
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("csrf field").isTrue();
        return m.group(1);
    }

    private static String token(String text) {
        Matcher m = TOKEN.matcher(text);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** A follow mail as it waits in the notification outbox. */
    record PendingMail(String recipient, String subject, String body, String listUnsubscribe) {
    }

    private List<PendingMail> mailTo(String address) {
        return mails.outbox(null, 0, 200).items().stream()
                .filter(x -> x.recipient().equals(address))
                .map(x -> mails.message(x.id()))
                .sorted(java.util.Comparator.comparing(az.opengov.nap.notification.OutboxMessage::id))
                .map(x -> new PendingMail(x.recipient(), x.subject(), x.bodyText(), x.link())).toList();
    }

    private long confirmedCount() {
        return jdbc.sql("select count(*) from follow_subscription where confirmed_at is not null")
                .query(Long.class).single();
    }
}
