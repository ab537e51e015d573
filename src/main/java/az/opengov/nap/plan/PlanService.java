package az.opengov.nap.plan;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.NapException;
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
                if (existing == null || (existing.role() == AgencyRole.RECOMMENDED && party.role() == AgencyRole.EXECUTOR)) {
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

    @Transactional
    public void setProcessInstance(long measureId, String processInstanceId) {
        plans.updateProcessInstance(measureId, processInstanceId);
    }

    @Transactional
    public void setStatus(long measureId, MeasureStatus status, String reason) {
        plans.updateMeasureStatus(measureId, status, reason);
    }
}
