package az.opengov.nap.portal;

import static az.opengov.nap.portal.PortalFixture.PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The main pages in a real browser (Debian's headless Chromium): what a reader sees and clicks, with screenshots under
 * target/screenshots/portal-*.png. The browser's console must stay free of CSP violations.
 */
class PortalBrowserTest extends PortalTestBase {

    static ChromeDriver browser;
    static Path profile;

    @LocalServerPort
    int port;

    @BeforeAll
    static void start() throws Exception {
        profile = Files.createTempDirectory("portal-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=1366,900", "--lang=az");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(Path.of("target/screenshots"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void planOverviewMeasureAgencySearchAndReportInTheBrowser() throws Exception {
        open("/plans/" + PLAN + "?lang=az");
        assertThat(browser.getTitle()).contains("Milli Fəaliyyət Planı");
        assertThat(browser.findElements(By.cssSelector("svg.level-bar rect.fill-SUBSTANTIAL"))).isNotEmpty();
        shot("portal-plan");

        // the measure filter works as one types (script from the server only)
        WebElement filter = browser.findElement(By.id("measure-filter"));
        assertThat(filter.isDisplayed()).isTrue();
        filter.sendKeys("edliyye");
        List<WebElement> visible = browser.findElements(By.cssSelector(".measure-row")).stream()
                .filter(WebElement::isDisplayed).toList();
        assertThat(visible).singleElement().extracting(WebElement::getText).asString().contains("Ədliyyə");

        // a click on a measure opens its page with its published report
        filter.clear();
        filter.sendKeys(" ");
        WebElement link = browser.findElement(By.linkText("Şəffaflıq portalının yaradılması"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", link);
        // by keyboard, as a reader without a mouse would (and no overlay can intercept it)
        link.sendKeys(org.openqa.selenium.Keys.ENTER);
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().endsWith("/measures/1.1"));
        assertThat(browser.getCurrentUrl()).endsWith("/plans/PORTAL-T/measures/1.1");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Şəffaflıq portalı istifadəyə verildi")
                .doesNotContainIgnoringCase(PortalFixture.SECRET_LOWER);
        shot("portal-measure");

        // the language switch keeps the page
        browser.findElement(By.cssSelector(".lang-switch a[hreflang='en']")).sendKeys(org.openqa.selenium.Keys.ENTER);
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                .until(d -> d.findElement(By.tagName("body")).getText().contains("Published reports"));
        assertThat(browser.findElement(By.tagName("h2")).getText()).isNotBlank();
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Published reports", "Executors");
        open("/plans/" + PLAN + "/measures/2.1");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("<script>alert('xss')</script>",
                "Final assessment");
        shot("portal-measure-en");
        open("/agencies/MILLI_MECLIS?lang=az");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Dəvət olunub, hesabat verməyib");
        shot("portal-agency");
        open("/agencies");
        shot("portal-agencies");

        // search from the header
        WebElement q = browser.findElement(By.id("portal-q"));
        q.sendKeys("seffafliq");
        q.submit();
        // submit returns before the next page has loaded: wait for it rather than read the old address
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("/search?q=seffafliq"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Şəffaflıq portalının yaradılması");
        shot("portal-search");

        open("/reports/" + PLAN + "/2026");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("2026-ci ilin icra hesabatı");
        shot("portal-report");
        open("/open-data");
        shot("portal-open-data");
        open("/follow/" + PLAN + "/measures/1.1");
        shot("portal-follow");
        open("/plans/" + PLAN + "/measures/9.9");
        shot("portal-not-found");

        List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console).noneMatch(e -> e.getMessage().contains("Content Security Policy"));
        // keep the PDF's first page beside the screenshots when pdftoppm is there
        Path pdf = Path.of("target/screenshots/portal-report-2026-az.pdf");
        if (Files.exists(pdf) && new File("/usr/bin/pdftoppm").canExecute()) {
            new ProcessBuilder("/usr/bin/pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", pdf.toString(),
                    "target/screenshots/portal-pdf").inheritIO().start().waitFor();
        }
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void shot(String name) throws Exception {
        long height = (Long) ((JavascriptExecutor) browser)
                .executeScript("return Math.min(document.documentElement.scrollHeight, 4000);");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, (int) Math.max(900, height)));
        File png = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), Path.of("target/screenshots/" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
    }
}
