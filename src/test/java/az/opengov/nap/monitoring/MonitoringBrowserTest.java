package az.opengov.nap.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.plan.ImportRequest;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.support.EngineJobs;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import az.opengov.nap.support.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The overdue dashboard in a real browser (Debian's headless Chromium): an administrator sees a running measure's
 * overdue reports in tiles, buckets and rows, filters executors, sends a reminder from a row (and is told when a
 * second one the same day is refused), opens the agency's record with its chart and the measure's, switches language
 * and opens the incidents. Screenshots go to target/screenshots/monitoring-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MonitoringBrowserTest {

    static final Path SHOTS = Path.of("target/screenshots");
    static final String PASSWORD = "monitoring-browser-passphrase";
    static final String PLAN = """
            section,section_title,subsection,subsection_title,code,printed_code,title,indicators,executors,recommended,\
            period
            1,Elektron xidmətlər,,,1.1,1.1,Elektron xidmətlərin genişləndirilməsi,İndikator,\
            Rabitə və Yüksək Texnologiyalar Nazirliyi;Təhsil Nazirliyi,Milli Məclis,2016
            """;

    @LocalServerPort
    int port;
    @Autowired
    PlanImportService imports;
    @Autowired
    PlanService plans;
    @Autowired
    UserDirectory users;
    @Autowired
    ManagementService management;
    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;

    WebDriver browser;
    WebDriverWait wait;
    HeadlessChromium chromium;
    String plan;
    Measure measure;

    @BeforeEach
    void data() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-07-01T08:00:00Z")));
        plan = "MONWEB-" + Long.toString(System.nanoTime(), 36).toUpperCase();
        imports.commit(new ImportRequest(plan, "Monitoring browser plan", 2016, 2016, 10, PlanCalendar.DEFAULT, false,
                PLAN.getBytes(StandardCharsets.UTF_8), "plan.csv", "test"));
        measure = plans.findMeasure(plan, "1.1").orElseThrow();
        EngineJobs.runDue(management, measure.processInstanceId());
        // five days after the due date (15 July)
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-07-20T08:00:00Z")));
        if (!users.exists("mweb-admin")) {
            users.create(new AppUser("mweb-admin", "İnzibatçı", null, "az", null, false, true, true), PASSWORD);
        }
    }

    @BeforeEach
    void browser() throws IOException {
        chromium = HeadlessChromium.start("az", 1280, 1400);
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void close() throws IOException {
        ClockUtil.reset();
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anAdministratorFindsOverdueReportsAndRemindsAnAgency() throws IOException {
        open("/login?lang=az");
        waitFor(By.id("username")).sendKeys("mweb-admin");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        click(By.id("sign-in"));
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

        // every overdue report of the plan: two executors and the invited body, five days late
        open("/admin/monitoring?plan=" + plan);
        waitFor(By.id("overdue"));
        assertThat(browser.findElement(By.id("tile-overdue")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.id("tile-open")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.id("bucket-1-7")).getText()).isEqualTo("1-7 gün: 3");
        assertThat(browser.findElement(By.id("row-count")).getText()).isEqualTo("Gecikmiş: 3");
        assertThat(browser.findElement(By.id("nav-monitoring")).getText()).isEqualTo("Monitorinq");
        assertThat(browser.findElement(By.id("nav-cockpit")).getAttribute("href")).endsWith("/camunda/app/cockpit/");
        assertThat(browser.findElement(By.id("by-agency")).getText()).contains("Rabitə", "Təhsil Nazirliyi");
        shot("monitoring-01-dashboard");

        // executors only: the invited body is left out
        new Select(browser.findElement(By.id("role"))).selectByValue("executor");
        click(By.id("apply"));
        wait.until(ExpectedConditions.urlContains("role=executor"));
        assertThat(browser.findElements(By.cssSelector("#overdue tbody tr"))).hasSize(2);
        assertThat(browser.findElement(By.id("overdue")).getText()).doesNotContain("Milli Məclis")
                .contains("Rabitə və Yüksək Texnologiyalar Nazirliyi", "15 iyul 2026");
        assertThat(browser.findElement(By.id("export-csv")).getAttribute("href")).contains("role=executor",
                "plan=" + plan);

        // a reminder to MCHT now, from its row
        selectRow("Rabitə");
        new Select(browser.findElement(By.id("action"))).selectByValue("remind");
        browser.findElement(By.id("reason")).sendKeys("Hesabat 5 gün gecikir");
        shot("monitoring-02-selected");
        click(By.id("act"));
        waitFor(By.id("outcome"));
        assertThat(browser.findElement(By.id("summary")).getText()).isEqualTo("İcra olundu: 1. Alınmadı: 0.");
        assertThat(browser.findElement(By.id("outcome")).getText()).contains("Xatırlatma növbəyə qoyuldu");
        shot("monitoring-03-reminded");

        // the same again today: refused for that row, and said so
        click(By.id("back"));
        waitFor(By.id("overdue"));
        selectRow("Rabitə");
        browser.findElement(By.id("reason")).sendKeys("Yenə");
        click(By.id("act"));
        waitFor(By.id("outcome"));
        assertThat(browser.findElement(By.id("summary")).getText()).isEqualTo("İcra olundu: 0. Alınmadı: 1.");
        assertThat(browser.findElement(By.id("outcome")).getText())
                .contains("Bu tapşırıq üzrə bu gün artıq xatırlatma göndərilib.");
        shot("monitoring-04-refused");

        // MCHT's due date extended to 31 August: its report is no longer overdue
        click(By.id("back"));
        waitFor(By.id("overdue"));
        selectRow("Rabitə");
        new Select(browser.findElement(By.id("action"))).selectByValue("extend");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = '2026-08-31'",
                browser.findElement(By.id("dueDate")));
        browser.findElement(By.id("reason")).sendKeys("Məzuniyyət dövrü");
        click(By.id("act"));
        waitFor(By.id("outcome"));
        assertThat(browser.findElement(By.id("summary")).getText()).isEqualTo("İcra olundu: 1. Alınmadı: 0.");
        assertThat(browser.findElement(By.id("outcome")).getText())
                .contains("Son tarix 31 avqust 2026 tarixinə keçirildi.");
        shot("monitoring-04b-extended");
        click(By.id("back"));
        waitFor(By.id("overdue"));
        assertThat(browser.findElement(By.id("overdue")).getText()).doesNotContain("Rabitə")
                .contains("Təhsil Nazirliyi");

        // the agency's record with its chart, and the measure's
        open("/admin/monitoring/agencies/MCHT");
        waitFor(By.id("trend"));
        assertThat(browser.findElement(By.id("agency-name")).getText())
                .isEqualTo("Rabitə və Yüksək Texnologiyalar Nazirliyi");
        assertThat(browser.findElements(By.cssSelector("#trend rect"))).isNotEmpty();
        shot("monitoring-05-agency");
        open("/admin/monitoring/measures/" + measure.id());
        waitFor(By.id("participations"));
        assertThat(browser.findElement(By.cssSelector("tr[data-agency='EDU']")).getText()).contains("gecikir", "5");
        assertThat(browser.findElement(By.cssSelector("tr[data-agency='MCHT']")).getText()).doesNotContain("gecikir");
        assertThat(browser.findElement(By.cssSelector("tr[data-agency='MILLI_MECLIS']")).getText())
                .contains("Tövsiyə edilən qurum");
        shot("monitoring-06-measure");

        // English and Russian
        open("/admin/monitoring?plan=" + plan + "&lang=en");
        waitFor(By.id("overdue"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overdue work");
        assertThat(browser.findElement(By.id("bucket-1-7")).getText()).isEqualTo("1-7 days: 2"); // MCHT extended above
        shot("monitoring-07-english");
        open("/admin/incidents?lang=ru");
        waitFor(By.id("jobs"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Инциденты");
        shot("monitoring-08-incidents-ru");

        // the mail outbox (a page of its own) carries the same administration links
        open("/admin/outbox?lang=az");
        waitFor(By.id("outbox"));
        assertThat(browser.findElement(By.id("nav-incidents")).getText()).isEqualTo("İnsidentlər");
        shot("monitoring-09-outbox");

        // a bad filter: a page in the reader's language, not a stack trace
        open("/admin/monitoring?kind=late&lang=en");
        waitFor(By.id("error-detail"));
        assertThat(browser.findElement(By.id("error-detail")).getText())
                .contains("The filter is not valid.", "Kind \"late\" is unknown");
    }

    @Test
    void anAdministratorMovesTheMeasuresOfAnOlderModelOntoTheCurrentOne() throws IOException {
        // a deployment upgraded from model 1.3.0: one of its measures still runs on it
        String legacy = repository.createDeployment().name("MeasureExecution 1.3.0")
                .addClasspathResource("legacy/MeasureExecution-1.3.0.bpmn")
                .addClasspathResource("forms/ProgressReport.form").addClasspathResource("forms/ProgressReview.form")
                .addClasspathResource("forms/FinalAssessment.form").deploy().getId();
        try {
            String old = "MONOLD-" + Long.toString(System.nanoTime(), 36).toUpperCase();
            imports.commit(new ImportRequest(old, "Plan on model 1.3.0", 2016, 2016, 10, PlanCalendar.DEFAULT, false,
                    PLAN.getBytes(StandardCharsets.UTF_8), "plan.csv", "test"));
            open("/login?lang=en");
            waitFor(By.id("username")).sendKeys("mweb-admin");
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            click(By.id("sign-in"));
            wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

            open("/admin/incidents?lang=en");
            waitFor(By.id("model"));
            assertThat(browser.findElement(By.cssSelector("#model tr[data-model='1.3.0']")).getText())
                    .contains("1.3.0", "Can move onto model 1.5.0");
            shot("monitoring-10-older-model");
            click(By.id("migrate"));
            assertThat(waitFor(By.id("migrated")).getText()).isEqualTo("Measures moved onto model 1.5.0: 1.");
            assertThat(browser.findElement(By.id("model")).getText())
                    .contains("Every measure runs on the current model (1.5.0).");
            shot("monitoring-11-older-model-moved");
        } finally {
            repository.deleteDeployment(legacy, true);
        }
    }

    /** Ticks the overdue row of the agency whose name contains {@code agencyName}. */
    private void selectRow(String agencyName) {
        browser.findElement(By.xpath("//table[@id='overdue']//tr[td[contains(., '" + agencyName
                + "')]]//input[@type='checkbox']")).click();
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private void shot(String name) throws IOException {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
