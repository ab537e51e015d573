package az.opengov.nap.bench;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyKind;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.notification.DeadlineEventService;
import az.opengov.nap.notification.DeadlineKind;
import az.opengov.nap.notification.Reminders;
import az.opengov.nap.plan.ImportRequest;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.reporting.ReportContent;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.support.EngineJobs;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorkKind;
import az.opengov.nap.worklist.WorklistService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationContext;

/**
 * Measures as the application runs them, built through its own doors: a collective of agencies in the registry
 * (each with a mail address, so that opened tasks queue mail), reviewers with addresses, a plan imported from CSV
 * whose measures all name the collective, and their first reporting cycle opened by the engine's own jobs. The
 * plan's year 2016 is shifted to 2026: the first half-year's reports are asked for on 1 July and due on 15 July.
 */
final class RealMeasures {

    static final String COLLECTIVE = "BENCHCOLL";
    static final String COLLECTIVE_NAME = "Bench: mərkəzi və yerli icra hakimiyyəti orqanları";
    /** The day the first cycle opens. */
    static final Instant CYCLE_OPENS = Instant.parse("2026-07-01T08:00:00Z");
    static final AppUser REVIEWER = new AppUser("bench-reviewer-1", "Bench reviewer", "reviewer1@bench.localhost",
            "az", null, true, false, true);
    static final AppUser ADMIN = new AppUser("bench-admin", "Bench admin", "admin@bench.localhost", "az", null, false,
            true, true);
    static final String PASSWORD = "bench-password-2026-national-scale";
    static final ReportContent CONTENT = new ReportContent("SUBSTANTIAL", "Hesabat dövründə elektron xidmətlər "
            + "portalında 3 yeni xidmət istifadəyə verilib, vətəndaş müraciətlərinin onlayn qəbulu genişləndirilib, "
            + "əməkdaşlar üçün 4 təlim keçirilib; xidmətlərdən 12 min dəfə istifadə olunub.",
            "İstifadəyə verilən xidmətlər: 3; təlimlər: 4; müraciətlər: 12 000", "Maliyyələşmə gecikib",
            "Növbəti dövrdə 2 xidmət", "https://e-gov.az/hesabat/2026");

    final PlanImportService imports;
    final PlanService plans;
    final MeasureExecutionService execution;
    final WorklistService worklist;
    final ManagementService management;
    final AgencyService registry;
    final UserDirectory users;
    final Reminders reminders;
    final DeadlineEventService deadlines;

    RealMeasures(ApplicationContext context) {
        imports = context.getBean(PlanImportService.class);
        plans = context.getBean(PlanService.class);
        execution = context.getBean(MeasureExecutionService.class);
        worklist = context.getBean(WorklistService.class);
        management = context.getBean(ManagementService.class);
        registry = context.getBean(AgencyService.class);
        users = context.getBean(UserDirectory.class);
        reminders = context.getBean(Reminders.class);
        deadlines = context.getBean(DeadlineEventService.class);
    }

    static String agency(int a) {
        return "BA" + String.format("%03d", a);
    }

    /** The user who reports for an agency (as the workspace or API would pass them to the facade). */
    static AppUser agencyUser(String agencyCode) {
        return new AppUser("bench-" + agencyCode.toLowerCase(), "Bench user " + agencyCode, null, "az", agencyCode,
                false, false, true);
    }

    /** The collective of {@code agencies} agencies, three reviewers and an administrator, once per context. */
    synchronized void ensureRegistry(int agencies) {
        if (registry.find(COLLECTIVE).isPresent()) {
            return;
        }
        List<String> members = new ArrayList<>();
        for (int a = 0; a < agencies; a++) {
            String code = agency(a);
            registry.create(new Agency(code, AgencyKind.LOCAL_EXECUTIVE, "Bench agentliyi " + code,
                    "Bench agency " + code, null, List.of(code.toLowerCase() + "@bench.localhost"), null), List.of(),
                    List.of());
            members.add(code);
        }
        registry.create(new Agency(COLLECTIVE, AgencyKind.COLLECTIVE, COLLECTIVE_NAME, null, null, List.of(), null),
                List.of(), members);
        users.create(REVIEWER, PASSWORD);
        for (int r = 2; r <= 3; r++) {
            users.create(new AppUser("bench-reviewer-" + r, "Bench reviewer " + r, "reviewer" + r + "@bench.localhost",
                    "az", null, true, false, true), PASSWORD);
        }
        users.create(ADMIN, PASSWORD);
    }

    /** Imports a plan of {@code measures} measures, each naming the collective; returns them, started. */
    List<Measure> importPlan(String planCode, int measures) {
        at(CYCLE_OPENS);
        StringBuilder csv = new StringBuilder(
                "section,section_title,subsection,subsection_title,code,printed_code,title,indicators,executors,"
                        + "recommended,period\n");
        for (int m = 1; m <= measures; m++) {
            csv.append(String.format("1,Elektron xidmətlər,,,1.%d,1.%d,Tədbir 1.%d: elektron xidmətlərin "
                    + "təkmilləşdirilməsi,Xidmətlərin sayı,%s,,2016%n", m, m, m, COLLECTIVE_NAME));
        }
        imports.commit(new ImportRequest(planCode, "Bench plan " + planCode, 2016, 2016, 10, PlanCalendar.DEFAULT,
                false, csv.toString().getBytes(StandardCharsets.UTF_8), "plan.csv", ADMIN.username()));
        return plans.measures(planCode);
    }

    /** Runs the engine's due jobs of the measures: the first cycle opens, every agency gets its report task. */
    void runJobs(List<Measure> measures) {
        EngineJobs.runDue(management, measures.stream().map(Measure::processInstanceId).toArray(String[]::new));
    }

    /** The reminders raised for the measure's reports so far (recorded once each). */
    int remindersRaised(Measure measure) {
        return (int) deadlines.events(measure.id()).stream().filter(e -> e.kind() == DeadlineKind.REMINDER).count();
    }

    List<WorkItem> open(Measure measure, WorkKind kind) {
        return worklist.openForMeasure(measure.id()).stream().filter(w -> w.kind() == kind).toList();
    }

    static void at(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }
}
