package az.opengov.nap.portal;

import static az.opengov.nap.portal.PortalFixture.PLAN;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The implementation report as PDF: Azerbaijani letters as text (embedded font), in az and en, published only. */
class ImplementationReportPdfTest extends PortalTestBase {

    @Test
    void azerbaijaniPdfRendersEveryAzerbaijaniLetterAsText() throws Exception {
        ResponseEntity<byte[]> r = bytes("/reports/" + PLAN + "/2026.pdf?lang=az");
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/portal-report-2026-az.pdf"), r.getBody());
        try (PDDocument pdf = Loader.loadPDF(r.getBody())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("2026-ci ilin icra hesabatı", "Açıq hökumətin təşviqinə dair",
                    "Şəffaflıq portalının yaradılması", "Ədliyyə xidmətlərinin elektronlaşdırılması",
                    "Rabitə və Yüksək Texnologiyalar Nazirliyi", "Statistika", "Əsasən icra olunub",
                    PortalFixture.ASSESSMENT, "İctimai iştirak");
            for (String letter : new String[] {"ə", "Ə", "ğ", "ı", "İ", "ö", "ü", "ş", "Ş", "ç"}) {
                assertThat(text).as(letter).contains(letter);
            }
            assertThat(text).doesNotContainIgnoringCase(PortalFixture.SECRET_LOWER);
            // the font is embedded
            PDFont font = pdf.getPage(0).getResources().getFont(
                    pdf.getPage(0).getResources().getFontNames().iterator().next());
            assertThat(font.getName()).contains("DejaVuSans");
            assertThat(font.isEmbedded()).isTrue();
        }
    }

    @Test
    void englishPdf() throws Exception {
        ResponseEntity<byte[]> r = bytes("/reports/" + PLAN + "/2026.pdf?lang=en");
        assertThat(r.getHeaders().getFirst("Content-Language")).isEqualTo("en");
        Files.createDirectories(Path.of("target/screenshots"));
        Files.write(Path.of("target/screenshots/portal-report-2026-en.pdf"), r.getBody());
        try (PDDocument pdf = Loader.loadPDF(r.getBody())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Implementation report 2026", "Statistics", "Substantial",
                    "Ministry of Communications and High Technologies", "Şəffaflıq portalı istifadəyə verildi");
        }
    }
}
