package az.opengov.nap.workspace;

import static az.opengov.nap.workspace.WorkspaceFixture.COORDINATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import az.opengov.nap.evidence.EvidenceFile;
import az.opengov.nap.evidence.EvidenceService;
import az.opengov.nap.worklist.WorkItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Evidence uploads through the report page: a file is judged by its bytes, within the limits (1 MB per file, 3 MB
 * per report in these tests); whatever is refused is named in the page and nothing of it is stored.
 */
class EvidenceUploadTest extends WorkspaceTestBase {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    static final Path STORE = Path.of("target/test-evidence");

    @Autowired
    MockMvc mvc;
    @Autowired
    EvidenceService evidence;

    WorkItem task;

    @BeforeEach
    void task() {
        task = WorkspaceFixture.reportTask(worklist, measure, "MCHT");
    }

    @Test
    void realDocumentsAreStoredWithTheirChecksumAndTypeAndComeBackUnderASafeName() throws Exception {
        upload("Hesabat — 2026.pdf", PDF, "PUBLIC").andExpect(status().is3xxRedirection());
        upload("cədvəl.xlsx", xlsx(), "INTERNAL").andExpect(status().is3xxRedirection());
        upload("məktub.docx", docx(), "INTERNAL").andExpect(status().is3xxRedirection());
        upload("qeyd.odt", odt(), "INTERNAL").andExpect(status().is3xxRedirection());
        upload("foto.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0}, "PUBLIC")
                .andExpect(status().is3xxRedirection());
        List<EvidenceFile> files = files();
        assertThat(files).extracting(EvidenceFile::contentType).containsExactly("application/pdf",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "application/vnd.oasis.opendocument.text", "image/png");
        EvidenceFile pdf = files.get(0);
        assertThat(pdf.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PDF)));
        assertThat(pdf.visibility().name()).isEqualTo("PUBLIC");
        assertThat(Files.readAllBytes(STORE.resolve(pdf.sha256().substring(0, 2)).resolve(pdf.sha256())))
                .isEqualTo(PDF);
        mvc.perform(get("/workspace/evidence/" + pdf.id()).with(user(COORDINATOR.username())))
                .andExpect(status().isOk())
                .andExpect(content().bytes(PDF))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.allOf(
                        containsString("attachment;"),
                        containsString("filename*=UTF-8''Hesabat%20%E2%80%94%202026.pdf"))));
        mvc.perform(get("/workspace/tasks/" + task.taskId()).with(user(COORDINATOR.username())))
                .andExpect(content().string(containsString("Hesabat — 2026.pdf")));
    }

    @Test
    void aRenamedExecutableIsRefused() throws Exception {
        byte[] exe = new byte[600];
        exe[0] = 'M';
        exe[1] = 'Z';
        refused("hesabat.pdf", exe, "content is not one of the accepted types");
    }

    @Test
    void anHtmlFileWithAPdfNameIsRefused() throws Exception {
        refused("hesabat.pdf", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8), "content is not one of the accepted types");
    }

    @Test
    void anOversizeFileIsRefused() throws Exception {
        byte[] big = new byte[1024 * 1024 + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        refused("böyük.pdf", big, "larger than 1 MB");
    }

    @Test
    void aPathLikeFileNameIsRefused() throws Exception {
        refused("../../etc/passwd.pdf", PDF, "must not contain a folder path");
        refused("..\\..\\windows\\hesabat.pdf", PDF, "must not contain a folder path");
    }

    @Test
    void aNameThatLiesAboutTheTypeIsRefusedAndTheReportLimitHolds() throws Exception {
        refused("hesabat.docx", PDF, "content is a PDF file");
        byte[] almostOneMb = new byte[1000 * 1000];
        System.arraycopy(PDF, 0, almostOneMb, 0, PDF.length);
        for (int i = 0; i < 3; i++) {
            almostOneMb[PDF.length + 1] = (byte) i;
            upload("hissə-" + i + ".pdf", almostOneMb, "INTERNAL").andExpect(status().is3xxRedirection());
        }
        refused("hissə-4.pdf", almostOneMb, "files together may not exceed 3 MB");
    }

    private void refused(String name, byte[] bytes, String message) throws Exception {
        int before = files().size();
        long stored = storedFiles();
        upload(name, bytes, "PUBLIC")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(content().string(containsString(message)));
        assertThat(files()).hasSize(before);
        assertThat(storedFiles()).isEqualTo(stored);
    }

    private ResultActions upload(String name, byte[] bytes, String visibility) throws Exception {
        return mvc.perform(multipart("/workspace/tasks/" + task.taskId() + "/evidence")
                .file(new MockMultipartFile("file", name, "application/octet-stream", bytes))
                .param("visibility", visibility).param("lang", "en")
                .with(user(COORDINATOR.username()).roles("AGENCY")).with(csrf()));
    }

    private List<EvidenceFile> files() {
        return evidence.files(measure.id(), 1, "MCHT");
    }

    private static long storedFiles() throws IOException {
        if (!Files.exists(STORE)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(STORE)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    static byte[] docx() throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("Hesabat");
            doc.write(out);
            return out.toByteArray();
        }
    }

    static byte[] xlsx() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("Göstəricilər").createRow(0).createCell(0).setCellValue(12);
            book.write(out);
            return out.toByteArray();
        }
    }

    static byte[] odt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("mimetype"));
            zip.write("application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write("<office:document-content/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
