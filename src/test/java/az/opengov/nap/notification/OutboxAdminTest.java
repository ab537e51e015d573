package az.opengov.nap.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import az.opengov.nap.plan.ImportRequest;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.support.EngineJobs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The default run: no SMTP server configured, so mail stays in the outbox, and administrators read it with its
 * status per message on the page {@code /admin/outbox} and in the JSON API {@code /api/admin/outbox}, and retry a
 * failed one.
 */
@SpringBootTest(properties = "nap.notification.scheduling-enabled=false")
@ActiveProfiles("test")
@AutoConfigureMockMvc
class OutboxAdminTest {

    // real users: the pages follow the user store on every request
    static final RequestPostProcessor ADMIN = user("box-admin").roles("ADMIN");
    static final RequestPostProcessor AGENCY = user("box-agency").roles("AGENCY");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    PlanImportService imports;
    @Autowired
    PlanService plans;
    @Autowired
    ManagementService management;
    @Autowired
    NotificationService notifications;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserDirectory users;

    private static int planCounter;
    Measure measure;

    @BeforeEach
    void aCycleOpens() {
        for (AppUser u : List.of(new AppUser("box-admin", "Admin", null, "az", null, false, true, true),
                new AppUser("box-agency", "MCHT", null, "az", "MCHT", false, false, true))) {
            if (!users.exists(u.username())) {
                users.create(u, "Uzun-parol-2026!");
            }
        }
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-07-01T08:00:00Z")));
        String code = "ADMBOX-" + (++planCounter) + "-" + System.nanoTime();
        imports.commit(new ImportRequest(code, "Test plan", 2016, 2016, 10, PlanCalendar.DEFAULT, false,
                NotificationFlowTest.PLAN.getBytes(StandardCharsets.UTF_8), "plan.csv", "test"));
        measure = plans.findMeasure(code, "1.1").orElseThrow();
        EngineJobs.runDue(management);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void withoutSmtpMailStaysQueuedAndThePageShowsEachMessageWithItsStatus() throws Exception {
        assertThat(context.getBeanProvider(JavaMailSender.class).getIfAvailable()).isNull();
        assertThat(context.getBeanProvider(OutboxSender.class).getIfAvailable()).isNull();
        List<Long> ids = ids();
        assertThat(ids).hasSize(6); // the registry addresses of MCHT, EDU and Milli Məclis (no users here)
        assertThat(ids)
                .allSatisfy(id -> assertThat(notifications.message(id).status()).isEqualTo(OutboxStatus.PENDING));

        String page = mvc.perform(get("/admin/outbox").with(ADMIN).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<title>Mail outbox</title>", "/webjars/bootstrap/", "/css/bootstrap.min.css",
                "Tədbir 1.1: hesabat tələb olunur, son tarix 15.07.2026", "hesabat@mcht.demo.opengov.example (az)",
                "data-status=\"PENDING\"", ">Pending<", "Tədbir 1.1: hesabat təqdim etməyə dəvət")
                .doesNotContain("<script");

        String az = mvc.perform(get("/admin/outbox").with(ADMIN).param("lang", "az"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(az).contains("Poçt növbəsi", ">Gözləyir<");

        String one = mvc.perform(get("/admin/outbox/" + ids.get(0)).with(ADMIN).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(one).contains("15.07.2026", "/workspace/tasks/", "&lt;html");
    }

    @Test
    void aFailedMessageShowsItsErrorAndAnAdministratorRetriesItFromThePage() throws Exception {
        long id = ids().get(0);
        fail(id);
        String page = mvc.perform(get("/admin/outbox").param("status", "FAILED").with(ADMIN)
                        .param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-status=\"FAILED\"", ">Failed<", "attempt 6: MailConnectException",
                "action=\"/admin/outbox/" + id + "/retry\"", "name=\"_csrf\"", ">Retry<")
                .doesNotContain("data-status=\"PENDING\"");

        mvc.perform(post("/admin/outbox/" + id + "/retry").with(ADMIN)).andExpect(status().isForbidden()); // no CSRF
        assertThat(notifications.message(id).status()).isEqualTo(OutboxStatus.FAILED);
        mvc.perform(post("/admin/outbox/" + id + "/retry").with(ADMIN).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/admin/outbox"));
        assertThat(notifications.message(id).status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(notifications.message(id).attempts()).isZero();

        mvc.perform(get("/admin/outbox").with(AGENCY)).andExpect(status().isForbidden());
    }

    @Test
    void theJsonApiListsFiltersShowsAndRetries() throws Exception {
        long id = ids().get(0);
        fail(id);
        mvc.perform(get("/api/admin/outbox").param("status", "PENDING").param("size", "2").with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].status").value("PENDING"))
                .andExpect(jsonPath("$.items[0].bodyText").doesNotExist())
                .andExpect(jsonPath("$.size").value(2));
        mvc.perform(get("/api/admin/outbox").param("status", "FAILED").with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(id))
                .andExpect(jsonPath("$.items[0].attempts").value(6))
                .andExpect(jsonPath("$.items[0].lastError").value("attempt 6: MailConnectException: refused"));
        mvc.perform(get("/api/admin/outbox/" + id).with(ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").exists())
                .andExpect(jsonPath("$.bodyText").value(org.hamcrest.Matchers.containsString("15.07.2026")))
                .andExpect(jsonPath("$.bodyHtml").value(org.hamcrest.Matchers.containsString("<html")));

        long pending = ids().get(1);
        mvc.perform(post("/api/admin/outbox/" + pending + "/retry").with(ADMIN).param("lang", "en"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("Only a failed mail can be retried (its status is PENDING)."));
        mvc.perform(post("/api/admin/outbox/" + id + "/retry").with(ADMIN))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PENDING"));

        mvc.perform(get("/api/admin/outbox")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/admin/outbox").with(user("reviewer").roles("REVIEWER")))
                .andExpect(status().isForbidden());
    }

    private List<Long> ids() {
        return jdbc.sql("select id from mail_outbox where measure_id = ? order by id").param(measure.id())
                .query(Long.class).list();
    }

    private void fail(long id) {
        jdbc.sql("update mail_outbox set status = 'FAILED', attempts = 6, last_error = ? where id = ?")
                .params("attempt 6: MailConnectException: refused", id).update();
    }
}
