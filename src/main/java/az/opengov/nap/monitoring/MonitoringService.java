package az.opengov.nap.monitoring;

import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.FailedJob;
import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.monitoring.MonitoringRepository.Window;
import az.opengov.nap.notification.NotificationService;
import az.opengov.nap.notification.OutboxPage;
import az.opengov.nap.notification.OutboxStatus;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorkKind;
import az.opengov.nap.worklist.WorklistService;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The administrators' monitoring: overdue work across plans (tiles, buckets, groups, rows), each agency's and each
 * measure's record, the actions taken from the dashboard, and the incidents (failed jobs, undeliverable mail).
 * Figures come from the project's own tables in a handful of grouped queries, whatever the number of tasks.
 */
@Service
public class MonitoringService {

    public static final int MAX_GROUPS = 100;
    public static final int MAX_ACTION_ROWS = 200;
    public static final Set<String> ACTIONS = Set.of("remind", "extend", "reassign", "cancel");

    private final MonitoringRepository repository;
    private final MonitoringProperties properties;
    private final MeasureExecutionService execution;
    private final NotificationService notifications;
    private final CycleService cycles;
    private final WorklistService worklist;
    private final PlanService plans;
    private final AgencyService agencies;
    private final Messages messages;
    private final TransactionTemplate transactions;
    /** The dashboard's counts per filter, reused for {@code nap.monitoring.counts-for}. */
    private final Cache<CountsKey, Counts> counted;

    MonitoringService(MonitoringRepository repository, MonitoringProperties properties,
                      MeasureExecutionService execution, NotificationService notifications, CycleService cycles,
                      WorklistService worklist, PlanService plans, AgencyService agencies, Messages messages,
                      TransactionTemplate transactions) {
        this.repository = repository;
        this.properties = properties;
        this.execution = execution;
        this.notifications = notifications;
        this.cycles = cycles;
        this.worklist = worklist;
        this.plans = plans;
        this.agencies = agencies;
        this.messages = messages;
        this.transactions = transactions;
        this.counted = Caffeine.newBuilder().expireAfterWrite(properties.countsFor()).maximumSize(1_000).build();
    }

    public int reviewDays() {
        return properties.reviewDays();
    }

    // ---- the dashboard ------------------------------------------------------------------------------------------

    /** Tiles, buckets, groups and one page of overdue rows; an unknown plan or agency is a 400. */
    public OverduePage overdue(OverdueFilter filter) {
        check(filter);
        Window w = window();
        Counts c = counted.get(new CountsKey(filter.plan(), filter.section(), filter.agency(), filter.kind(),
                filter.role(), w.today(), lang()), key -> count(filter, w));
        return new OverduePage(filter, c.tiles(), c.buckets(), c.byAgency(), c.bySection(), c.byMeasure(),
                rows(filter, w), c.buckets().total(), c.countedAt());
    }

    /** Forgets the counts made so far: the next dashboard request counts again. */
    public void recount() {
        counted.invalidateAll();
    }

    /** What the counts depend on: the filter without its sort and page, the day (buckets), the reader's language. */
    private record CountsKey(String plan, Integer section, String agency, String kind, String role, LocalDate today,
                             String lang) {
    }

    private record Counts(OverduePage.Tiles tiles, OverduePage.Buckets buckets, List<OverduePage.Group> byAgency,
                          List<OverduePage.Group> bySection, List<OverduePage.Group> byMeasure,
                          java.time.Instant countedAt) {
    }

    private Counts count(OverdueFilter filter, Window w) {
        return new Counts(repository.tiles(filter, w), repository.buckets(filter, w),
                named(repository.byAgency(filter, w, MAX_GROUPS)), repository.bySection(filter, w, MAX_GROUPS),
                repository.byMeasure(filter, w, MAX_GROUPS), Clock.now());
    }

    /** Just the rows of the filter's page (the export: exactly what the page shows). */
    public List<OverdueRow> overdueRows(OverdueFilter filter) {
        check(filter);
        return rows(filter, window());
    }

    private List<OverdueRow> rows(OverdueFilter f, Window w) {
        List<MonitoringRepository.RawRow> raw = repository.rows(f, w);
        Map<String, String> names = names(raw.stream().map(MonitoringRepository.RawRow::agencyCode).toList());
        List<OverdueRow> rows = new ArrayList<>();
        for (MonitoringRepository.RawRow r : raw) {
            LocalDate due = "REVIEW".equals(r.kind())
                    ? LocalDate.ofInstant(r.createdAt(), Clock.BAKU).plusDays(properties.reviewDays())
                    : LocalDate.ofInstant(r.dueAt(), Clock.BAKU);
            long days = ChronoUnit.DAYS.between(due, w.today());
            rows.add(new OverdueRow(r.taskId(), r.kind(), r.planCode(), r.measureId(), r.measureCode(), r.title(),
                    r.section(), r.cycle(), r.agencyCode(), names.getOrDefault(r.agencyCode(), r.agencyCode()),
                    r.role(), r.returned(), r.createdAt(), due, days,
                    days >= 31 ? "31+" : days >= 8 ? "8-30" : "1-7"));
        }
        return rows;
    }

    private List<OverduePage.Group> named(List<OverduePage.Group> groups) {
        Map<String, String> names = names(groups.stream().map(OverduePage.Group::key).toList());
        return groups.stream().map(g -> new OverduePage.Group(g.key(), names.getOrDefault(g.key(), g.key()),
                g.days1to7(), g.days8to30(), g.days31plus())).toList();
    }

    /** Agency names in the reader's language, in one read. */
    private Map<String, String> names(List<String> codes) {
        String lang = lang();
        Map<String, String> names = new HashMap<>();
        List<String> known = codes.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (!known.isEmpty()) {
            agencies.findAll(known).forEach(a -> names.put(a.code(), a.name(lang)));
        }
        return names;
    }

    private void check(OverdueFilter f) {
        List<FieldProblem> problems = new ArrayList<>();
        if (f.plan() != null && !repository.planExists(f.plan())) {
            problems.add(FieldProblem.of("plan", "monitoring.error.plan", f.plan()));
        }
        if (f.agency() != null && agencies.find(f.agency()).isEmpty()) {
            problems.add(FieldProblem.of("agency", "monitoring.error.agency", f.agency()));
        }
        if (!problems.isEmpty()) {
            throw OverdueFilter.invalid(problems);
        }
    }

    // ---- an agency, a measure -----------------------------------------------------------------------------------

    /** An agency's on-time rate and days late per cycle (as an executor), and its open and overdue tasks. */
    public AgencyReport agency(String code) {
        if (code == null || agencies.find(code).isEmpty()) {
            throw NapException.notFound("agency", code);
        }
        Window w = window();
        LocalDate today = w.today();
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, double[]> late = new HashMap<>();
        Map<String, LocalDate> ends = new HashMap<>();
        for (MonitoringRepository.Participation p : repository.executorParticipations(code)) {
            String key = p.planCode() + "\u0000" + p.cycle();
            long[] c = counts.computeIfAbsent(key, k -> new long[5]); // due, onTime, late, missing, pending
            ends.putIfAbsent(key, p.periodEnd());
            LocalDate submitted = p.firstSubmitted() == null ? null
                    : LocalDate.ofInstant(p.firstSubmitted(), Clock.BAKU);
            if (submitted != null && !submitted.isAfter(p.dueDate())) {
                c[0]++;
                c[1]++;
            } else if (submitted != null || today.isAfter(p.dueDate())) {
                c[0]++;
                c[2]++;
                if (submitted == null) {
                    c[3]++;
                }
                late.computeIfAbsent(key, k -> new double[1])[0] +=
                        ChronoUnit.DAYS.between(p.dueDate(), submitted != null ? submitted : today);
            } else {
                c[4]++;
            }
        }
        List<AgencyReport.Cycle> result = new ArrayList<>();
        long due = 0;
        long onTime = 0;
        long lateCount = 0;
        double daysLate = 0;
        for (var e : counts.entrySet()) {
            String[] key = e.getKey().split("\u0000");
            long[] c = e.getValue();
            double d = late.getOrDefault(e.getKey(), new double[1])[0];
            result.add(new AgencyReport.Cycle(key[0], Integer.parseInt(key[1]), ends.get(e.getKey()), c[0], c[1],
                    c[2], c[3], c[4], d));
            due += c[0];
            onTime += c[1];
            lateCount += c[2];
            daysLate += d;
        }
        long[] open = repository.openAndOverdue(code, w);
        return new AgencyReport(code, agencyName(code, lang()), open[0], open[1],
                due == 0 ? null : (double) onTime / due, lateCount == 0 ? null : daysLate / lateCount, result);
    }

    /** Per cycle and agency of a measure: reported, waiting for review, returned, late, open. */
    public MeasureReport measure(long id) {
        Measure m = plans.measure(id);
        LocalDate today = Clock.today();
        String lang = lang();
        List<MeasureReport.Participation> rows = new ArrayList<>();
        for (MonitoringRepository.MeasureRow r : repository.measureRows(id)) {
            String state;
            if (!"OPEN".equals(r.status())) {
                state = r.status();
            } else if ("SUBMITTED".equals(r.reportStatus()) || "APPROVED".equals(r.reportStatus())) {
                state = "SUBMITTED";
            } else if ("RETURNED".equals(r.reportStatus())) {
                state = "RETURNED";
            } else if (today.isAfter(r.dueDate())) {
                state = "LATE";
            } else {
                state = "OPEN";
            }
            long days = "LATE".equals(state) ? ChronoUnit.DAYS.between(r.dueDate(), today) : 0;
            rows.add(new MeasureReport.Participation(r.cycle(), r.agencyCode(), agencyName(r.agencyCode(), lang),
                    r.role(), r.dueDate(), state, days, r.openTask()));
        }
        return new MeasureReport(m.id(), m.planCode(), m.code(), m.title(), m.status().name(), rows);
    }

    // ---- actions ------------------------------------------------------------------------------------------------

    /**
     * Carries out an action on each chosen row, each in its own transaction: a row that fails is reported with its
     * reason and leaves the others done. Input that is wrong for all rows (no reason, unknown action, a past date, an
     * unknown agency) is refused before anything changes.
     */
    public ActionOutcome act(ActionRequest request, AppUser admin) {
        if (!admin.admin()) {
            throw NapException.forbidden();
        }
        List<FieldProblem> problems = new ArrayList<>();
        String action = request.action() == null ? "" : request.action().trim().toLowerCase(Locale.ROOT);
        if (!ACTIONS.contains(action)) {
            problems.add(FieldProblem.of("action", "monitoring.error.action", request.action()));
        }
        if (request.reason() == null || request.reason().isBlank()) {
            problems.add(FieldProblem.of("reason", "validation.required"));
        } else if (request.reason().length() > 2000) {
            problems.add(FieldProblem.of("reason", "validation.maxLength", 2000));
        }
        List<String> ids = request.taskIds() == null ? List.of()
                : request.taskIds().stream().filter(s -> s != null && !s.isBlank()).distinct().toList();
        if (ids.isEmpty()) {
            problems.add(FieldProblem.of("taskIds", "monitoring.error.noSelection"));
        } else if (ids.size() > MAX_ACTION_ROWS) {
            problems.add(FieldProblem.of("taskIds", "monitoring.error.tooMany", MAX_ACTION_ROWS));
        }
        if ("extend".equals(action)) {
            if (request.dueDate() == null) {
                problems.add(FieldProblem.of("dueDate", "validation.required"));
            } else if (!request.dueDate().isAfter(Clock.today())) {
                problems.add(FieldProblem.of("dueDate", "monitoring.error.futureDate"));
            }
        }
        if ("reassign".equals(action)) {
            if (request.agencyCode() == null || request.agencyCode().isBlank()) {
                problems.add(FieldProblem.of("agencyCode", "validation.required"));
            } else if (agencies.find(request.agencyCode()).isEmpty()) {
                problems.add(FieldProblem.of("agencyCode", "monitoring.error.agency", request.agencyCode()));
            }
        }
        if (!problems.isEmpty()) {
            throw NapException.invalid(problems);
        }
        String reason = request.reason().trim();
        Set<String> done = new HashSet<>();
        List<ActionOutcome.Item> items = new ArrayList<>();
        for (String taskId : ids) {
            WorkItem item = worklist.find(taskId).orElse(null);
            if (item == null) {
                items.add(new ActionOutcome.Item(taskId, taskId, false,
                        messages.text("monitoring.error.taskGone", taskId)));
                continue;
            }
            String label = item.planCode() + " · " + item.measureCode()
                    + (item.cycleNumber() == null ? "" : " · " + item.cycleNumber())
                    + (item.agencyCode() == null ? "" : " · " + item.agencyCode());
            // one measure is cancelled once, one agency of a measure reassigned once
            String once = switch (action) {
                case "cancel" -> "m" + item.measureId();
                case "reassign" -> "m" + item.measureId() + "a" + item.agencyCode();
                default -> "t" + taskId;
            };
            if (!done.add(once)) {
                items.add(new ActionOutcome.Item(taskId, label, true, messages.text("monitoring.done.same")));
                continue;
            }
            try {
                String message = transactions.execute(status -> one(action, item, request, reason, admin));
                items.add(new ActionOutcome.Item(taskId, label, true, message));
            } catch (NapException e) {
                String detail = messages.text(e.messageKey(), e.args());
                if (!e.errors().isEmpty()) {
                    detail = detail + " " + String.join(" ", e.errors().stream().map(messages::text).toList());
                }
                items.add(new ActionOutcome.Item(taskId, label, false, detail));
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(MonitoringService.class)
                        .warn("Action {} on task {} failed", action, taskId, e);
                items.add(new ActionOutcome.Item(taskId, label, false, messages.text("error.unexpected")));
            }
        }
        // the administrator looks at the dashboard next: its counts show what was just done
        recount();
        return new ActionOutcome(action, items);
    }

    private String one(String action, WorkItem item, ActionRequest request, String reason, AppUser admin) {
        boolean report = item.kind() == WorkKind.REPORT || item.kind() == WorkKind.INVITED_REPORT;
        if (!"OPEN".equals(item.state())) {
            throw NapException.conflict("error.task.closed");
        }
        if (!report && !"cancel".equals(action)) {
            throw NapException.conflict("monitoring.error.notReport");
        }
        switch (action) {
            case "remind" -> {
                if (repository.remindedSince(item.measureId(), item.cycleNumber(), item.agencyCode(),
                        Clock.today().atStartOfDay(Clock.BAKU).toInstant())) {
                    throw NapException.conflict("monitoring.error.remindedToday");
                }
                int queued = notifications.remindNow(item.measureId(), item.cycleNumber(), item.agencyCode());
                if (queued == 0) {
                    throw NapException.conflict("monitoring.error.noRecipient", item.agencyCode());
                }
                cycles.recordAction(item.measureId(), "REMINDER_SENT", item.agencyCode(), item.cycleNumber(), reason,
                        "task " + item.taskId() + ", " + queued + " mail(s)", admin.username());
                return messages.text("monitoring.done.remind", queued);
            }
            case "extend" -> {
                execution.extendDueDate(item.measureId(), item.cycleNumber(), item.agencyCode(), request.dueDate(),
                        reason, admin);
                return messages.text("monitoring.done.extend", Messages.date(request.dueDate()));
            }
            case "reassign" -> {
                execution.reassign(item.measureId(), item.agencyCode(), request.agencyCode(), reason, admin);
                return messages.text("monitoring.done.reassign", request.agencyCode());
            }
            default -> {
                execution.cancel(item.measureId(), reason, admin);
                return messages.text("monitoring.done.cancel");
            }
        }
    }

    // ---- incidents ----------------------------------------------------------------------------------------------

    /** Failed engine jobs, and mail that could not be delivered (FAILED) or was refused (REJECTED). */
    public Incidents incidents(int page) {
        int size = 50;
        return new Incidents(execution.failedJobs(page, size), execution.countFailedJobs(),
                notifications.outbox(OutboxStatus.FAILED, page, size),
                notifications.outbox(OutboxStatus.REJECTED, page, size), page, size);
    }

    public record Incidents(List<FailedJob> jobs, long jobCount, OutboxPage failedMail, OutboxPage rejectedMail,
                            int page, int size) {
    }

    public void retryJob(String jobId, AppUser admin) {
        execution.retryJob(jobId, admin);
    }

    public void retryMail(long id) {
        notifications.retry(id);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private Window window() {
        return Window.of(Clock.today(), properties.reviewDays());
    }

    private String agencyName(String code, String lang) {
        return code == null ? "" : agencies.find(code).map(a -> a.name(lang)).orElse(code);
    }

    private static String lang() {
        return Messages.supported(LocaleContextHolder.getLocale()).getLanguage();
    }
}
