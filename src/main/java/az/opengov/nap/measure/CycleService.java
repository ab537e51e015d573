package az.opengov.nap.measure;

import az.opengov.nap.audit.AuditService;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.MeasureAgency;
import az.opengov.nap.plan.Plan;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.shared.TransactionCache;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A measure's reporting cycles and who is asked to report in each. The process calls it through thin delegates;
 * everything here is idempotent, so a retried job does no harm. What the start of every agency's report reads (the
 * cycle, its participants, the plan's calendar) is read once per transaction ({@link TransactionCache}): the job that
 * opens a cycle starts all its agencies' reports; every write here clears what the transaction has read.
 */
@Service
public class CycleService {

    private final CycleRepository cycles;
    private final PlanService plans;
    private final AuditService audit;

    CycleService(CycleRepository cycles, PlanService plans, AuditService audit) {
        this.cycles = cycles;
        this.plans = plans;
        this.audit = audit;
    }

    /** Expands the measure's collectives and lays out its cycles: one per period of its years, the last one final. */
    @Transactional
    public int planCycles(long measureId) {
        plans.expandParticipants(measureId);
        List<ReportingCycle> existing = cycles.cycles(measureId);
        if (!existing.isEmpty()) {
            return existing.size();
        }
        Measure measure = plans.measure(measureId);
        Plan plan = plans.plan(measure.planCode());
        List<ReportingCycle> planned = layOut(measure, plan);
        TransactionCache.clear();
        planned.forEach(cycles::insertCycle);
        return planned.size();
    }

    /**
     * Lays out again the cycles not yet opened, after a measure's period was amended: the cycles opened so far stay
     * as they are, the rest follow the new period (numbered on from the last opened one, the last one final).
     *
     * @return the cycles now laid out after the opened ones
     * @throws NapException (422) when the new period leaves no cycle after those already opened
     */
    @Transactional
    public RelaidCycles relayRemaining(long measureId) {
        return relayRemaining(measureId, true);
    }

    /**
     * As {@link #relayRemaining(long)}; when {@code required} is false a measure whose cycles have all opened is left
     * as it is (a calendar change reaches only the cycles to come) and the result lays out nothing.
     */
    @Transactional
    public RelaidCycles relayRemaining(long measureId, boolean required) {
        Measure measure = plans.measure(measureId);
        Plan plan = plans.plan(measure.planCode());
        int opened = cycles.lastOpened(measureId);
        LocalDate openedUntil = opened == 0 ? null : cycle(measureId, opened).periodEnd();
        List<ReportingCycle> remaining = layOut(measure, plan).stream()
                .filter(c -> openedUntil == null || c.periodStart().isAfter(openedUntil)).toList();
        if (remaining.isEmpty() && !required) {
            return new RelaidCycles(opened, List.of(), List.of());
        }
        if (remaining.isEmpty()) {
            throw NapException.invalid(List.of(az.opengov.nap.shared.FieldProblem.of("period",
                    "validation.amendment.periodBeforeOpenedCycle", String.valueOf(openedUntil))));
        }
        List<Integer> dropped = cycles.cycles(measureId).stream().map(ReportingCycle::number)
                .filter(n -> n > opened).toList();
        TransactionCache.clear();
        cycles.deleteCyclesAfter(measureId, opened);
        List<ReportingCycle> laid = new ArrayList<>();
        for (int i = 0; i < remaining.size(); i++) {
            ReportingCycle c = remaining.get(i);
            ReportingCycle renumbered = new ReportingCycle(measureId, opened + 1 + i, c.periodStart(), c.periodEnd(),
                    c.dueDate(), i == remaining.size() - 1);
            cycles.insertCycle(renumbered);
            laid.add(renumbered);
        }
        return new RelaidCycles(opened, dropped, List.copyOf(laid));
    }

    /** The outcome of {@link #relayRemaining}: the last opened cycle, the numbers dropped and the cycles laid out. */
    public record RelaidCycles(int lastOpened, List<Integer> dropped, List<ReportingCycle> laid) {

        public int total() {
            return lastOpened + laid.size();
        }
    }

    static List<ReportingCycle> layOut(Measure measure, Plan plan) {
        PlanCalendar calendar = plan.calendar();
        int months = calendar.frequencyMonths();
        List<ReportingCycle> result = new ArrayList<>();
        int number = 1;
        for (int year = measure.firstYear() + plan.yearShift(); year <= measure.lastYear() + plan.yearShift(); year++) {
            for (int month = 1; month <= 12; month += months) {
                LocalDate start = LocalDate.of(year, month, 1);
                LocalDate end = start.plusMonths(months).minusDays(1);
                result.add(new ReportingCycle(measure.id(), number++, start, end,
                        end.plusDays(calendar.dueOffsetDays()), false));
            }
        }
        ReportingCycle last = result.remove(result.size() - 1);
        result.add(new ReportingCycle(last.measureId(), last.number(), last.periodStart(), last.periodEnd(),
                last.dueDate(), true));
        return result;
    }

    public List<ReportingCycle> cycles(long measureId) {
        return cycles.cycles(measureId);
    }

    public ReportingCycle cycle(long measureId, int number) {
        return TransactionCache.get("reporting-cycle", List.of(measureId, number), () -> cycles.cycle(measureId, number)
                .orElseThrow(() -> NapException.notFound("cycle", number)));
    }

    /** Reports on a period are asked for when the period has ended: the start of the next day in Baku. */
    public Instant opensAt(long measureId, int number) {
        return cycle(measureId, number).periodEnd().plusDays(1).atStartOfDay(Clock.BAKU).toInstant();
    }

    /** Opens a cycle: every agency taking part in the measure now is asked for a report. */
    @Transactional
    public int openCycle(long measureId, int number) {
        ReportingCycle cycle = cycle(measureId, number);
        TransactionCache.clear();
        cycles.markOpened(measureId, number, Clock.now());
        List<Participant> existing = cycles.participants(measureId, number);
        if (!existing.isEmpty()) {
            return existing.size();
        }
        List<Participant> participants = new ArrayList<>();
        for (MeasureAgency agency : plans.agencies(measureId)) {
            if (agency.active()) {
                participants.add(new Participant(measureId, number, agency.agencyCode(), participants.size(),
                        agency.role(), ParticipantStatus.OPEN, cycle.dueDate()));
            }
        }
        cycles.insertParticipants(participants);
        return participants.size();
    }

    public Participant participantAt(long measureId, int cycle, int position) {
        return cachedParticipants(measureId, cycle).stream().filter(p -> p.position() == position).findFirst()
                .orElseThrow(() -> NapException.notFound("participant", position));
    }

    public Participant participant(long measureId, int cycle, String agencyCode) {
        return cachedParticipants(measureId, cycle).stream().filter(p -> p.agencyCode().equals(agencyCode))
                .findFirst().orElseThrow(() -> NapException.notFound("participant", agencyCode));
    }

    /** The cycle's participants as this transaction first read them (in one statement, not one per agency). */
    private List<Participant> cachedParticipants(long measureId, int cycle) {
        return TransactionCache.get("cycle-participants", List.of(measureId, cycle),
                () -> cycles.participants(measureId, cycle));
    }

    public List<Participant> participants(long measureId, int cycle) {
        return cycles.participants(measureId, cycle);
    }

    public List<Participant> participantsOf(long measureId, String agencyCode) {
        return cycles.participantsOf(measureId, agencyCode);
    }

    public Deadlines deadlines(long measureId, int cycle, String agencyCode) {
        return Deadlines.of(participant(measureId, cycle, agencyCode).dueDate(), calendar(measureId));
    }

    /** The deadlines of the cycle's own due date: every agency's when the cycle opens, unless one was moved since. */
    public Deadlines cycleDeadlines(long measureId, int cycle) {
        return Deadlines.of(cycle(measureId, cycle).dueDate(), calendar(measureId));
    }

    /** A returned report is due again {@code revisionDays} from today. */
    @Transactional
    public Deadlines reopenForRevision(long measureId, int cycle, String agencyCode) {
        LocalDate due = Clock.today().plusDays(calendar(measureId).revisionDays());
        TransactionCache.clear();
        cycles.updateDueDate(measureId, cycle, agencyCode, due);
        return deadlines(measureId, cycle, agencyCode);
    }

    @Transactional
    public Deadlines changeDueDate(long measureId, int cycle, String agencyCode, LocalDate due) {
        TransactionCache.clear();
        if (cycles.updateDueDate(measureId, cycle, agencyCode, due) == 0) {
            throw NapException.notFound("participant", agencyCode);
        }
        return deadlines(measureId, cycle, agencyCode);
    }

    /** Adds an agency to an open cycle (amendment); returns it with its position. */
    @Transactional
    public Participant addParticipant(long measureId, int cycle, MeasureAgency agency) {
        TransactionCache.clear();
        var existing = cycles.participant(measureId, cycle, agency.agencyCode());
        if (existing.isPresent()) {
            cycles.updateStatus(measureId, cycle, agency.agencyCode(), ParticipantStatus.OPEN);
            return participant(measureId, cycle, agency.agencyCode());
        }
        Participant p = new Participant(measureId, cycle, agency.agencyCode(), cycles.nextPosition(measureId, cycle),
                agency.role(), ParticipantStatus.OPEN, cycle(measureId, cycle).dueDate());
        cycles.insertParticipant(p);
        return p;
    }

    @Transactional
    public void setStatus(long measureId, int cycle, String agencyCode, ParticipantStatus status) {
        TransactionCache.clear();
        cycles.updateStatus(measureId, cycle, agencyCode, status);
    }

    @Transactional
    public void recordAction(long measureId, String action, String agencyCode, Integer cycle, String reason,
                             String details, String actor) {
        cycles.insertAction(measureId, action, agencyCode, cycle, reason, details, actor, Clock.now());
        audit.change(actor, "MEASURE_" + action, "measure", measureId,
                "agency " + agencyCode + ", cycle " + cycle + ", reason: " + reason
                        + (details == null ? "" : ", " + details));
    }

    public List<MeasureAction> actions(long measureId) {
        return cycles.actions(measureId);
    }

    public PlanCalendar calendar(long measureId) {
        return TransactionCache.get("calendar", measureId,
                () -> plans.plan(plans.measure(measureId).planCode()).calendar());
    }
}
