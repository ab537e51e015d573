package az.opengov.nap.plan;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.plan.PlanRowValidator.ParsedRow;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.ActiveProfiles;

/**
 * The round trip: the shipped plan, imported and exported as CSV or XLSX, reads back as the same plan under another
 * code: the same sections, measures, titles, indicators, periods, executors and recommended bodies. Compared on the
 * validated import model and on the import preview, so that no second set of 59 processes is started.
 */
@SpringBootTest
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanExportRoundTripTest {

    private static final String TITLE = "Açıq hökumətin təşviqinə dair 2016-2018-ci illər üçün Milli Fəaliyyət Planı";

    @Autowired
    PlanImportService imports;
    @Autowired
    PlanService plans;
    @Autowired
    ObjectMapper json;

    byte[] shipped;
    ImportPreview original;

    @BeforeAll
    void importShippedPlan() throws IOException {
        shipped = new ClassPathResource("plan/nap-2016-2018.csv").getContentAsByteArray();
        original = imports.preview(request("RT-ORIGINAL", "nap.csv", shipped));
        imports.commit(request("RT-SOURCE", "nap.csv", shipped));
    }

    @Test
    void csvExportReadsBackAsTheSamePlan() {
        PlanExport export = imports.export("RT-SOURCE", PlanExport.Format.CSV);

        assertThat(export.fileName()).isEqualTo("RT-SOURCE.csv");
        assertThat(export.mediaType()).startsWith("text/csv");
        assertSamePlan(export, "RT-COPY-CSV");
    }

    @Test
    void xlsxExportReadsBackAsTheSamePlan() {
        PlanExport export = imports.export("RT-SOURCE", PlanExport.Format.XLSX);

        assertThat(export.fileName()).isEqualTo("RT-SOURCE.xlsx");
        assertSamePlan(export, "RT-COPY-XLSX");
    }

    @Test
    void exportedCsvHasTheImportColumnsAndOneRowPerMeasure() {
        List<List<String>> rows = PlanFiles.parse(imports.export("RT-SOURCE", PlanExport.Format.CSV).content());

        assertThat(rows.get(0)).isEqualTo(PlanFiles.HEADER);
        assertThat(rows).hasSize(1 + 59);
        assertThat(rows.get(2)).containsSubsequence("1.2", "1.2");
        assertThat(rows.get(2).get(10)).isEqualTo("2016");
    }

    private void assertSamePlan(PlanExport export, String copyCode) {
        ImportPreview copy = imports.preview(request(copyCode, export.fileName(), export.content()));

        assertThat(copy.problems()).isEmpty();
        assertThat(copy.unknownOrganisations()).isEmpty();
        assertThat(copy.agenciesToCreate()).isEmpty();
        assertThat(copy.sections()).isEqualTo(original.sections());
        assertThat(copy.measuresToCreate()).hasSize(59).isEqualTo(original.measuresToCreate());
        // titles, indicators, periods and printed codes as the validator reads them from each file
        assertThat(model(export.fileName(), export.content())).isEqualTo(model("nap.csv", shipped));
    }

    /** Each row as the validator reads it, without its organisations' spelling (the preview compares their codes). */
    private List<String> model(String fileName, byte[] content) {
        ImportTable table = fileName.endsWith(".xlsx") ? XlsxTableReader.read(content) : CsvTableReader.read(content);
        PlanRowValidator.Result result = PlanRowValidator.validate(table, new PlanRowValidator.Period(2016, 2018),
                json);
        assertThat(result.problems()).isEmpty();
        return result.rows().stream().map(PlanExportRoundTripTest::comparable).toList();
    }

    private static String comparable(ParsedRow r) {
        return String.join("|", String.valueOf(r.row()), String.valueOf(r.section()), String.valueOf(r.subsection()),
                String.valueOf(r.subsectionTitle()), r.code(), r.printedCode(), r.title(),
                String.valueOf(r.indicators()), r.period().toString(), String.valueOf(r.extra()));
    }

    private static ImportRequest request(String code, String fileName, byte[] content) {
        return ImportRequest.of(code, TITLE, 2016, 2018, fileName, content, "tester");
    }

}
