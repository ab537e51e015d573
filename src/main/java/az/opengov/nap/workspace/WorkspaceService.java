package az.opengov.nap.workspace;

import az.opengov.nap.evidence.EvidenceFile;
import az.opengov.nap.evidence.EvidenceService;
import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.ReportingCycle;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.MeasureAgency;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.plan.Section;
import az.opengov.nap.reporting.ProgressReport;
import az.opengov.nap.reporting.ReportContent;
import az.opengov.nap.reporting.ReportStatus;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.review.Review;
import az.opengov.nap.review.ReviewService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.FormDefinitions;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorkKind;
import az.opengov.nap.worklist.WorklistService;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the workspace's pages show, read from the features' services. It decides nothing: who may open a task is
 * the facade's check ({@code MeasureExecutionService.task}), done by the controllers before they come here.
 */
@Service
@Transactional(readOnly = true)
public class WorkspaceService {

    /** The inbox and the review queue show at most this many tasks (the worklist's largest page). */
    static final int MAX_ROWS = WorklistService.MAX_PAGE;

    private final WorklistService worklist;
    private final PlanService plans;
    private final CycleService cycles;
    private final ReportingService reports;
    private final ReviewService reviews;
    private final EvidenceService evidence;
    private final UserDirectory users;
    private final FormDefinitions forms;
    private final WorkspaceFormat fmt;

    WorkspaceService(WorklistService worklist, PlanService plans, CycleService cycles, ReportingService reports,
                     ReviewService reviews, EvidenceService evidence, UserDirectory users, FormDefinitions forms,
                     WorkspaceFormat fmt) {
        this.worklist = worklist;
        this.plans = plans;
        this.cycles = cycles;
        this.reports = reports;
        this.reviews = reviews;
        this.evidence = evidence;
        this.users = users;
        this.forms = forms;
        this.fmt = fmt;
    }

    // ---- lists --------------------------------------------------------------------------------------------------

    /**
     * My agency's open report tasks. {@code show}: all, returned, overdue, mine (assigned to me); {@code sort}: due,
     * measure; {@code q} searches the measure's code and title.
     */
    public List<TaskRow> inbox(AppUser user, String q, String show, String sort) {
        if (user.agencyCode() == null) {
            return List.of();
        }
        Stream<TaskRow> rows = rows(worklist.open(List.of(user.agencyCode()), 0, MAX_ROWS).stream()
                .filter(w -> w.kind() == WorkKind.REPORT || w.kind() == WorkKind.INVITED_REPORT).toList()).stream();
        String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        if (!needle.isEmpty()) {
            rows = rows.filter(r -> r.item().measureCode().toLowerCase(Locale.ROOT).contains(needle)
                    || r.measureTitle().toLowerCase(Locale.ROOT).contains(needle));
        }
        rows = switch (show == null ? "all" : show) {
            case "returned" -> rows.filter(r -> r.item().returned());
            case "overdue" -> rows.filter(TaskRow::overdue);
            case "mine" -> rows.filter(r -> user.username().equals(r.item().assignee()));
            default -> rows;
        };
        Comparator<TaskRow> byDue = Comparator.comparing(TaskRow::due, Comparator.nullsLast(Comparator.naturalOrder()));
        Comparator<TaskRow> order = "measure".equals(sort)
                ? Comparator.comparing((TaskRow r) -> r.item().section())
                .thenComparing(r -> codeKey(r.item().measureCode())).thenComparing(byDue)
                : byDue.thenComparing(r -> codeKey(r.item().measureCode()));
        return rows.sorted(order).toList();
    }

    /** How many tasks wait for the user: their agency's reports, and for reviewers the review queue. */
    public long openCount(AppUser user) {
        long count = user.agencyCode() == null ? 0 : worklist.open(List.of(user.agencyCode()), 0, MAX_ROWS).stream()
                .filter(w -> w.kind() == WorkKind.REPORT || w.kind() == WorkKind.INVITED_REPORT).count();
        return count;
    }

    public long reviewCount() {
        return worklist.reviewQueue(0, MAX_ROWS).size();
    }

    /** Reports waiting for review and measures waiting for their final assessment, oldest first, filtered. */
    public List<TaskRow> reviewQueue(Integer section, String agency) {
        return rows(worklist.reviewQueue(0, MAX_ROWS).stream()
                .filter(w -> section == null || w.section() == section)
                .filter(w -> agency == null || agency.isBlank() || agency.equals(w.agencyCode())).toList());
    }

    /** The sections and agencies the review queue can be filtered by: those in it now. */
    public Map<Integer, String> queueSections() {
        Map<Integer, String> sections = new java.util.TreeMap<>();
        for (WorkItem w : worklist.reviewQueue(0, MAX_ROWS)) {
            sections.computeIfAbsent(w.section(), s -> sectionTitle(w.planCode(), s));
        }
        return sections;
    }

    public Map<String, String> queueAgencies() {
        Map<String, String> agencies = new java.util.TreeMap<>();
        for (WorkItem w : worklist.reviewQueue(0, MAX_ROWS)) {
            if (w.agencyCode() != null) {
                agencies.put(w.agencyCode(), fmt.agency(w.agencyCode()));
            }
        }
        return agencies;
    }

    // ---- a task -------------------------------------------------------------------------------------------------

    public TaskPage page(WorkItem item, AppUser user) {
        Measure m = plans.measure(item.measureId());
        String planTitle = plans.plan(m.planCode()).title();
        String sectionTitle = sectionTitle(m.planCode(), m.section());
        ReportingCycle cycle = item.cycleNumber() == null ? null : cycles.cycle(m.id(), item.cycleNumber());
        List<Party> parties = plans.agencies(m.id()).stream().map(a -> party(a, item.agencyCode())).toList();
        boolean open = "OPEN".equals(item.state());
        if (item.kind() == WorkKind.FINAL_ASSESSMENT) {
            return new TaskPage(item, m, planTitle, sectionTitle, null, parties, null, Map.of(), List.of(), List.of(),
                    open, false, open ? "status.assessment.open" : "status.assessment.done", null, null, List.of(),
                    false, null, null, null, List.of(), null);
        }
        ProgressReport report = item.kind() == WorkKind.REVIEW && item.reportId() != null
                ? reports.get(item.reportId())
                : reports.current(m.id(), item.cycleNumber(), item.agencyCode()).orElse(null);
        List<ReportVersion> history = reports.history(m.id(), item.agencyCode()).stream()
                .filter(r -> r.status() != ReportStatus.DRAFT)
                .map(r -> new ReportVersion(r, reviews.find(r.id()).orElse(null))).toList();
        Review lastReview = history.stream().map(ReportVersion::review).filter(r -> r != null)
                .reduce((a, b) -> b).orElse(null);
        List<EvidenceFile> files = evidence.files(m.id(), item.cycleNumber(), item.agencyCode());
        Map<String, Object> values = report == null ? ReportContent.EMPTY.asFormValues()
                : report.content().asFormValues();
        if (item.kind() == WorkKind.REVIEW) {
            ProgressReport previous = history.stream().map(ReportVersion::report)
                    .filter(r -> r.id() != report.id() && r.submittedAt() != null
                            && (r.cycleNumber() < report.cycleNumber()
                            || (r.cycleNumber() == report.cycleNumber() && r.version() < report.version())))
                    .reduce((a, b) -> b).orElse(null);
            Review previousReview = previous == null ? null : reviews.find(previous.id()).orElse(null);
            Review decision = reviews.find(report.id()).orElse(null);
            String status = "status.review." + (decision != null ? decision.decision().name()
                    : open ? "OPEN" : "CLOSED");
            return new TaskPage(item, m, planTitle, sectionTitle, cycle, parties, report, values, history, files,
                    open, false, status, lastReview, null, List.of(), false, null, previous, previousReview,
                    compare(report, previous), decision);
        }
        boolean own = item.agencyCode().equals(user.agencyCode());
        boolean editable = open && own;
        String statusKey = open ? (item.returned() ? "status.report.RETURNED_OPEN" : report == null
                ? "status.report.NEW" : "status.report.DRAFT")
                : report == null ? "status.report.CLOSED" : "status.report." + report.status().name();
        String followUp = null;
        if (!open && report != null && report.status() == ReportStatus.RETURNED) {
            followUp = worklist.openForMeasure(m.id()).stream()
                    .filter(w -> item.agencyCode().equals(w.agencyCode()) && w.kind() == item.kind()
                            && java.util.Objects.equals(w.cycleNumber(), item.cycleNumber()))
                    .map(WorkItem::taskId).findFirst().orElse(null);
        }
        boolean coordinator = editable && users.coordinator(user.username());
        List<AppUser> colleagues = coordinator ? users.colleagues(item.agencyCode()) : List.of();
        String assigneeName = item.assignee() == null ? null
                : users.find(item.assignee()).map(AppUser::displayName).orElse(item.assignee());
        return new TaskPage(item, m, planTitle, sectionTitle, cycle, parties, report, values, history, files, open,
                editable, statusKey, lastReview, followUp, colleagues, coordinator, assigneeName, null, null,
                List.of(), null);
    }

    /** Field by field: the report next to the previous one, and the lines that are new. */
    List<Comparison> compare(ProgressReport now, ProgressReport before) {
        List<Comparison> result = new ArrayList<>();
        Map<String, Object> a = now.content().asFormValues();
        Map<String, Object> b = before == null ? new LinkedHashMap<>() : before.content().asFormValues();
        for (FormDefinitions.Field f : forms.fields(FormDefinitions.PROGRESS_REPORT)) {
            String x = text(a.get(f.key()));
            String y = text(b.get(f.key()));
            Set<String> old = new LinkedHashSet<>(lines(y));
            List<String> added = before == null ? List.of()
                    : lines(x).stream().filter(l -> !l.isBlank() && !old.contains(l)).toList();
            boolean select = !f.values().isEmpty();
            result.add(new Comparison(f.key(), fmt.label(FormDefinitions.PROGRESS_REPORT, f),
                    select ? fmt.option(x) : x, select ? fmt.option(y) : y, before != null && !x.equals(y), added));
        }
        return result;
    }

    private static List<String> lines(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split("\\R")).stream().map(String::strip).toList();
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString().strip();
    }

    /** The rows of a list: one read of its measures, one of each plan's sections, one per assignee, however long. */
    private List<TaskRow> rows(List<WorkItem> items) {
        Map<Long, Measure> measures = plans.measures(items.stream().map(WorkItem::measureId).toList());
        Map<String, List<Section>> sections = new java.util.HashMap<>();
        Map<String, String> names = new java.util.HashMap<>();
        return items.stream().map(w -> row(w, measures.getOrDefault(w.measureId(), null), sections, names)).toList();
    }

    private TaskRow row(WorkItem w, Measure measure, Map<String, List<Section>> sections, Map<String, String> names) {
        Measure m = measure != null ? measure : plans.measure(w.measureId());
        LocalDate today = Clock.today();
        LocalDate due = w.dueAt() == null ? null : LocalDate.ofInstant(w.dueAt(), Clock.BAKU);
        long daysLeft = due == null ? 0 : ChronoUnit.DAYS.between(today, due);
        long age = ChronoUnit.DAYS.between(LocalDate.ofInstant(w.createdAt(), Clock.BAKU), today);
        String assignee = w.assignee() == null ? null : names.computeIfAbsent(w.assignee(),
                a -> users.find(a).map(AppUser::displayName).orElse(a));
        String section = sections.computeIfAbsent(m.planCode(), plans::sections).stream()
                .filter(s -> s.number() == m.section()).map(Section::title).findFirst().orElse("");
        return new TaskRow(w, m.title(), section, due, daysLeft,
                w.overdue(Clock.now()), assignee, Math.max(0, age));
    }

    private String sectionTitle(String planCode, int number) {
        return plans.sections(planCode).stream().filter(s -> s.number() == number).map(Section::title)
                .findFirst().orElse("");
    }

    private Party party(MeasureAgency a, String ownCode) {
        return new Party(a.agencyCode(), fmt.agency(a.agencyCode()), a.role().name(), a.agencyCode().equals(ownCode),
                a.active());
    }

    /** "1.10" after "1.9": measure codes sorted by their numbers. */
    static String codeKey(String code) {
        StringBuilder key = new StringBuilder();
        for (String part : code.split("\\.")) {
            key.append(String.format("%6s", part)).append('.');
        }
        return key.toString();
    }
}
