package az.opengov.nap.notification;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorkKind;
import az.opengov.nap.worklist.WorklistService;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The weekly digest: each agency with open report tasks gets its open and overdue tasks, the commission its review
 * backlog, the administrators the overdue tasks by agency. Queued once per ISO week (Baku calendar): running it
 * again in the same week, or on two nodes, adds nothing. Nobody gets an empty digest.
 */
@Component
class WeeklyDigest {

    /** Lines one digest shows at most. */
    static final int MAX_LINES = WorklistService.MAX_PAGE;

    private final Outbox outbox;
    private final MailComposer composer;
    private final Recipients recipients;
    private final WorklistService worklist;
    private final NotificationProperties properties;

    WeeklyDigest(Outbox outbox, MailComposer composer, Recipients recipients, WorklistService worklist,
                 NotificationProperties properties) {
        this.outbox = outbox;
        this.composer = composer;
        this.recipients = recipients;
        this.worklist = worklist;
        this.properties = properties;
    }

    /** @return how many mails were queued */
    @Transactional
    int enqueue() {
        LocalDate today = Clock.today();
        String week = week(today);
        Instant now = Clock.now();
        int queued = 0;
        for (Agency agency : recipients.reportingAgencies()) {
            List<WorkItem> open = worklist.open(List.of(agency.code()), 0, MAX_LINES).stream()
                    .filter(w -> w.kind() == WorkKind.REPORT || w.kind() == WorkKind.INVITED_REPORT).toList();
            if (open.isEmpty()) {
                continue;
            }
            DigestFacts facts = new DigestFacts(MailKind.DIGEST_AGENCY, week, agency, open.size(),
                    (int) open.stream().filter(w -> w.overdue(now)).count(),
                    List.of(new DigestFacts.Group(null, lines(open, now))), properties.link("/workspace"));
            queued += queue(facts, agency.code(), recipients.agency(agency));
        }
        List<WorkItem> backlog = worklist.reviewQueue(0, MAX_LINES);
        if (!backlog.isEmpty()) {
            DigestFacts facts = new DigestFacts(MailKind.DIGEST_COMMISSION, week, null, backlog.size(), 0,
                    List.of(new DigestFacts.Group(null, lines(backlog, now))), properties.link("/workspace"));
            queued += queue(facts, null, recipients.reviewers());
        }
        List<WorkItem> overdue = worklist.overdue(0, MAX_LINES);
        if (!overdue.isEmpty()) {
            Map<String, List<WorkItem>> byAgency = new LinkedHashMap<>();
            overdue.stream().filter(w -> w.agencyCode() != null)
                    .sorted(java.util.Comparator.comparing(WorkItem::agencyCode))
                    .forEach(w -> byAgency.computeIfAbsent(w.agencyCode(), k -> new ArrayList<>()).add(w));
            List<DigestFacts.Group> groups = byAgency.entrySet().stream()
                    .map(e -> new DigestFacts.Group(recipients.agency(e.getKey()), lines(e.getValue(), now))).toList();
            DigestFacts facts = new DigestFacts(MailKind.DIGEST_ADMIN, week, null, overdue.size(), overdue.size(),
                    groups, properties.link("/workspace"));
            queued += queue(facts, null, recipients.administrators());
        }
        return queued;
    }

    static String week(LocalDate date) {
        return String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR),
                date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private int queue(DigestFacts facts, String agencyCode, List<Recipient> to) {
        return outbox.enqueue(Outbox.key(facts.kind(), null, null, agencyCode, null, "week=" + facts.week()),
                facts.kind(), null, null, agencyCode, null, facts.link(), to, locale -> composer.digest(facts, locale));
    }

    private List<DigestFacts.Line> lines(List<WorkItem> items, Instant now) {
        Map<String, Agency> agencies = new LinkedHashMap<>();
        Set<WorkKind> reports = Set.of(WorkKind.REPORT, WorkKind.INVITED_REPORT);
        return items.stream().map(w -> {
            Agency agency = w.agencyCode() == null ? null
                    : agencies.computeIfAbsent(w.agencyCode(), recipients::agency);
            LocalDate due = w.dueAt() == null ? null : LocalDate.ofInstant(w.dueAt(), Clock.BAKU);
            int overdue = due == null || !w.overdue(now) ? 0
                    : (int) Math.max(1, ChronoUnit.DAYS.between(due, LocalDate.ofInstant(now, Clock.BAKU)));
            return new DigestFacts.Line(w.measureCode(), agency, w.kind().name(),
                    reports.contains(w.kind()) ? due : null, overdue, w.returned(),
                    properties.link("/workspace/tasks/" + w.taskId()));
        }).toList();
    }
}
