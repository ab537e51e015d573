package az.opengov.nap.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.extractor.XSSFExcelExtractor;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Walks every public address reachable from the home page, in the three languages — pages, API answers, CSV, XLSX,
 * Atom and PDF — and asserts that no unpublished text, no user name and no e-mail address appears anywhere.
 */
class PublicCrawlTest extends PortalTestBase {

    static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"#]*)");
    static final int MAX = 400;

    @Test
    void noUnpublishedTextOnAnyPublicAddress() throws Exception {
        Deque<String> queue = new ArrayDeque<>();
        Set<String> seen = new LinkedHashSet<>();
        queue.add("/");
        queue.add("/?lang=en");
        queue.add("/?lang=ru");
        queue.add("/api/public/plans");
        queue.add("/api/public/reports");
        queue.add("/api/public/agencies");
        int visited = 0;
        while (!queue.isEmpty() && visited < MAX) {
            String path = queue.poll();
            if (!seen.add(path)) {
                continue;
            }
            ResponseEntity<byte[]> r = bytes(path);
            visited++;
            assertThat(r.getStatusCode()).as(path).isIn(HttpStatus.OK, HttpStatus.FOUND);
            if (r.getBody() == null) {
                continue;
            }
            MediaType type = r.getHeaders().getContentType();
            String text = text(type, r.getBody());
            assertThat(text).as(path).doesNotContainIgnoringCase(PortalFixture.SECRET_LOWER)
                    .doesNotContain("demo.opengov.example").doesNotContain("mailto:")
                    .doesNotContain("Exception");
            if (type != null && type.isCompatibleWith(MediaType.TEXT_HTML)) {
                assertThat(text).as(path).doesNotContain("style=\"").doesNotContain("<script>alert");
            }
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String link = m.group(1).replace("&amp;", "&").replaceFirst("^http://localhost:\\d+", "");
                if (link.startsWith("/") && !link.startsWith("//") && public_(link)) {
                    queue.add(link);
                }
            }
            if (type != null && type.getSubtype().contains("json")) {
                Matcher urls = Pattern.compile("\"url\":\"http://localhost:\\d+([^\"#]*)").matcher(text);
                while (urls.find()) {
                    queue.add(urls.group(1));
                }
            }
        }
        assertThat(visited).isGreaterThan(30);
        assertThat(seen).contains("/plans/PORTAL-T/measures/1.1", "/agencies/MILLI_MECLIS",
                "/open-data/PORTAL-T/reports.xlsx", "/feeds/PORTAL-T", "/reports/PORTAL-T/2026.pdf?lang=en");
    }

    /** Addresses of the public portal and its data; not the workspace, not static files, not the API's UI. */
    static boolean public_(String link) {
        return !link.startsWith("/webjars") && !link.startsWith("/css") && !link.startsWith("/js")
                && !link.startsWith("/img") && !link.startsWith("/api/docs") && !link.startsWith("/api/openapi")
                && !link.startsWith("/login") && !link.startsWith("/workspace") && !link.startsWith("/follow/confirm")
                && !link.startsWith("/follow/unsubscribe");
    }

    static String text(MediaType type, byte[] body) throws Exception {
        if (type != null && type.isCompatibleWith(MediaType.APPLICATION_PDF)) {
            try (var pdf = Loader.loadPDF(body)) {
                return new PDFTextStripper().getText(pdf);
            }
        }
        if (type != null && type.getSubtype().contains("spreadsheetml")) {
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(body));
                 XSSFExcelExtractor x = new XSSFExcelExtractor(book)) {
                return x.getText();
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
