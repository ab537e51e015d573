package az.opengov.nap.workspace;

import az.opengov.nap.plan.ImportRequest;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.support.EngineJobs;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorkKind;
import az.opengov.nap.worklist.WorklistService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * A small plan running in the application with the engine clock on 1 July 2026 (the plan's 2016 shifted by ten
 * years): measure 1.1 asks MCHT and EDU (executors) and the parliament (invited) for reports due on 15 July 2026.
 * Users: a coordinator and a colleague at MCHT, a user at EDU and a commission reviewer (at ACC).
 */
final class WorkspaceFixture {

    static final String PASSWORD = "test-password-1";
    static final String CSV = """
            section,section_title,subsection,subsection_title,code,printed_code,title,indicators,executors,recommended,\
            period
            1,Elektron xidmətlər,,,1.1,1.1,Elektron xidmətlərin genişləndirilməsi,Xidmətlərin sayı,\
            Rabitə və Yüksək Texnologiyalar Nazirliyi;Təhsil Nazirliyi,Milli Məclis,2016
            1,Elektron xidmətlər,,,1.2,1.2,Açıq məlumatların dərci,Dərc olunmuş məlumat dəstləri,\
            Rabitə və Yüksək Texnologiyalar Nazirliyi,,2016
            """;

    static final AppUser COORDINATOR = new AppUser("ws-mcht", "Leyla Əliyeva", null, "az", "MCHT", false, false, true);
    static final AppUser COLLEAGUE = new AppUser("ws-mcht2", "Rəşad Quliyev", null, "az", "MCHT", false, false, true);
    static final AppUser OTHER = new AppUser("ws-edu", "Təhsil əməkdaşı", null, "az", "EDU", false, false, true);
    static final AppUser REVIEWER = new AppUser("ws-rev", "Komissiya eksperti", null, "az", "ACC", true, false, true);
    static final AppUser REVIEWER2 = new AppUser("ws-rev2", "İkinci ekspert", null, "az", "ACC", true, false, true);

    private static int counter;

    private WorkspaceFixture() {
    }

    static void users(UserDirectory users) {
        for (AppUser u : new AppUser[] {COORDINATOR, COLLEAGUE, OTHER, REVIEWER, REVIEWER2}) {
            if (!users.exists(u.username())) {
                users.create(u, PASSWORD);
            }
        }
        users.setCoordinator(COORDINATOR.username(), true);
    }

    /** Imports the plan under a new code and opens its first cycle; returns measure 1.1. */
    static Measure plan(PlanImportService imports, PlanService plans, ManagementService management) {
        at("2026-07-01T08:00:00");
        String code = "WS-" + (++counter) + "-" + System.nanoTime();
        imports.commit(new ImportRequest(code, "Sınaq planı", 2016, 2016, 10, PlanCalendar.DEFAULT, false,
                CSV.getBytes(StandardCharsets.UTF_8), "plan.csv", "test"));
        EngineJobs.runDue(management);
        at("2026-07-10T08:00:00");
        return plans.findMeasure(code, "1.1").orElseThrow();
    }

    static WorkItem reportTask(WorklistService worklist, Measure measure, String agency) {
        return worklist.openForMeasure(measure.id()).stream()
                .filter(w -> agency.equals(w.agencyCode()) && w.kind() == WorkKind.REPORT).findFirst().orElseThrow();
    }

    static WorkItem reviewTask(WorklistService worklist, Measure measure, String agency) {
        return worklist.openForMeasure(measure.id()).stream()
                .filter(w -> agency.equals(w.agencyCode()) && w.kind() == WorkKind.REVIEW).findFirst().orElseThrow();
    }

    static void at(String utc) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(utc + "Z")));
    }
}
