package az.opengov.nap.operations;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Health contributors beside Spring Boot's database check: mail ({@code mail}), the outbox backlog
 * ({@code outbox}), reports' reminders ({@code reminders}) and the engine's job executor ({@code jobExecutor}). A
 * problem that does not stop the node from serving (mail server away, mail piling up, a reminder failing, incidents)
 * is {@link #WARN}: it shows on the endpoint and in monitoring but the node stays in the load balancer (HTTP 200);
 * only the database and a stopped job executor are DOWN.
 */
@Configuration
class OperationsHealth {

    /** Needs an operator's look, does not stop the node. */
    static final Status WARN = new Status("WARN");

    @Bean
    HealthIndicator mailHealthIndicator(@Value("${spring.mail.host:}") String host,
                                        @Value("${spring.mail.port:25}") int port, OperationsProperties properties) {
        return () -> {
            if (host.isBlank()) {
                return Health.up().withDetail("mode", "outbox only (spring.mail.host not set)").build();
            }
            long started = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) properties.mailCheckTimeout().toMillis());
                return Health.up().withDetail("server", host + ":" + port)
                        .withDetail("connectMillis", (System.nanoTime() - started) / 1_000_000).build();
            } catch (Exception e) {
                // mail waits in the outbox and is retried: worth a warning, not taking the node out
                return Health.status(WARN).withDetail("server", host + ":" + port)
                        .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
            }
        };
    }

    @Bean
    HealthIndicator outboxHealthIndicator(JdbcClient jdbc, OperationsProperties properties) {
        return () -> {
            long pending = jdbc.sql("select count(*) from mail_outbox where status in ('PENDING', 'SENDING')")
                    .query(Long.class).single();
            long failed = jdbc.sql("select count(*) from mail_outbox where status = 'FAILED'").query(Long.class)
                    .single();
            Timestamp oldest = jdbc.sql("select min(created_at) from mail_outbox "
                            + "where status in ('PENDING', 'SENDING')")
                    .query(Timestamp.class).optional().orElse(null);
            Duration age = oldest == null ? Duration.ZERO
                    : Duration.between(oldest.toInstant(), az.opengov.nap.shared.Clock.now());
            boolean warn = pending > properties.outboxWarnPending() || age.compareTo(properties.outboxWarnAge()) > 0
                    || failed > 0;
            return Health.status(warn ? WARN : Status.UP).withDetail("pending", pending).withDetail("failed", failed)
                    .withDetail("oldestPendingSeconds", Math.max(0, age.toSeconds()))
                    .withDetail("warnPendingAbove", properties.outboxWarnPending())
                    .withDetail("warnAgeAbove", properties.outboxWarnAge().toString()).build();
        };
    }

    /**
     * Reports' reminders ({@code notification.Reminders}): WARN while one could not be raised (it keeps its error and
     * is tried again every 10 minutes) or while one is more than 10 minutes late (no node's poller is running).
     * Indexed: failing and late items both have a pending reminder time at most 10 minutes from now.
     */
    @Bean
    HealthIndicator remindersHealthIndicator(JdbcClient jdbc) {
        return deadlinePoll(jdbc, "remind_at", "reminder_error");
    }

    /** Executors' escalations ({@code notification.Escalations}), watched as the reminders are. */
    @Bean
    HealthIndicator escalationsHealthIndicator(JdbcClient jdbc) {
        return deadlinePoll(jdbc, "escalate_at", "escalation_error");
    }

    /** A deadline the worklist keeps in {@code dueColumn}, with its last error in {@code errorColumn}. */
    private static HealthIndicator deadlinePoll(JdbcClient jdbc, String dueColumn, String errorColumn) {
        return () -> {
            Instant now = az.opengov.nap.shared.Clock.now();
            long failing = jdbc.sql("select count(*) from work_item where " + dueColumn + " <= ? and " + errorColumn
                    + " is not null and state = 'OPEN'").param(Timestamp.from(now.plus(LATE))).query(Long.class)
                    .single();
            long late = jdbc.sql("select count(*) from work_item where " + dueColumn + " < ? and state = 'OPEN'")
                    .param(Timestamp.from(now.minus(LATE))).query(Long.class).single();
            return Health.status(failing > 0 || late > 0 ? WARN : Status.UP).withDetail("failing", failing)
                    .withDetail("lateByMoreThanMinutes", LATE.toMinutes()).withDetail("late", late).build();
        };
    }

    /** How late a reminder or an escalation may be before it is worth a warning (a failed one waits as long). */
    private static final Duration LATE = Duration.ofMinutes(10);

    @Bean
    HealthIndicator jobExecutorHealthIndicator(ProcessEngineConfigurationImpl engine, HistoryService history,
                                               ManagementService management,
                                               @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
        return () -> {
            boolean active = engine.getJobExecutor() != null && engine.getJobExecutor().isActive();
            long incidents = history.createHistoricIncidentQuery().open().count();
            long failedJobs = management.createJobQuery().noRetriesLeft().count();
            long locked = management.createJobQuery().active().count();
            Status status = enabled && !active ? Status.DOWN : incidents > 0 ? WARN : Status.UP;
            return Health.status(status).withDetail("enabled", enabled).withDetail("active", active)
                    .withDetail("incidents", incidents).withDetail("failedJobs", failedJobs)
                    .withDetail("jobs", locked)
                    .withDetail("checkedAt", Instant.now().toString()).build();
        };
    }
}
