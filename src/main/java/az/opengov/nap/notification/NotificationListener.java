package az.opengov.nap.notification;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.DueDateExtended;
import az.opengov.nap.measure.Participant;
import az.opengov.nap.measure.ReportingCycle;
import az.opengov.nap.plan.AgencyRole;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.publication.ReportPublished;
import az.opengov.nap.reporting.ProgressReport;
import az.opengov.nap.reporting.ReportStatus;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.review.Review;
import az.opengov.nap.review.ReviewService;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.ReferenceCache;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorkItemOpened;
import az.opengov.nap.worklist.WorkKind;
import az.opengov.nap.worklist.WorklistService;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the domain events into queued mail. Plain synchronous listeners: they run in the transaction of the process
 * step that raised the event, so the outbox row commits or rolls back with the step. What goes to whom:
 * <ul>
 * <li>a new report task: the agency (executor: a request, recommended body: an invitation); a returned one: the
 * agency, with the reviewer's comment;</li>
 * <li>a reminder: the agency; an escalation (executors only): the agency, and from the second one on also the
 * agency's head and the plan administrators;</li>
 * <li>a report waiting for review: the reviewers; a published report: the agency.</li>
 * </ul>
 */
@Component
class NotificationListener {

    private final Outbox outbox;
    private final MailComposer composer;
    private final Recipients recipients;
    private final NotificationProperties properties;
    private final PlanService plans;
    private final CycleService cycles;
    private final WorklistService worklist;
    private final ReportingService reports;
    private final ReviewService reviews;
    private final ReferenceCache reference;

    NotificationListener(Outbox outbox, MailComposer composer, Recipients recipients,
                         NotificationProperties properties, PlanService plans, CycleService cycles,
                         WorklistService worklist, ReportingService reports, ReviewService reviews,
                         ReferenceCache reference) {
        this.outbox = outbox;
        this.composer = composer;
        this.recipients = recipients;
        this.properties = properties;
        this.plans = plans;
        this.cycles = cycles;
        this.worklist = worklist;
        this.reports = reports;
        this.reviews = reviews;
        this.reference = reference;
    }

    @EventListener
    void on(DeadlineReached e) {
        AgencyRole role = cycles.participant(e.measureId(), e.cycleNumber(), e.agencyCode()).role();
        boolean invited = role == AgencyRole.RECOMMENDED;
        if (e.kind() == DeadlineKind.ESCALATION && invited) {
            return; // recommended bodies are invited and reminded, never escalated
        }
        MailKind kind = e.kind() == DeadlineKind.REMINDER ? (invited ? MailKind.INVITED_REMINDER : MailKind.REMINDER)
                : MailKind.ESCALATION;
        Agency agency = recipients.agency(e.agencyCode());
        List<List<Recipient>> to = new ArrayList<>();
        to.add(recipients.agency(agency));
        if (kind == MailKind.ESCALATION && e.sequence() >= 2) {
            to.add(recipients.head(agency));
            to.add(recipients.administrators());
        }
        String link = taskLink(e.measureId(), e.cycleNumber(), e.agencyCode());
        MailFacts facts = facts(kind, e.measureId(), e.cycleNumber(), agency, e.dueDate(), e.daysOverdue(), null, link);
        outbox.enqueue(Outbox.key(kind, e.measureId(), e.cycleNumber(), e.agencyCode(), e.dueDate(), e.sequence()),
                kind, e.measureId(), e.cycleNumber(), e.agencyCode(), e.dueDate(), link, Recipients.union(to),
                locale -> composer.later(facts, locale));
    }

    /** An agency's due date moved while its report was open: it is told the new date, with the same task's link. */
    @EventListener
    void on(DueDateExtended e) {
        Agency agency = recipients.agency(e.agencyCode());
        String link = properties.link("/workspace/tasks/" + e.taskId());
        MailFacts facts = facts(MailKind.DUE_DATE_EXTENDED, e.measureId(), e.cycleNumber(), agency, e.dueDate(), 0,
                null, link);
        outbox.enqueue(Outbox.key(MailKind.DUE_DATE_EXTENDED, e.measureId(), e.cycleNumber(), e.agencyCode(),
                        e.dueDate(), null), MailKind.DUE_DATE_EXTENDED, e.measureId(), e.cycleNumber(), e.agencyCode(),
                e.dueDate(), link, recipients.agency(agency), locale -> composer.later(facts, locale));
    }

    /** An administrator's reminder about one report, keyed by today's date: the same day it is not queued again. */
    int remindNow(long measureId, int cycle, String agencyCode) {
        var participant = cycles.participant(measureId, cycle, agencyCode);
        MailKind kind = participant.role() == AgencyRole.RECOMMENDED ? MailKind.INVITED_REMINDER : MailKind.REMINDER;
        Agency agency = recipients.agency(agencyCode);
        String link = taskLink(measureId, cycle, agencyCode);
        LocalDate due = participant.dueDate();
        MailFacts facts = facts(kind, measureId, cycle, agency, due, overdue(due), null, link);
        return outbox.enqueue(Outbox.key(kind, measureId, cycle, agencyCode, due, "manual=" + Clock.today()), kind,
                measureId, cycle, agencyCode, due, link, recipients.agency(agency),
                locale -> composer.later(facts, locale));
    }

    @EventListener
    void on(WorkItemOpened event) {
        WorkItem item = event.item();
        if (item.kind() == WorkKind.FINAL_ASSESSMENT || item.cycleNumber() == null || item.agencyCode() == null) {
            return;
        }
        String link = properties.link("/workspace/tasks/" + item.taskId());
        // the job that opens a cycle asks every participant: their addresses are read together
        Agency agency = recipients.agencyAmong(item.agencyCode(), () -> cycles.participants(item.measureId(),
                item.cycleNumber()).stream().map(Participant::agencyCode).toList());
        LocalDate due = item.dueAt() == null ? null : LocalDate.ofInstant(item.dueAt(), Clock.BAKU);
        if (item.kind() == WorkKind.REVIEW) {
            MailFacts facts = facts(MailKind.REVIEW_WAITING, item.measureId(), item.cycleNumber(), agency, null, 0,
                    null, link);
            outbox.enqueueAtCommit(Outbox.key(MailKind.REVIEW_WAITING, item.measureId(), item.cycleNumber(),
                            item.agencyCode(), null, "report=" + item.reportId()), MailKind.REVIEW_WAITING,
                    item.measureId(), item.cycleNumber(), item.agencyCode(), null, link, recipients.reviewers(),
                    locale -> composer.later(facts, locale));
            return;
        }
        Optional<DueDateExtended> extension = DueDateExtended.recreated(item.measureId(), item.cycleNumber(),
                item.agencyCode(), item.taskId());
        if (extension.isPresent()) {
            on(extension.get());
            return;
        }
        MailKind kind;
        String comment = null;
        Object discriminator = null;
        if (item.returned()) {
            kind = MailKind.RETURNED;
            ProgressReport returned = reports.current(item.measureId(), item.cycleNumber(), item.agencyCode())
                    .filter(r -> r.status() == ReportStatus.RETURNED).orElse(null);
            if (returned != null) {
                comment = reviews.find(returned.id()).map(Review::comment).orElse(null);
                discriminator = "report=" + returned.id();
            }
        } else {
            kind = item.kind() == WorkKind.INVITED_REPORT ? MailKind.INVITATION : MailKind.TASK_OPENED;
        }
        MailFacts facts = facts(kind, item.measureId(), item.cycleNumber(), agency, due, overdue(due), comment, link);
        outbox.enqueueAtCommit(Outbox.key(kind, item.measureId(), item.cycleNumber(), item.agencyCode(), due,
                        discriminator), kind, item.measureId(), item.cycleNumber(), item.agencyCode(), due, link,
                recipients.agency(agency), locale -> composer.later(facts, locale));
    }

    @EventListener
    void on(ReportPublished e) {
        Agency agency = recipients.agency(e.agencyCode());
        Measure measure = plans.measure(e.measureId());
        String link = properties.link("/plans/" + measure.planCode() + "/measures/" + measure.code());
        MailFacts facts = facts(MailKind.PUBLISHED, e.measureId(), e.cycleNumber(), agency, null, 0, null, link);
        outbox.enqueue(Outbox.key(MailKind.PUBLISHED, e.measureId(), e.cycleNumber(), e.agencyCode(), null,
                        "report=" + e.reportId()), MailKind.PUBLISHED, e.measureId(), e.cycleNumber(),
                e.agencyCode(), null, link, recipients.agency(agency), locale -> composer.later(facts, locale));
    }

    private MailFacts facts(MailKind kind, long measureId, int cycle, Agency agency, LocalDate due, int daysOverdue,
                            String comment, String link) {
        // kept between transactions (a submit mails the reviewers; the job that opens a cycle, 150 agencies), of the
        // cycle only its period, which does not change
        Measure measure = reference.get("measure", measureId, () -> plans.measure(measureId));
        ReportingCycle c = reference.get("reporting-cycle", List.of(measureId, cycle),
                () -> cycles.cycle(measureId, cycle));
        return new MailFacts(kind, measureId, measure.planCode(), measure.code(), measure.title(), cycle,
                c.periodStart(), c.periodEnd(), agency, due, daysOverdue, comment, link);
    }

    /** The agency's open report task in the cycle; the workspace if it has none (the link then opens its list). */
    private String taskLink(long measureId, int cycle, String agencyCode) {
        return worklist.openReport(measureId, cycle, agencyCode)
                .map(w -> properties.link("/workspace/tasks/" + w.taskId()))
                .orElse(properties.link("/workspace"));
    }

    private static int overdue(LocalDate due) {
        return due == null ? 0 : (int) Math.max(0, ChronoUnit.DAYS.between(due, Clock.today()));
    }
}
