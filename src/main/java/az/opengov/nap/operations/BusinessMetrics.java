package az.opengov.nap.operations;

import az.opengov.nap.publication.ReportPublished;
import az.opengov.nap.reporting.ProgressReport;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.worklist.WorkItemOpened;
import az.opengov.nap.worklist.WorkKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.HistoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The business figures on {@code /actuator/prometheus}, beside the JVM, HTTP and pool metrics of Spring Boot:
 * <ul>
 * <li>{@code nap_tasks_open{agency,kind}} and {@code nap_tasks_overdue{agency,kind}}: open tasks from the work list,
 * read at most once per {@code nap.operations.metrics-refresh} (30 s) whatever the scrape rate;</li>
 * <li>{@code nap_mail_messages{status}}: the outbox by status (SENT, FAILED, PENDING...), the same way;</li>
 * <li>{@code nap_engine_incidents} and {@code nap_engine_failed_jobs}: jobs that ran out of retries;</li>
 * <li>{@code nap_reports_total{event}}: reports submitted, returned and approved (published) on this node since it
 * started, counted from the domain events once their transaction committed;</li>
 * <li>{@code nap_review_duration_seconds{outcome}}: from submission to the commission's decision.</li>
 * </ul>
 */
@Component
class BusinessMetrics {

    private static final Logger log = LoggerFactory.getLogger(BusinessMetrics.class);

    private final JdbcClient jdbc;
    private final HistoryService history;
    private final ManagementService management;
    private final ReportingService reports;
    private final OperationsProperties properties;
    private final MeterRegistry registry;
    /** One value per gauge and tag set, held here (gauges only hold their state weakly) and updated in place. */
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong> values =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final Counter submitted;
    private final Counter returned;
    private final Counter approved;
    private final Timer reviewApproved;
    private final Timer reviewReturned;

    BusinessMetrics(MeterRegistry registry, JdbcClient jdbc, HistoryService history, ManagementService management,
                    ReportingService reports, OperationsProperties properties) {
        this.jdbc = jdbc;
        this.history = history;
        this.management = management;
        this.reports = reports;
        this.properties = properties;
        this.registry = registry;
        io.micrometer.core.instrument.Gauge.builder("nap.engine.incidents", this, m -> m.current().incidents)
                .description("Open engine incidents (jobs out of retries and others)").register(registry);
        io.micrometer.core.instrument.Gauge.builder("nap.engine.failed.jobs", this, m -> m.current().failedJobs)
                .description("Jobs with no retries left").register(registry);
        this.submitted = Counter.builder("nap.reports").tag("event", "submitted")
                .description("Progress reports by event, since the node started").register(registry);
        this.returned = Counter.builder("nap.reports").tag("event", "returned").register(registry);
        this.approved = Counter.builder("nap.reports").tag("event", "approved").register(registry);
        this.reviewApproved = Timer.builder("nap.review.duration").tag("outcome", "approved")
                .description("From submission to the commission's decision").register(registry);
        this.reviewReturned = Timer.builder("nap.review.duration").tag("outcome", "returned").register(registry);
    }

    /** A report waiting for review was submitted; a returned report is back on the agency's list. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(WorkItemOpened event) {
        var item = event.item();
        if (item.kind() == WorkKind.REVIEW) {
            submitted.increment();
        } else if (item.returned() && item.agencyCode() != null && item.cycleNumber() != null) {
            returned.increment();
            reports.current(item.measureId(), item.cycleNumber(), item.agencyCode())
                    .ifPresent(r -> review(reviewReturned, r));
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ReportPublished event) {
        approved.increment();
        review(reviewApproved, reports.get(event.reportId()));
    }

    private static void review(Timer timer, ProgressReport report) {
        if (report.submittedAt() != null) {
            Duration d = Duration.between(report.submittedAt(), Clock.now());
            if (!d.isNegative()) {
                timer.record(d);
            }
        }
    }

    /** The gauges' figures, read again when older than the refresh interval. */
    Snapshot current() {
        Snapshot s = snapshot.get();
        if (s == null || s.readAt.plus(properties.metricsRefresh()).isBefore(Instant.now())) {
            synchronized (this) {
                s = snapshot.get();
                if (s == null || s.readAt.plus(properties.metricsRefresh()).isBefore(Instant.now())) {
                    s = read();
                    snapshot.set(s);
                }
            }
        }
        return s;
    }

    /** Reads the figures now (and on the next scrape's gauges); for tests and after a known change. */
    synchronized Snapshot refresh() {
        Snapshot s = read();
        snapshot.set(s);
        return s;
    }

    private Snapshot read() {
        try {
            java.util.Map<String, Long> seen = new java.util.HashMap<>();
            jdbc.sql("""
                    select coalesce(agency_code, candidate_group) as agency, kind, count(*) as n,
                        sum(case when due_at < ? then 1 else 0 end) as late
                    from work_item where state = 'OPEN' group by coalesce(agency_code, candidate_group), kind""")
                    .param(Timestamp.from(Clock.now()))
                    .query(rs -> {
                        Tags tags = Tags.of("agency", rs.getString("agency"), "kind", rs.getString("kind"));
                        seen.put(gauge("nap.tasks.open", "Open tasks by agency and kind", tags), rs.getLong("n"));
                        seen.put(gauge("nap.tasks.overdue", "Overdue open tasks by agency and kind", tags),
                                rs.getLong("late"));
                    });
            jdbc.sql("select status, count(*) as n from mail_outbox group by status")
                    .query(rs -> {
                        seen.put(gauge("nap.mail.messages", "Mail in the outbox by status",
                                Tags.of("status", rs.getString("status"))), rs.getLong("n"));
                    });
            // what is no longer there (an agency with no open task left) reads 0
            values.forEach((key, value) -> value.set(seen.getOrDefault(key, 0L)));
            return new Snapshot(Instant.now(), history.createHistoricIncidentQuery().open().count(),
                    management.createJobQuery().noRetriesLeft().count());
        } catch (RuntimeException e) {
            // the database away: the gauges keep their last figures, and the health endpoint says why
            log.warn("Business metrics not refreshed: {}", e.toString());
            Snapshot last = snapshot.get();
            return last != null ? new Snapshot(Instant.now(), last.incidents, last.failedJobs)
                    : new Snapshot(Instant.now(), 0, 0);
        }
    }

    /** The gauge of a name and tags, registered the first time it is seen; @return its key in {@link #values}. */
    private String gauge(String name, String description, Tags tags) {
        String key = name + tags;
        values.computeIfAbsent(key, k -> {
            java.util.concurrent.atomic.AtomicLong value = new java.util.concurrent.atomic.AtomicLong();
            io.micrometer.core.instrument.Gauge.builder(name, value, java.util.concurrent.atomic.AtomicLong::get)
                    .description(description).tags(tags).register(registry);
            return value;
        });
        return key;
    }

    record Snapshot(Instant readAt, long incidents, long failedJobs) {
    }
}
