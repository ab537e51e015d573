package az.opengov.nap.reporting.web;

import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.MeasureAgency;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.reporting.ProgressReport;
import az.opengov.nap.reporting.ReportContent;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.review.Review;
import az.opengov.nap.review.ReviewService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.PageNumber;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorklistService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The JSON API of agency users: their tasks, a task with its measure, drafts and submissions. */
@RestController
@RequestMapping("/api/tasks")
@Tag(name = "Tasks", description = "My agency's report tasks (and, for reviewers, the commission's)")
class TaskApiController {

    private final MeasureExecutionService execution;
    private final WorklistService worklist;
    private final UserDirectory users;
    private final PlanService plans;
    private final AgencyService agencies;
    private final ReportingService reports;
    private final ReviewService reviews;

    TaskApiController(MeasureExecutionService execution, WorklistService worklist, UserDirectory users,
                      PlanService plans, AgencyService agencies, ReportingService reports, ReviewService reviews) {
        this.execution = execution;
        this.worklist = worklist;
        this.users = users;
        this.plans = plans;
        this.agencies = agencies;
        this.reports = reports;
        this.reviews = reviews;
    }

    record TaskRow(String taskId, String kind, String planCode, long measureId, String measureCode, String measureTitle,
                   Integer cycle, String agencyCode, String role, Instant dueAt, long daysLeft, boolean overdue,
                   boolean returned) {
    }

    record TaskPage(long total, int page, int size, List<TaskRow> items) {
    }

    record Party(String agencyCode, String name, String role, boolean active) {
    }

    record Version(long reportId, int cycle, int version, String status, ReportContent content, Instant submittedAt,
                   String submittedBy, String decision, String reviewerComment) {
    }

    record TaskDetail(TaskRow task, int section, String subsection, String indicators, String period,
                      List<Party> agencies, ProgressReport current, List<Version> history) {
    }

    @GetMapping
    @Operation(summary = "List my open tasks, earliest due first")
    TaskPage mine(@RequestParam(required = false) Integer page, @RequestParam(defaultValue = "50") int size) {
        AppUser user = users.current();
        List<String> groups = user.groups().stream().filter(g -> !AppUser.ADMIN_GROUP.equals(g)).toList();
        int pageNumber = PageNumber.of(page);
        WorklistService.OpenPage open = worklist.openPage(groups, pageNumber, size);
        List<TaskRow> rows = open.items().stream().map(w -> row(w, open.measureTitles().get(w.measureId()))).toList();
        return new TaskPage(open.total(), pageNumber, rows.size(), rows);
    }

    @GetMapping("/{taskId}")
    @Operation(summary = "A task with its measure, the other agencies, the working draft and earlier versions")
    TaskDetail get(@PathVariable String taskId) {
        WorkItem item = execution.task(taskId, users.current());
        Measure m = plans.measure(item.measureId());
        List<Party> parties = plans.agencies(m.id()).stream().map(this::party).toList();
        ProgressReport current = item.agencyCode() == null || item.cycleNumber() == null ? null
                : reports.current(m.id(), item.cycleNumber(), item.agencyCode()).orElse(null);
        List<Version> history = item.agencyCode() == null ? List.of()
                : reports.history(m.id(), item.agencyCode()).stream().map(this::version).toList();
        return new TaskDetail(row(item, m.title()), m.section(), m.subsection(), m.indicators(), m.period(), parties,
                current, history);
    }

    @PutMapping("/{taskId}/draft")
    @Operation(summary = "Save the report as a draft (may be incomplete)")
    ProgressReport saveDraft(@PathVariable String taskId, @RequestBody ReportContent content) {
        return execution.saveDraft(taskId, content, users.current());
    }

    record Submitted(long reportId, String status) {
    }

    @PostMapping("/{taskId}/submit")
    @Operation(summary = "Submit the report for review: the content sent, or else the saved draft. With an "
            + "Idempotency-Key header a retry returns the first result (header Idempotent-Replayed: true); the same "
            + "key with other content is refused (422), a malformed key too (400)")
    ResponseEntity<Submitted> submit(@PathVariable String taskId,
                                     @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                     @RequestBody(required = false) ReportContent content) {
        AppUser me = users.current();
        if (key == null) {
            long id = execution.submit(taskId, content, me);
            return ResponseEntity.ok(new Submitted(id, reports.get(id).status().name()));
        }
        ReportingService.checkIdempotencyKey(key);
        String fingerprint = ReportingService.fingerprint(taskId, content);
        var first = reports.previousSubmission(me.username(), key, fingerprint);
        if (first.isPresent()) {
            return replayed(first.get());
        }
        try {
            long id = execution.submit(taskId, content, me, key, fingerprint);
            return ResponseEntity.ok(new Submitted(id, reports.get(id).status().name()));
        } catch (RuntimeException e) {
            // a retry that raced its first attempt lost: the first attempt's answer, now committed
            var raced = reports.previousSubmission(me.username(), key, fingerprint);
            if (raced.isPresent()) {
                return replayed(raced.get());
            }
            throw e;
        }
    }

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static ResponseEntity<Submitted> replayed(ReportingService.SubmittedOnce first) {
        return ResponseEntity.ok().header("Idempotent-Replayed", "true")
                .body(new Submitted(first.reportId(), first.status()));
    }

    private TaskRow row(WorkItem w, String measureTitle) {
        Instant now = Clock.now();
        long daysLeft = w.dueAt() == null ? 0 : java.time.Duration.between(now, w.dueAt()).toDays();
        return new TaskRow(w.taskId(), w.kind().name(), w.planCode(), w.measureId(), w.measureCode(), measureTitle,
                w.cycleNumber(), w.agencyCode(), w.role(), w.dueAt(), daysLeft, w.overdue(now), w.returned());
    }

    private Party party(MeasureAgency a) {
        return new Party(a.agencyCode(), agencies.find(a.agencyCode()).map(x -> x.nameAz()).orElse(a.agencyCode()),
                a.role().name(), a.active());
    }

    private Version version(ProgressReport r) {
        Review review = reviews.find(r.id()).orElse(null);
        return new Version(r.id(), r.cycleNumber(), r.version(), r.status().name(), r.content(), r.submittedAt(),
                r.submittedBy(), review == null ? null : review.decision().name(),
                review == null ? null : review.comment());
    }
}
