package az.opengov.nap.plan.web;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The import page in a real browser (Debian's headless Chromium): an administrator uploads a file with a mistake and
 * reads the validation report, uploads the corrected file, sees the preview, confirms, and lands on the new plan.
 * Screenshots go to target/screenshots/admin-import-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PlanImportBrowserTest {

    static final Path SHOTS = Path.of("target/screenshots");
    static final String PASSWORD = "Brauzer-parol-2026!";
    static final String HEADER = "section,section_title,subsection,subsection_title,code,printed_code,title,indicators,"
            + "executors,recommended,period\n";
    static final String GOOD = HEADER
            + "1,Elektron xidmətlər,,,1.1,1.1,Elektron xidmətlərin genişləndirilməsi,Xidmətlərin sayı,"
            + "Rabitə və Yüksək Texnologiyalar Nazirliyi;Təhsil Nazirliyi,Milli Məclis,2016\n"
            + "2,Şəffaflıq,,,2.1,2.1,Açıq məlumatların dərci,Dərc edilmiş məlumat dəstləri,"
            + "Təhsil Nazirliyi,,2016-2017\n";
    static final String BAD = GOOD.replace("2016-2017", "2016-2031")
            .replace("Təhsil Nazirliyi,,", "Yoxdur Nazirliyi,,");

    @LocalServerPort
    int port;
    @Autowired
    UserDirectory users;
    @Autowired
    PlanService plans;

    WebDriver browser;
    WebDriverWait wait;
    HeadlessChromium chromium;
    Path files;

    @BeforeEach
    void browser() throws IOException {
        if (!users.exists("browser-admin")) {
            users.create(new AppUser("browser-admin", "Browser Admin", null, "en", null, false, true, true), PASSWORD);
        }
        files = Files.createTempDirectory("nap-plan-files-");
        chromium = HeadlessChromium.start("en", 1280, 1400);
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        HeadlessChromium.delete(files);
    }

    @Test
    void anAdministratorUploadsSeesTheReportAndThePreviewConfirmsAndSeesThePlan() throws IOException {
        open("/login?lang=en");
        waitFor(By.id("username")).sendKeys("browser-admin");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        click(By.id("sign-in"));
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

        open("/admin/plans");
        click(By.id("import-link"));
        waitFor(By.id("upload-form"));
        shot("admin-import-1-form");

        // a file with mistakes: the validation report names row, column and problem; nothing is offered to import
        fill("BROWSER-PLAN", "Browser test plan", files.resolve("plan-with-mistakes.csv"), BAD);
        click(By.id("check"));
        waitFor(By.id("problems"));
        String report = browser.findElement(By.id("problems")).getText();
        assertThat(report).contains("Validation report", "period", "Yoxdur Nazirliyi");
        assertThat(browser.findElements(By.id("confirm"))).isEmpty();
        shot("admin-import-2-report");
        assertThat(plans.findPlan("BROWSER-PLAN")).isEmpty();

        // the corrected file: the preview, then the confirmation
        fill("BROWSER-PLAN", "Browser test plan", files.resolve("plan.csv"), GOOD);
        click(By.id("check"));
        waitFor(By.id("preview-summary"));
        assertThat(browser.findElement(By.id("preview-summary")).getText())
                .contains("Plan BROWSER-PLAN: 2 sections, 2 new measures");
        assertThat(browser.findElement(By.id("preview-measures")).getText())
                .contains("Elektron xidmətlərin genişləndirilməsi", "Açıq məlumatların dərci",
                        "Rabitə və Yüksək Texnologiyalar Nazirliyi; Təhsil Nazirliyi", "Milli Məclis");
        assertThat(plans.findPlan("BROWSER-PLAN")).as("nothing before the confirmation").isEmpty();
        shot("admin-import-3-preview");
        click(By.id("confirm"));

        waitFor(By.id("plan-facts"));
        assertThat(browser.getCurrentUrl()).endsWith("/admin/plans/BROWSER-PLAN");
        assertThat(browser.findElement(By.id("notice")).getText())
                .contains("Plan BROWSER-PLAN imported: 2 new measures");
        assertThat(browser.findElement(By.id("measures")).getText()).contains("Elektron xidmətlərin genişləndirilməsi",
                "Açıq məlumatların dərci", "2016-2017");
        assertThat(plans.measures("BROWSER-PLAN")).extracting(Measure::code).containsExactly("1.1", "2.1");
        shot("admin-import-4-plan");
    }

    private void fill(String code, String title, Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        type("planCode", code);
        type("title", title);
        type("firstYear", "2016");
        type("lastYear", "2018");
        type("yearShift", "10");
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    private void click(By by) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(by));
        new org.openqa.selenium.interactions.Actions(browser).scrollToElement(element).perform();
        element.click();
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private void shot(String name) throws IOException {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
