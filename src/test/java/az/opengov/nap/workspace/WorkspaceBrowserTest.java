package az.opengov.nap.workspace;

import static az.opengov.nap.workspace.WorkspaceFixture.COORDINATOR;
import static az.opengov.nap.workspace.WorkspaceFixture.PASSWORD;
import static az.opengov.nap.workspace.WorkspaceFixture.REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.evidence.EvidenceService;
import az.opengov.nap.reporting.ReportStatus;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.support.EngineJobs;
import az.opengov.nap.worklist.WorkItem;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import az.opengov.nap.support.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The workspace in a real browser (Debian's headless Chromium): an agency submits a report with an attachment, the
 * Commission returns it, the agency revises and resubmits it, the Commission approves it and the agency sees it
 * published; validation messages; the language switch. A screenshot of each main page goes to target/screenshots/.
 */
class WorkspaceBrowserTest extends WorkspaceTestBase {

    static final Path SHOTS = Path.of("target/screenshots");

    @LocalServerPort
    int port;
    @Autowired
    ReportingService reports;
    @Autowired
    EvidenceService evidence;

    WebDriver browser;
    WebDriverWait wait;
    HeadlessChromium chromium;

    @BeforeEach
    void browser() throws IOException {
        chromium = HeadlessChromium.start("az", 1280, 1000);
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aReportGoesFromTheAgencyThroughReturnAndApprovalToPublication() throws IOException {
        WorkItem task = WorkspaceFixture.reportTask(worklist, measure, "MCHT");

        // the agency signs in (in Azerbaijani) and finds the task in its inbox with the count in the header
        open("/login?lang=az");
        shot("01-login");
        signIn(COORDINATOR.username());
        waitFor(By.id("tasks"));
        assertThat(browser.findElement(By.cssSelector("#nav-inbox .ws-count")).getText())
                .isEqualTo(String.valueOf(browser.findElements(By.cssSelector("#tasks tbody tr")).size()));
        WebElement row = browser.findElement(By.cssSelector("tr[data-task='" + task.taskId() + "']"));
        assertThat(row.getText()).contains("1.1", "Elektron xidmətlərin genişləndirilməsi", "15 iyul 2026",
                "5 gün qalıb");
        shot("02-inbox");

        // the report page: the measure's context, and validation messages from the form's rules
        row.findElement(By.cssSelector("a.ws-task-link")).click();
        waitFor(By.id("report-form"));
        assertThat(text()).contains("Xidmətlərin sayı", "Təhsil Nazirliyi", "Milli Məclis", "Sübut faylları");
        click(By.id("continue"));
        waitFor(By.id("error-summary"));
        assertThat(browser.findElement(By.id("error-summary")).getText())
                .contains("Görülmüş işlər: Bu sahə mütləqdir.");
        assertThat(browser.findElement(By.id("f-whatWasDone-error")).getText()).isEqualTo("Bu sahə mütləqdir.");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("error-summary");
        shot("03-report-validation");

        // a draft, then an attachment
        new Select(browser.findElement(By.id("f-completionLevel"))).selectByValue("LIMITED");
        type("f-whatWasDone", "Elektron xidmətlər portalı yenilənib.");
        type("f-evidenceLinks", "https://e-gov.az");
        click(By.id("save-draft"));
        waitFor(By.id("notice"));
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Qaralama saxlanıldı.");
        Path pdf = Files.createTempFile("hesabat-", ".pdf");
        Files.write(pdf, "%PDF-1.4\n% sınaq\n%%EOF\n".getBytes(StandardCharsets.UTF_8));
        browser.findElement(By.id("file")).sendKeys(pdf.toAbsolutePath().toString());
        new Select(browser.findElement(By.id("visibility"))).selectByValue("PUBLIC");
        click(By.id("upload"));
        waitFor(By.id("evidence-list"));
        assertThat(browser.findElement(By.id("evidence-list")).getText()).contains(pdf.getFileName().toString(),
                "İctimai");
        assertThat(evidence.files(measure.id(), 1, "MCHT")).hasSize(1);
        // an HTML file with a PDF name is refused in the page
        Path fake = Files.createTempFile("saxta-", ".pdf");
        Files.writeString(fake, "<html><body>not a pdf</body></html>");
        browser.findElement(By.id("file")).sendKeys(fake.toAbsolutePath().toString());
        click(By.id("upload"));
        waitFor(By.id("file-error"));
        assertThat(browser.findElement(By.id("file-error")).getText()).contains("Faylın məzmunu qəbul edilən");
        assertThat(evidence.files(measure.id(), 1, "MCHT")).hasSize(1);

        // submit with the confirmation step
        type("f-indicatorValues", "3 yeni xidmət");
        click(By.id("continue"));
        waitFor(By.id("submit-report"));
        assertThat(text()).contains("Hesabatı təqdim etməyi təsdiq edin", "3 yeni xidmət", "Məhdud");
        shot("04-confirm");
        click(By.id("submit-report"));
        statusIs("Təqdim edilib, Komissiyanın yoxlamasını gözləyir");
        shot("05-submitted");
        EngineJobs.runDue(management);

        // the reviewer: the queue, then a return that needs a comment
        signOut();
        signIn(REVIEWER.username());
        open("/workspace/reviews");
        waitFor(By.id("reviews"));
        WebElement queued = browser.findElement(By.cssSelector("tr[data-task='"
                + WorkspaceFixture.reviewTask(worklist, measure, "MCHT").taskId() + "']"));
        assertThat(queued.getText()).contains("1.1", "Rabitə və Yüksək Texnologiyalar Nazirliyi", "0 gün");
        shot("06-review-queue");
        queued.findElement(By.cssSelector("a.ws-task-link")).click();
        waitFor(By.id("review-form"));
        assertThat(browser.findElement(By.id("evidence-list")).getText()).contains(pdf.getFileName().toString());
        browser.findElement(By.id("f-decision-1")).click();
        click(By.id("send-decision"));
        waitFor(By.id("error-summary"));
        assertThat(text()).contains("Hesabatı qaytararkən şərh yazmaq mütləqdir.");
        browser.findElement(By.id("f-decision-1")).click();
        type("f-comment", "İndikatorlar üzrə rəqəmləri əlavə edin.");
        click(By.id("send-decision"));
        waitFor(By.id("notice"));
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("Hesabat şərhlə qaytarıldı.");
        EngineJobs.runDue(management);

        // the agency sees it returned with the comment, revises and resubmits
        signOut();
        signIn(COORDINATOR.username());
        open("/workspace?show=returned");
        waitFor(By.id("tasks"));
        WebElement returned = browser.findElement(By.cssSelector("tr[data-task='"
                + WorkspaceFixture.reportTask(worklist, measure, "MCHT").taskId() + "']"));
        assertThat(returned.getText()).contains("Yenidən işlənməyə qaytarılıb");
        String revisionTask = returned.getAttribute("data-task");
        assertThat(revisionTask).isNotEqualTo(task.taskId());
        returned.findElement(By.cssSelector("a.ws-task-link")).click();
        waitFor(By.id("returned-comment"));
        assertThat(browser.findElement(By.id("returned-comment")).getText())
                .contains("İndikatorlar üzrə rəqəmləri əlavə edin.");
        shot("07-report-returned");
        type("f-indicatorValues", "3 yeni xidmət\nİstifadəçilərin sayı: 12 500");
        click(By.id("continue"));
        waitFor(By.id("submit-report"));
        click(By.id("submit-report"));
        statusIs("Təqdim edilib, Komissiyanın yoxlamasını gözləyir");
        EngineJobs.runDue(management);

        // the reviewer sees what changed next to the previous version, and approves
        signOut();
        signIn(REVIEWER.username());
        open("/workspace/reviews");
        waitFor(By.id("reviews"));
        browser.findElement(By.cssSelector("tr[data-task='" + WorkspaceFixture.reviewTask(worklist, measure, "MCHT")
                .taskId() + "'] a.ws-task-link")).click();
        waitFor(By.id("review-form"));
        WebElement indicators = browser.findElement(By.cssSelector(".ws-compare[data-field='indicatorValues']"));
        assertThat(indicators.getText()).contains("dəyişib", "İstifadəçilərin sayı: 12 500");
        assertThat(browser.findElement(By.cssSelector(".ws-compare[data-field='whatWasDone']")).getText())
                .contains("dəyişməyib");
        assertThat(text()).contains("İndikatorlar üzrə rəqəmləri əlavə edin.");
        shot("08-review");
        browser.findElement(By.id("f-decision-0")).click();
        new Select(browser.findElement(By.id("f-completionLevel"))).selectByValue("SUBSTANTIAL");
        click(By.id("send-decision"));
        waitFor(By.id("notice"));
        EngineJobs.runDue(management);
        assertThat(reports.current(measure.id(), 1, "MCHT").orElseThrow().status()).isEqualTo(ReportStatus.PUBLISHED);

        // the agency sees its report published, in every language
        signOut();
        signIn(COORDINATOR.username());
        open("/workspace/tasks/" + revisionTask);
        statusIs("Təsdiq edilib və dərc olunub");
        shot("09-report-published");
        click(By.cssSelector(".ws-lang a[hreflang='en']"));
        statusIs("Approved and published");
        assertThat(text()).contains("June 30, 2026", "Executors", "Ministry of Communications and High Technologies");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        click(By.cssSelector(".ws-lang a[hreflang='ru']"));
        statusIs("Утверждён и опубликован");
        assertThat(text()).contains("30 июня 2026", "Исполнители", "Министерство образования");
        shot("10-report-published-ru");
        // the choice is kept in a cookie
        open("/workspace");
        waitFor(By.id("task-count"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Задачи моего ведомства");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/workspace");
        waitFor(By.id("task-count"));
        shot("11-inbox-phone-ru");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        open("/workspace/tasks/no-such-task");
        waitFor(By.id("error-title"));
        assertThat(browser.findElement(By.id("error-title")).getText()).isEqualTo("Не найдено");
        shot("12-error-ru");
    }

    private void signIn(String username) {
        open("/login");
        waitFor(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        click(By.id("sign-in"));
        wait.until(ExpectedConditions.urlContains("/workspace"));
    }

    private void signOut() {
        click(By.cssSelector("form[action='/logout'] button"));
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/workspace")));
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    /** The task's status as the page now shows it: found again until it reads so (the page may still be loading). */
    private void statusIs(String expected) {
        wait.until(ExpectedConditions.textToBe(By.id("task-status"), expected));
    }

    private WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private void shot(String name) throws IOException {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
