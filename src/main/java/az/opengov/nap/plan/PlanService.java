package az.opengov.nap.plan;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.shared.TransactionCache;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Plans, their sections and measures, and the agencies taking part in each measure. */
@Service
public class PlanService {

    private static final int REASON_MAX = 2000;
    private static final int TEXT_MAX = 4000;

    private final PlanRepository plans;
    private final AgencyService agencies;
    private final ApplicationEventPublisher events;

    PlanService(PlanRepository plans, AgencyService agencies, ApplicationEventPublisher events) {
        this.plans = plans;
        this.agencies = agencies;
        this.events = events;
    }

    public Optional<Plan> findPlan(String code) {
        return plans.findPlan(code);
    }

    public Plan plan(String code) {
        return plans.findPlan(code).orElseThrow(() -> NapException.notFound("plan", code));
    }

    public List<Plan> plans() {
        return plans.findPlans();
    }

    public List<Section> sections(String planCode) {
        return plans.sections(planCode);
    }

    public Measure measure(long id) {
        return plans.findMeasure(id).orElseThrow(() -> NapException.notFound("measure", id));
    }

    /** The measures of the given ids by id, in one read (for lists: never one query per row). */
    public Map<Long, Measure> measures(java.util.Collection<Long> ids) {
        Map<Long, Measure> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            plans.findMeasures(java.util.Set.copyOf(ids)).forEach(m -> found.put(m.id(), m));
        }
        return found;
    }

    public Optional<Measure> findMeasure(String planCode, String code) {
        return plans.findMeasure(planCode, code);
    }

    public List<Measure> measures(String planCode) {
        return plans.measures(planCode);
    }

    /** The extra columns an import kept with the measure, as JSON, or null. */
    String extraJson(long measureId) {
        return plans.extraJson(measureId);
    }

    /** The organisations as the plan names them, collectives unexpanded, in printed order. */
    public List<MeasureAgency> parties(long measureId) {
        return plans.parties(measureId);
    }

    /** The agencies taking part (collectives expanded), active or removed by amendment. */
    public List<MeasureAgency> agencies(long measureId) {
        return plans.agencies(measureId);
    }

    public Optional<MeasureAgency> agency(long measureId, String agencyCode) {
        return plans.agency(measureId, agencyCode);
    }

    /**
     * Creates a plan with its sections and measures, then announces the new measures so that the engine starts them
     * in the same transaction. The caller has validated everything; measures whose code exists are skipped.
     *
     * @return the ids of the measures created
     */
    @Transactional
    public List<Long> create(Plan plan, Map<Integer, String> sectionTitles, List<NewMeasure> measures,
                             String importedBy, Map<NewMeasure, String> extraJson) {
        if (plans.findPlan(plan.code()).isEmpty()) {
            plans.insertPlan(plan, Clock.now(), importedBy);
            sectionTitles.forEach((n, t) -> plans.insertSection(plan.code(), n, t));
        }
        List<Long> created = new java.util.ArrayList<>();
        for (NewMeasure m : measures) {
            if (plans.findMeasure(plan.code(), m.code()).isPresent()) {
                continue;
            }
            long id = plans.insertMeasure(plan.code(), m, extraJson.get(m));
            int position = 0;
            for (String code : m.executors()) {
                plans.insertParty(id, AgencyRole.EXECUTOR, position++, code);
            }
            position = 0;
            for (String code : m.recommended()) {
                plans.insertParty(id, AgencyRole.RECOMMENDED, position++, code);
            }
            created.add(id);
        }
        events.publishEvent(new PlanImported(plan.code(), List.copyOf(created)));
        return created;
    }

    /**
     * Expands the measure's named organisations to the agencies that act, once: collectives become their members,
     * an agency named as executor and as invited body is an executor. Idempotent.
     */
    @Transactional
    public List<MeasureAgency> expandParticipants(long measureId) {
        if (!plans.agencies(measureId).isEmpty()) {
            return plans.agencies(measureId);
        }
        Map<String, MeasureAgency> byCode = new LinkedHashMap<>();
        for (MeasureAgency party : plans.parties(measureId)) {
            Agency named = agencies.get(party.agencyCode());
            for (Agency a : agencies.expand(named.code())) {
                MeasureAgency existing = byCode.get(a.code());
                if (existing == null
                        || (existing.role() == AgencyRole.RECOMMENDED && party.role() == AgencyRole.EXECUTOR)) {
                    byCode.put(a.code(), new MeasureAgency(measureId, a.code(), party.role(),
                            named.collective() ? named.code() : null, true));
                }
            }
        }
        byCode.values().forEach(a -> plans.insertAgency(measureId, a.agencyCode(), a.role(), a.namedAs()));
        return plans.agencies(measureId);
    }

    /** Adds an agency to a running measure (amendment); the caller records the reason and starts its tasks. */
    @Transactional
    public MeasureAgency addAgency(long measureId, String agencyCode, AgencyRole role) {
        agencies.get(agencyCode);
        Optional<MeasureAgency> existing = plans.agency(measureId, agencyCode);
        if (existing.isPresent()) {
            if (existing.get().active()) {
                throw NapException.conflict("error.measure.agencyAlreadyTakesPart", agencyCode);
            }
            plans.setAgencyActive(measureId, agencyCode, true);
        } else {
            plans.insertAgency(measureId, agencyCode, role, null);
        }
        return plans.agency(measureId, agencyCode).orElseThrow();
    }

    @Transactional
    public void removeAgency(long measureId, String agencyCode) {
        if (plans.setAgencyActive(measureId, agencyCode, false) == 0) {
            throw NapException.notFound("agency", agencyCode);
        }
    }

    /**
     * Records an amendment of a measure and changes its title, indicators, period or named organisations; every
     * field is checked first and nothing is written when one is wrong. The caller makes the running process follow
     * (agencies, cycles).
     *
     * @throws NapException (422) naming each field at fault, or when nothing would change
     */
    @Transactional
    public Amendment amend(long measureId, MeasureChanges changes, String reason, LocalDate effectiveDate,
                           String by) {
        Measure m = measure(measureId);
        Plan plan = plan(m.planCode());
        List<FieldProblem> problems = new ArrayList<>();
        if (reason == null || reason.isBlank()) {
            problems.add(FieldProblem.of("reason", "validation.required"));
        } else if (reason.strip().length() > REASON_MAX) {
            problems.add(FieldProblem.of("reason", "validation.amendment.tooLong", REASON_MAX));
        }
        if (effectiveDate == null) {
            problems.add(FieldProblem.of("effectiveDate", "validation.required"));
        }
        String title = changes.title() == null ? m.title() : changes.title().strip();
        if (title.isEmpty()) {
            problems.add(FieldProblem.of("title", "validation.required"));
        } else if (title.length() > TEXT_MAX) {
            problems.add(FieldProblem.of("title", "validation.amendment.tooLong", TEXT_MAX));
        }
        String indicators = changes.indicators() == null ? m.indicators() : blankToNull(changes.indicators());
        if (indicators != null && indicators.length() > TEXT_MAX) {
            problems.add(FieldProblem.of("indicators", "validation.amendment.tooLong", TEXT_MAX));
        }
        int first = changes.firstYear() == null ? m.firstYear() : changes.firstYear();
        int last = changes.lastYear() == null ? m.lastYear() : changes.lastYear();
        if (first > last || first < plan.firstYear() || last > plan.lastYear()) {
            problems.add(FieldProblem.of("period", "validation.amendment.period", plan.firstYear(), plan.lastYear()));
        }
        List<MeasureAgency> parties = plans.parties(measureId);
        List<String> executors = changes.executors() == null ? codes(parties, AgencyRole.EXECUTOR)
                : cleaned(changes.executors());
        List<String> recommended = changes.recommended() == null ? codes(parties, AgencyRole.RECOMMENDED)
                : cleaned(changes.recommended());
        if (executors.isEmpty()) {
            problems.add(FieldProblem.of("executors", "validation.amendment.noExecutor"));
        }
        java.util.stream.Stream.concat(executors.stream(), recommended.stream()).distinct()
                .filter(code -> agencies.find(code).isEmpty())
                .forEach(code -> problems.add(FieldProblem.of(executors.contains(code) ? "executors" : "recommended",
                        "validation.amendment.unknownAgency", code)));
        java.util.Set<String> inactive = agencies.inactive();
        java.util.stream.Stream.concat(executors.stream(), recommended.stream()).distinct()
                .filter(code -> inactive.contains(code) && parties.stream().noneMatch(p -> p.agencyCode().equals(code)))
                .forEach(code -> problems.add(FieldProblem.of(executors.contains(code) ? "executors" : "recommended",
                        "validation.amendment.inactiveAgency", code)));
        recommended.stream().filter(executors::contains).forEach(code -> problems.add(
                FieldProblem.of("recommended", "validation.amendment.bothRoles", code)));

        List<Amendment.Change> changed = new ArrayList<>();
        differs(Amendment.Field.TITLE, m.title(), title, changed);
        differs(Amendment.Field.INDICATORS, m.indicators(), indicators, changed);
        differs(Amendment.Field.PERIOD, m.period(), first == last ? Integer.toString(first) : first + "-" + last,
                changed);
        differs(Amendment.Field.EXECUTORS, String.join(";", codes(parties, AgencyRole.EXECUTOR)),
                String.join(";", executors), changed);
        differs(Amendment.Field.RECOMMENDED, String.join(";", codes(parties, AgencyRole.RECOMMENDED)),
                String.join(";", recommended), changed);
        if (problems.isEmpty() && changed.isEmpty()) {
            problems.add(FieldProblem.of("measure", "validation.amendment.nothingChanged"));
        }
        if (!problems.isEmpty()) {
            throw NapException.invalid(problems);
        }

        plans.updateMeasure(measureId, title, indicators, first, last);
        plans.deleteParties(measureId);
        int position = 0;
        for (String code : executors) {
            plans.insertParty(measureId, AgencyRole.EXECUTOR, position++, code);
        }
        position = 0;
        for (String code : recommended) {
            plans.insertParty(measureId, AgencyRole.RECOMMENDED, position++, code);
        }
        Instant at = Clock.now();
        long id = plans.insertAmendment(measureId, effectiveDate, reason.strip(), by, at);
        for (int i = 0; i < changed.size(); i++) {
            plans.insertAmendmentChange(id, i, changed.get(i));
        }
        TransactionCache.clear();
        return new Amendment(id, measureId, effectiveDate, reason.strip(), at, List.copyOf(changed));
    }

    /** A measure's amendments, oldest first. */
    public List<Amendment> amendments(long measureId) {
        return plans.amendments(measureId);
    }

    /**
     * The agencies a list of named organisations stands for, collectives expanded, each once: executors first, so
     * that an agency named in both roles is an executor.
     */
    public Map<String, AgencyRole> expand(List<String> executors, List<String> recommended) {
        Map<String, AgencyRole> result = new LinkedHashMap<>();
        executors.forEach(code -> agencies.expand(code)
                .forEach(a -> result.putIfAbsent(a.code(), AgencyRole.EXECUTOR)));
        recommended.forEach(code -> agencies.expand(code)
                .forEach(a -> result.putIfAbsent(a.code(), AgencyRole.RECOMMENDED)));
        return result;
    }

    /** Sets a plan's reporting calendar; the caller records the change. */
    @Transactional
    public Plan changeCalendar(String planCode, PlanCalendar calendar) {
        plan(planCode);
        plans.updateCalendar(planCode, calendar);
        TransactionCache.clear();
        return plan(planCode);
    }

    private static List<String> codes(List<MeasureAgency> parties, AgencyRole role) {
        return parties.stream().filter(p -> p.role() == role).map(MeasureAgency::agencyCode).toList();
    }

    private static List<String> cleaned(List<String> codes) {
        return codes.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).distinct().toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void differs(Amendment.Field field, String before, String after, List<Amendment.Change> changed) {
        if (!java.util.Objects.equals(before, after)) {
            changed.add(new Amendment.Change(field, before, after));
        }
    }

    @Transactional
    public void setProcessInstance(long measureId, String processInstanceId) {
        plans.updateProcessInstance(measureId, processInstanceId);
        TransactionCache.clear();
    }

    @Transactional
    public void setStatus(long measureId, MeasureStatus status, String reason) {
        plans.updateMeasureStatus(measureId, status, reason);
        TransactionCache.clear();
    }
}
