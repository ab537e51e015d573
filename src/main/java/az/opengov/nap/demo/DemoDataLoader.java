package az.opengov.nap.demo;

import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.plan.ImportRequest;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImportCommand;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.reporting.ReportContent;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorkKind;
import az.opengov.nap.worklist.WorklistService;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * The zero-setup demo: demo users, the shipped 2016-2018 plan shifted so that 2016 is this year (so a newcomer finds
 * open, overdue and finished work), and, once the engine has opened the first cycle, a little history: reports
 * submitted, one returned with a comment, one approved and published. Runs once; a restart keeps the data.
 */
@Component
@ConditionalOnProperty(name = "nap.demo.enabled", havingValue = "true")
class DemoDataLoader implements ApplicationRunner {

    static final String PLAN_CODE = "NAP-2016-2018";
    static final String PLAN_TITLE = "Açıq hökumətin təşviqinə dair 2016-2018-ci illər üçün Milli Fəaliyyət Planı";
    static final String PLAN_FILE = "plan/nap-2016-2018.csv";

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DemoProperties properties;
    private final UserDirectory users;
    private final PlanService plans;
    private final PlanImportService imports;
    private final WorklistService worklist;
    private final ReportingService reports;
    private final MeasureExecutionService execution;

    DemoDataLoader(DemoProperties properties, UserDirectory users, PlanService plans, PlanImportService imports,
                   WorklistService worklist, ReportingService reports, MeasureExecutionService execution) {
        this.properties = properties;
        this.users = users;
        this.plans = plans;
        this.imports = imports;
        this.worklist = worklist;
        this.reports = reports;
        this.execution = execution;
    }

    /** The demo logins, printed in README. */
    static List<AppUser> demoUsers() {
        return List.of(
                new AppUser("admin", "Plan administratoru", "admin@demo.opengov.example", "az", null, false, true,
                        true),
                new AppUser("reviewer", "Komissiyanın eksperti", "reviewer@demo.opengov.example", "az", "ACC", true,
                        false, true),
                new AppUser("mcht", "Rabitə və Yüksək Texnologiyalar Nazirliyi", "mcht@demo.opengov.example", "az",
                        "MCHT", false, false, true),
                new AppUser("mcht2", "Aysel Məmmədova (Rabitə və Yüksək Texnologiyalar Nazirliyi)",
                        "mcht2@demo.opengov.example", "az", "MCHT", false, false, true),
                new AppUser("asan", "ASAN xidmət agentliyi", "asan@demo.opengov.example", "en", "ASAN", false, false,
                        true),
                new AppUser("edu", "Təhsil Nazirliyi", "edu@demo.opengov.example", "ru", "EDU", false, false, true),
                new AppUser("justice", "Ədliyyə Nazirliyi", "justice@demo.opengov.example", "az", "JUSTICE", false,
                        false, true));
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (PlanImportCommand.requested(args)) {
            return;
        }
        users.createAll(demoUsers().stream().filter(user -> !users.exists(user.username())).toList(),
                properties.password());
        users.setCoordinator("mcht", true);
        if (plans.findPlan(PLAN_CODE).isEmpty()) {
            byte[] csv = new ClassPathResource(PLAN_FILE).getContentAsByteArray();
            int shift = demoFirstYear(Clock.today()) - 2016;
            var preview = imports.commit(new ImportRequest(PLAN_CODE, PLAN_TITLE, 2016, 2018, shift,
                    PlanCalendar.DEFAULT, false, csv, "nap-2016-2018.csv", "demo"));
            log.info("Demo plan {} imported with its years shifted by {}: {} measures started", PLAN_CODE, shift,
                    preview.measuresToCreate().size());
            new SimpleAsyncTaskExecutor("demo-history-").execute(this::seedHistoryWhenTasksExist);
        }
    }

    /**
     * The year the plan's 2016 becomes: this year once its first half-year has ended (so its reports are asked for
     * and some are overdue), otherwise last year.
     */
    static int demoFirstYear(java.time.LocalDate today) {
        return today.getMonthValue() >= 7 ? today.getYear() : today.getYear() - 1;
    }

    /** Waits for the engine to open the first cycle, then acts as the demo users would. */
    private void seedHistoryWhenTasksExist() {
        Instant until = Instant.now().plus(properties.historyWait());
        try {
            while (Instant.now().isBefore(until)) {
                List<WorkItem> mcht = reportTasks("MCHT");
                List<WorkItem> asan = reportTasks("ASAN");
                if (mcht.size() >= 3 && !asan.isEmpty()) {
                    seedHistory(mcht, asan.get(0));
                    return;
                }
                Thread.sleep(2000);
            }
            log.warn("Demo history not seeded: the first cycle's tasks did not appear in {}", properties.historyWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Demo history not seeded: {}", e.getMessage());
        }
    }

    private List<WorkItem> reportTasks(String agency) {
        return worklist.open(List.of(agency), 0, 10).stream().filter(w -> w.kind() == WorkKind.REPORT).toList();
    }

    private void seedHistory(List<WorkItem> mcht, WorkItem asanTask) {
        AppUser ministry = users.find("mcht").orElseThrow();
        AppUser reviewer = users.find("reviewer").orElseThrow();
        // one approved and published
        execution.submit(mcht.get(0).taskId(), content("Mobil tətbiqin yeni versiyası istifadəyə verilib.",
                "https://e-gov.az"), ministry);
        review(mcht.get(0), "APPROVED", null, reviewer);
        // one returned for revision with a comment
        execution.submit(mcht.get(1).taskId(), content("Təqdimatlar keçirilib.", null), ministry);
        review(mcht.get(1), "RETURNED", "İndikatorlar üzrə rəqəmləri əlavə edin: neçə təqdimat, neçə iştirakçı?",
                reviewer);
        // one waiting for review, one draft
        execution.submit(asanTask.taskId(), content("ASAN xidmət mərkəzlərində yeni elektron xidmətlər.",
                "https://asan.gov.az"), users.find("asan").orElseThrow());
        execution.saveDraft(mcht.get(2).taskId(), new ReportContent("LIMITED", "İşə başlanılıb.", null, null, null,
                null), ministry);
        log.info("Demo history seeded: a published report, a returned one, one waiting for review and a draft");
    }

    private void review(WorkItem reportTask, String decision, String comment, AppUser reviewer) {
        long reportId = reports.current(reportTask.measureId(), reportTask.cycleNumber(), reportTask.agencyCode())
                .orElseThrow().id();
        WorkItem review = worklist.openForMeasure(reportTask.measureId()).stream()
                .filter(w -> w.kind() == WorkKind.REVIEW && Long.valueOf(reportId).equals(w.reportId()))
                .findFirst().orElseThrow();
        execution.review(review.taskId(), decision, comment, "SUBSTANTIAL", reviewer);
    }

    private static ReportContent content(String done, String link) {
        return new ReportContent("SUBSTANTIAL", done, "İndikatorlar üzrə görülən işlər hesabatda təsvir edilib.",
                "Maliyyə məhdudiyyətləri.", "Növbəti yarımildə davam etdiriləcək.", link);
    }
}
