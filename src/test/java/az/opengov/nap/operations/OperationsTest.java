package az.opengov.nap.operations;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The operator's view: health with its parts (database, mail, outbox, job executor) and the business metrics on
 * {@code /actuator/prometheus}, for administrators only. The outbox warns above its thresholds (set low here).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "nap.operations.outbox-warn-pending=2", "nap.operations.metrics-refresh=0s"})
@ActiveProfiles("test")
// Spring Boot's tests switch metrics export off unless asked: this test needs the real Prometheus registry
@AutoConfigureObservability(tracing = false)
class OperationsTest {

    static final String PASSWORD = "operations-password-1";

    @Autowired
    TestRestTemplate http;
    @Autowired
    UserDirectory users;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BusinessMetrics metrics;
    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;
    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;

    @BeforeEach
    void users() {
        if (!users.exists("ops-admin")) {
            users.create(new AppUser("ops-admin", "Admin", null, "az", null, false, true, true), PASSWORD);
            users.create(new AppUser("ops-mcht", "Agency", null, "az", "MCHT", false, false, true), PASSWORD);
        }
    }

    @Test
    void healthShowsItsPartsToAdministratorsAndOnlyTheStatusToOthers() {
        ResponseEntity<JsonNode> anonymous = http.getForEntity("/actuator/health", JsonNode.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(200);
        assertThat(anonymous.getBody().path("status").asText()).isIn("UP", "WARN");
        assertThat(anonymous.getBody().has("components")).isFalse();

        JsonNode health = http.withBasicAuth("ops-admin", PASSWORD).getForObject("/actuator/health", JsonNode.class);
        JsonNode parts = health.path("components");
        assertThat(parts.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(parts.path("mail").path("details").path("mode").asText()).contains("outbox only");
        assertThat(parts.path("outbox").path("status").asText()).isEqualTo("UP");
        // the job executor is off in tests by configuration: not DOWN
        assertThat(parts.path("jobExecutor").path("details").path("enabled").asBoolean()).isFalse();
        assertThat(parts.path("jobExecutor").path("status").asText()).isIn("UP", "WARN");
        // reports' reminders: none failing here (other tests' items may be late on their moved clocks)
        assertThat(parts.path("reminders").path("details").path("failing").asLong()).isZero();
        assertThat(parts.path("reminders").path("status").asText()).isIn("UP", "WARN");
    }

    @Test
    void mailPilingUpInTheOutboxIsAWarningThatKeepsTheNodeServing() {
        for (int i = 0; i < 3; i++) {
            jdbc.sql("""
                    insert into mail_outbox (dedup_key, kind, recipient, locale, subject, body_text, body_html, status,
                        next_attempt_at, created_at)
                    values (?, 'DIGEST_ADMIN', 'ops@example.az', 'az', 's', 't', 'h', 'PENDING', ?, ?)""")
                    .params("ops-test-" + i + "-" + System.nanoTime(), Timestamp.from(Instant.now()),
                            Timestamp.from(Instant.now())).update();
        }
        try {
            ResponseEntity<JsonNode> health = http.withBasicAuth("ops-admin", PASSWORD)
                    .getForEntity("/actuator/health", JsonNode.class);
            assertThat(health.getStatusCode().value()).isEqualTo(200);
            assertThat(health.getBody().path("status").asText()).isEqualTo("WARN");
            JsonNode outbox = health.getBody().path("components").path("outbox");
            assertThat(outbox.path("status").asText()).isEqualTo("WARN");
            assertThat(outbox.path("details").path("pending").asLong()).isGreaterThanOrEqualTo(3);
        } finally {
            jdbc.sql("delete from mail_outbox where dedup_key like 'ops-test-%'").update();
        }
    }

    /**
     * Promise 8: a job that keeps failing becomes an incident, on the health endpoint and as a metric at the next
     * refresh. A one-task process deployed here stands for any failing step (mail, publication).
     */
    @Test
    void aJobThatKeepsFailingBecomesAnIncidentAndAMetric() {
        String deployment = repository.createDeployment().name("failure-visibility")
                .addModelInstance("FailureVisibility.bpmn", org.camunda.bpm.model.bpmn.Bpmn
                        .createExecutableProcess("FailureVisibility").camundaHistoryTimeToLive(1)
                        .startEvent("Start_Failure")
                        .serviceTask("Task_AlwaysFails").name("Always fails").camundaAsyncBefore()
                        .camundaExpression("${undefinedBean.fail()}")
                        .endEvent("End_Failure").done())
                .deploy().getId();
        try {
            long before = metrics.refresh().incidents();
            String instance = engine.getRuntimeService().startProcessInstanceByKey("FailureVisibility").getId();
            for (int attempt = 0; attempt < 3; attempt++) {
                var job = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
                try {
                    engine.getManagementService().executeJob(job.getId());
                } catch (RuntimeException expected) {
                    // the failure is recorded on the job: retries go down, the last one raises an incident
                }
            }
            assertThat(metrics.refresh().incidents()).isEqualTo(before + 1);
            String scrape = http.withBasicAuth("ops-admin", PASSWORD).getForObject("/actuator/prometheus",
                    String.class);
            assertThat(scrape).contains("nap_engine_incidents " + (before + 1) + ".0",
                    "nap_engine_failed_jobs " + (before + 1) + ".0");
            JsonNode jobs = http.withBasicAuth("ops-admin", PASSWORD).getForObject("/actuator/health", JsonNode.class)
                    .path("components").path("jobExecutor");
            assertThat(jobs.path("status").asText()).isEqualTo("WARN");
            assertThat(jobs.path("details").path("incidents").asLong()).isEqualTo(before + 1);
        } finally {
            repository.deleteDeployment(deployment, true);
        }
    }

    @Test
    void prometheusCarriesTheBusinessMetricsForAdministratorsOnly() {
        jdbc.sql("""
                insert into work_item (task_id, process_instance_id, kind, plan_code, measure_id, measure_code, section,
                    cycle_number, agency_code, role, candidate_group, state, created_at, due_at)
                values ('ops-task-1', 'p', 'REPORT', 'OPS', 1, '1.1', 1, 1, 'OPS_AGENCY', 'EXECUTOR', 'OPS_AGENCY',
                    'OPEN', ?, ?),
                       ('ops-task-2', 'p', 'REPORT', 'OPS', 2, '1.2', 1, 1, 'OPS_AGENCY', 'EXECUTOR', 'OPS_AGENCY',
                    'OPEN', ?, ?)""")
                .params(Timestamp.from(Instant.now()), Timestamp.from(Instant.parse("2020-01-01T00:00:00Z")),
                        Timestamp.from(Instant.now()), Timestamp.from(Instant.parse("2999-01-01T00:00:00Z")))
                .update();
        try {
            metrics.refresh();
            assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode().value())
                    .isEqualTo(401);
            assertThat(http.withBasicAuth("ops-mcht", PASSWORD).getForEntity("/actuator/prometheus", String.class)
                    .getStatusCode().value()).isEqualTo(403);
            String scrape = http.withBasicAuth("ops-admin", PASSWORD).getForObject("/actuator/prometheus",
                    String.class);
            assertThat(scrape)
                    .contains("nap_tasks_open{agency=\"OPS_AGENCY\",kind=\"REPORT\"} 2.0")
                    .contains("nap_tasks_overdue{agency=\"OPS_AGENCY\",kind=\"REPORT\"} 1.0")
                    .contains("nap_engine_incidents ", "nap_engine_failed_jobs ")
                    .contains("nap_reports_total{event=\"submitted\"}", "nap_reports_total{event=\"approved\"}",
                            "nap_reports_total{event=\"returned\"}")
                    .contains("nap_review_duration_seconds_count{outcome=\"approved\"}")
                    .contains("hikaricp_connections_active")
                    // requests and sign-ins are timed; Spring Security's filters each on their own are not
                    .contains("http_server_requests_seconds_count", "spring_security_authentications_seconds_count")
                    .doesNotContain("spring_security_filterchains", "spring_security_authorizations");
        } finally {
            jdbc.sql("delete from work_item where task_id like 'ops-task-%'").update();
        }
    }
}
