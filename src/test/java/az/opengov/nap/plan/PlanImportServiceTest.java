package az.opengov.nap.plan;

import static az.opengov.nap.plan.PlanFiles.HEADER;
import static az.opengov.nap.plan.PlanFiles.csvBytes;
import static az.opengov.nap.plan.PlanFiles.measure;
import static az.opengov.nap.plan.PlanFiles.xlsx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyKind;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.plan.ImportPreview.AgencyLine;
import az.opengov.nap.plan.ImportPreview.MeasureLine;
import az.opengov.nap.plan.ImportPreview.OrganisationStatus;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.NapException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.assertj.core.groups.Tuple;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
class PlanImportServiceTest {

    private static final String SECTION_ONE = "Elektron xidmətlər";
    private static final String SECTION_TWO = "Şəffaflıq";

    @Autowired
    PlanImportService imports;
    @Autowired
    PlanService plans;
    @Autowired
    AgencyService agencies;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcClient jdbc;

    private final String planCode = "TEST-" + UUID.randomUUID().toString().substring(0, 8);
    private long measuresBefore;
    private long processesBefore;

    @BeforeEach
    void countBefore() {
        measuresBefore = count("select count(*) from measure");
        processesBefore = runtime.createProcessInstanceQuery().count();
    }

    // ---- broken files: one report, nothing imported ------------------------------------------------------------

    @Test
    void missingColumnIsReportedAtTheHeader() {
        List<String> header = HEADER.subList(0, HEADER.size() - 1);
        List<String> row = valid("1.1").subList(0, HEADER.size() - 1);

        assertRejected(csv(header, List.of(row)), tuple(1, "period", "import.missingColumn"));
    }

    @Test
    void duplicateCodeIsReportedAtItsSecondRow() {
        assertRejected(csv(valid("1.1"), valid("1.2"), valid("1.1")), tuple(4, "code", "import.duplicateCode"));
    }

    @Test
    void badPeriodsAreReported() {
        assertRejected(csv(withPeriod("1.1", "2018-2016"), withPeriod("1.2", "2016/2017"), withPeriod("1.3", ""),
                        withPeriod("1.4", "2016-2019")),
                tuple(2, "period", "import.badPeriod"), tuple(3, "period", "import.badPeriod"),
                tuple(4, "period", "import.emptyCell"), tuple(5, "period", "import.periodOutsidePlan"));
    }

    @Test
    void unknownOrganisationIsAnErrorWithoutConfirmation() {
        ImportRequest request = csv(withExecutors("1.1", "Ədliyyə Nazirliyi;Xəyali İşlər Nazirliyi"));

        assertRejected(request, tuple(2, "executors", "import.unknownOrganisation"));
        ImportPreview preview = imports.preview(request);
        assertThat(preview.unknownOrganisations()).containsExactly("Xəyali İşlər Nazirliyi");
        assertThat(preview.agenciesToCreate()).isEmpty();
        assertThat(preview.problems().get(0).args()).containsExactly("Xəyali İşlər Nazirliyi");
    }

    @Test
    void emptyTitleIsReported() {
        List<String> row = new ArrayList<>(valid("1.1"));
        row.set(6, "  ");

        assertRejected(csv(row), tuple(2, "title", "import.emptyTitle"));
    }

    @Test
    void textThatIsNotUtf8IsReportedWithRowColumnAndByte() {
        String text = PlanFiles.csv(HEADER, List.of(valid("1.1"), withTitle("1.2", "TITLE")));
        String before = text.substring(0, text.indexOf("TITLE"));
        String after = text.substring(text.indexOf("TITLE") + "TITLE".length());
        byte[] bytes = concat(before.getBytes(StandardCharsets.UTF_8),
                "Açıq işçi görüşü".getBytes(Charset.forName("windows-1254")), after.getBytes(StandardCharsets.UTF_8));

        ImportRequest request = request("plan.csv", bytes);

        assertRejected(request, tuple(3, "title", "import.encoding"));
        int firstBadByte = before.getBytes(StandardCharsets.UTF_8).length + "A".length();
        assertThat(imports.preview(request).problems().get(0).args()).containsExactly(String.valueOf(firstBadByte));
    }

    @Test
    void formulaLookingCellsAreRefused() {
        List<String> header = new ArrayList<>(HEADER);
        header.add("note");
        List<String> first = new ArrayList<>(withTitle("1.1", "=HYPERLINK(\"http://x\")"));
        first.add("");
        List<String> second = new ArrayList<>(valid("1.2"));
        second.set(7, "@SUM(A1)");
        second.add("");
        List<String> third = new ArrayList<>(valid("1.3"));
        third.add("-2+3");
        List<String> fourth = new ArrayList<>(withTitle("1.4", "\tgizli"));
        fourth.add("+1");

        assertRejected(csv(header, List.of(first, second, third, fourth)), tuple(2, "title", "import.formula"),
                tuple(3, "indicators", "import.formula"), tuple(4, "note", "import.formula"),
                tuple(5, "title", "import.formula"), tuple(5, "note", "import.formula"));
    }

    @Test
    void xlsxFormulaCellIsRefused() {
        byte[] workbook = xlsx(HEADER, List.of(valid("1.1"), valid("1.2")),
                sheet -> sheet.getRow(2).getCell(6).setCellFormula("CONCATENATE(\"a\",\"b\")"));

        assertRejected(request("plan.xlsx", workbook), tuple(3, "title", "import.formula"));
    }

    @Test
    void xlsxThatIsNotAWorkbookIsReported() {
        assertRejected(request("plan.xlsx", "section,title\r\n1,x\r\n".getBytes(StandardCharsets.UTF_8)),
                tuple(null, "file", "import.notWorkbook"));
    }

    @Test
    void xlsxZipBombIsStoppedAndReported() throws IOException {
        byte[] bomb = inflate(xlsx(HEADER, List.of(valid("1.1"))), "xl/worksheets/sheet1.xml", 20_000_000);
        assertThat(bomb.length).isLessThan(200_000);

        assertRejected(request("plan.xlsx", bomb), tuple(null, "file", "import.zipBomb"));
    }

    @Test
    void unknownFileTypeIsReported() {
        assertRejected(request("plan.txt", csvBytes(HEADER, List.of(valid("1.1")))),
                tuple(null, "file", "import.unknownFileType"));
    }

    @Test
    void measureWithoutPartiesIsReported() {
        assertRejected(csv(withParties("1.1", "", "")), tuple(2, "executors", "import.noParties"));
    }

    @Test
    void collectiveWithoutMembersIsReported() {
        String name = "Boş qrup " + planCode;
        agencies.create(new Agency("EMPTY_" + planCode.substring(5), AgencyKind.COLLECTIVE, name, null, null,
                List.of(), null), List.of(), List.of());

        assertRejected(csv(withParties("1.1", "Ədliyyə Nazirliyi", name)),
                tuple(2, "recommended", "import.emptyCollective"));
    }

    @Test
    void codesAndSectionsAreChecked() {
        List<String> badSection = new ArrayList<>(valid("1.2"));
        badSection.set(0, "bir");
        List<String> otherTitle = new ArrayList<>(valid("1.3"));
        otherTitle.set(1, "Başqa ad");
        List<String> badPrinted = new ArrayList<>(valid("1.4"));
        badPrinted.set(5, "1.4.");

        assertRejected(csv(valid("1.1"), badSection, otherTitle, badPrinted, valid("1.a"), valid("")),
                tuple(3, "section", "import.badSection"), tuple(4, "section_title", "import.sectionTitleDiffers"),
                tuple(5, "printed_code", "import.badCode"), tuple(6, "code", "import.badCode"),
                tuple(6, "printed_code", "import.badCode"), tuple(7, "code", "import.emptyCell"));
    }

    @Test
    void severalProblemsAreReportedTogetherInOneReport() {
        List<String> header = new ArrayList<>(HEADER);
        header.add("section_title");
        List<String> unknownAndBadPeriod = new ArrayList<>(withPeriod("1.1", "2016-20"));
        unknownAndBadPeriod.set(8, "Naməlum Qurum");
        List<String> noTitle = new ArrayList<>(withTitle("1.2", ""));
        List<String> duplicate = new ArrayList<>(valid("1.2"));
        List<String> formula = new ArrayList<>(withTitle("1.3", "=1+1"));
        List<String> extraCell = new ArrayList<>(valid("1.4"));
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : List.of(unknownAndBadPeriod, noTitle, duplicate, formula, extraCell)) {
            List<String> longer = new ArrayList<>(row);
            longer.add(row.get(1));
            rows.add(longer);
        }
        rows.get(4).add("artıq xana");

        ImportRequest request = csv(header, rows);
        assertRejected(request, tuple(1, "section_title", "import.duplicateColumn"),
                tuple(2, "period", "import.badPeriod"), tuple(2, "executors", "import.unknownOrganisation"),
                tuple(3, "title", "import.emptyTitle"), tuple(4, "code", "import.duplicateCode"),
                tuple(5, "title", "import.formula"), tuple(6, "M", "import.unnamedColumn"));
        assertThat(imports.preview(request).problems()).extracting(FieldProblem::row, FieldProblem::field)
                .startsWith(tuple(1, "section_title"), tuple(2, "executors"), tuple(2, "period"));
    }

    @Test
    void badPlanDataIsReportedWithTheFile() {
        ImportRequest request = new ImportRequest(" ", "", 2018, 2016, 0, null, false,
                csvBytes(HEADER, List.of(valid("1.1"))), "plan.csv", null);

        ImportPreview preview = imports.preview(request);

        assertThat(preview.problems()).extracting(FieldProblem::row, FieldProblem::field, FieldProblem::messageKey)
                .containsExactlyInAnyOrder(tuple(null, "planCode", "import.required"),
                        tuple(null, "title", "import.required"), tuple(null, "firstYear", "import.badYears"));
    }

    // ---- valid files ----------------------------------------------------------------------------------------------

    @Test
    void validFileWithAnExtraColumnImportsAndKeepsTheColumn() {
        ImportRequest request = withExtraColumn();

        ImportPreview preview = imports.preview(request);
        assertThat(preview.valid()).isTrue();
        assertThat(preview.planExists()).isFalse();
        assertThat(preview.measuresToCreate()).extracting(MeasureLine::row, MeasureLine::code, MeasureLine::period)
                .containsExactly(tuple(2, "1.1", "2016"), tuple(3, "1.2", "2016-2018"), tuple(4, "2.1", "2017"));
        assertThat(preview.sections()).extracting(s -> s.number(), s -> s.title(), s -> s.measures())
                .containsExactly(tuple(1, SECTION_ONE, 2), tuple(2, SECTION_TWO, 1));
        assertThat(preview.organisations()).extracting(o -> o.agencyCode(), o -> o.status())
                .contains(tuple("JUSTICE", OrganisationStatus.KNOWN),
                        tuple("MUNICIPALITIES", OrganisationStatus.KNOWN));
        assertNothingImported();

        ImportPreview done = imports.commit(request);

        assertThat(done.committed()).isTrue();
        assertThat(plans.plan(planCode).title()).isEqualTo("Sınaq planı");
        assertThat(plans.sections(planCode)).extracting(Section::number, Section::title)
                .containsExactly(tuple(1, SECTION_ONE), tuple(2, SECTION_TWO));
        List<Measure> measures = plans.measures(planCode);
        assertThat(measures).extracting(Measure::code, Measure::period, Measure::section)
                .containsExactly(tuple("1.1", "2016", 1), tuple("1.2", "2016-2018", 1), tuple("2.1", "2017", 2));
        assertThat(extra("1.1")).isEqualTo("{\"responsible\":\"Şöbə müdiri\",\"budget\":\"12000\"}");
        assertThat(extra("2.1")).isNull();
        Measure second = measures.get(1);
        assertThat(plans.parties(second.id())).extracting(MeasureAgency::agencyCode, MeasureAgency::role)
                .containsExactly(tuple("JUSTICE", AgencyRole.EXECUTOR), tuple("FINANCE", AgencyRole.EXECUTOR),
                        tuple("MUNICIPALITIES", AgencyRole.RECOMMENDED));
        assertThat(count("select count(*) from measure")).isEqualTo(measuresBefore + 3);
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(processesBefore + 3);
    }

    @Test
    void reimportingTheSameFileCreatesNothing() {
        ImportRequest request = withExtraColumn();
        imports.commit(request);
        long measures = count("select count(*) from measure");
        long processes = runtime.createProcessInstanceQuery().count();

        ImportPreview preview = imports.preview(request);
        assertThat(preview.planExists()).isTrue();
        assertThat(preview.measuresToCreate()).isEmpty();
        assertThat(preview.measuresExisting()).extracting(MeasureLine::code).containsExactly("1.1", "1.2", "2.1");
        assertThat(preview.sections()).allMatch(s -> s.exists());

        ImportPreview again = imports.commit(request);

        assertThat(again.measuresToCreate()).isEmpty();
        assertThat(count("select count(*) from measure")).isEqualTo(measures);
        assertThat(count("select count(*) from plan where code = '" + planCode + "'")).isOne();
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(processes);
    }

    @Test
    void reimportWithAnAddedRowCreatesOnlyThatMeasure() {
        imports.commit(csv(valid("1.1")));
        long processes = runtime.createProcessInstanceQuery().count();

        ImportPreview preview = imports.commit(csv(valid("1.1"), valid("1.2")));

        assertThat(preview.measuresExisting()).extracting(MeasureLine::code).containsExactly("1.1");
        assertThat(preview.measuresToCreate()).extracting(MeasureLine::code).containsExactly("1.2");
        assertThat(plans.measures(planCode)).extracting(Measure::code).containsExactly("1.1", "1.2");
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(processes + 1);
    }

    @Test
    void reimportWithOtherPlanYearsIsRefused() {
        imports.commit(csv(valid("1.1")));
        ImportRequest other = new ImportRequest(planCode, "Sınaq planı", 2016, 2019, 0, null, false,
                csvBytes(HEADER, List.of(valid("1.1"))), "plan.csv", "tester");

        ImportPreview preview = imports.preview(other);

        assertThat(preview.problems()).extracting(FieldProblem::row, FieldProblem::field, FieldProblem::messageKey)
                .containsExactly(tuple(null, "lastYear", "import.planDiffers"));
    }

    @Test
    void confirmedUnknownOrganisationBecomesANewAgency() {
        String name = "Gənclər   Təşəbbüsləri Şəbəkəsi " + planCode.substring(5);
        ImportRequest request = csv(withExecutors("1.1", "Ədliyyə Nazirliyi;" + name)).withCreateAgencies(true);

        ImportPreview preview = imports.preview(request);
        assertThat(preview.valid()).isTrue();
        assertThat(preview.agenciesToCreate()).extracting(AgencyLine::name)
                .containsExactly("Gənclər Təşəbbüsləri Şəbəkəsi " + planCode.substring(5));
        assertThat(agencies.resolve(name)).isEmpty();

        imports.commit(request);

        Agency created = agencies.resolve(name).orElseThrow();
        assertThat(created.kind()).isEqualTo(AgencyKind.INDEPENDENT_BODY);
        assertThat(created.nameAz()).isEqualTo("Gənclər Təşəbbüsləri Şəbəkəsi " + planCode.substring(5));
        assertThat(created.emails()).isEmpty();
        assertThat(created.code()).isEqualTo(preview.agenciesToCreate().get(0).code()).matches("GTS[A-Z0-9_]+");
        Measure measure = plans.findMeasure(planCode, "1.1").orElseThrow();
        assertThat(plans.parties(measure.id())).extracting(MeasureAgency::agencyCode)
                .containsExactly("JUSTICE", created.code());
    }

    /** Whole numbers are numeric cells in the workbook, one of them displayed as 2,016.00: all read as printed. */
    @Test
    void xlsxImportsLikeTheSameRowsAsCsv() {
        List<List<String>> rows = List.of(valid("1.1"), withPeriod("1.2", "2016-2018"), withSubsection("2.1.1"));
        String csvPlan = planCode + "-C";
        String xlsxPlan = planCode + "-X";

        imports.commit(ImportRequest.of(csvPlan, "Sınaq", 2016, 2018, "plan.csv", csvBytes(HEADER, rows), "tester"));
        byte[] workbook = xlsx(HEADER, rows, sheet -> {
            CellStyle thousands = sheet.getWorkbook().createCellStyle();
            thousands.setDataFormat(sheet.getWorkbook().createDataFormat().getFormat("#,##0.00"));
            sheet.getRow(1).getCell(10).setCellStyle(thousands);
        });
        imports.commit(ImportRequest.of(xlsxPlan, "Sınaq", 2016, 2018, "plan.XLSX", workbook, "tester"));

        assertThat(comparable(xlsxPlan)).isEqualTo(comparable(csvPlan)).hasSize(3);
        assertThat(plans.sections(xlsxPlan)).isEqualTo(plans.sections(csvPlan).stream()
                .map(s -> new Section(xlsxPlan, s.number(), s.title())).toList());
    }

    @Test
    void byteOrderMarkIsAccepted() {
        byte[] text = csvBytes(HEADER, List.of(valid("1.1")));
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);

        assertThat(imports.preview(request("plan.csv", withBom)).problems()).isEmpty();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private void assertRejected(ImportRequest request, Tuple... expected) {
        ImportPreview preview = imports.preview(request);
        assertThat(preview.valid()).isFalse();
        assertThat(preview.problems()).extracting(FieldProblem::row, FieldProblem::field, FieldProblem::messageKey)
                .containsExactlyInAnyOrder(expected);

        NapException refused = catchThrowableOfType(NapException.class, () -> imports.commit(request));

        assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.errors()).extracting(FieldProblem::row, FieldProblem::field, FieldProblem::messageKey)
                .containsExactlyInAnyOrder(expected);
        assertNothingImported();
    }

    private void assertNothingImported() {
        assertThat(count("select count(*) from plan where code = '" + planCode + "'")).isZero();
        assertThat(count("select count(*) from measure where plan_code = '" + planCode + "'")).isZero();
        assertThat(count("select count(*) from measure")).isEqualTo(measuresBefore);
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(processesBefore);
    }

    private ImportRequest withExtraColumn() {
        List<String> header = new ArrayList<>(HEADER);
        header.addAll(List.of("responsible", "budget"));
        List<String> first = new ArrayList<>(valid("1.1"));
        first.addAll(List.of("Şöbə müdiri", "12000"));
        List<String> second = new ArrayList<>(withParties("1.2", "Ədliyyə Nazirliyi; Maliyyə Nazirliyi",
                "bələdiyyələr"));
        second.set(10, "2016-2018");
        second.addAll(List.of("", "500"));
        List<String> third = new ArrayList<>(measure("2", SECTION_TWO, "2.1", "Açıq məlumat", "Maliyyə Nazirliyi", "",
                "2017"));
        third.addAll(List.of("", ""));
        return csv(header, List.of(first, second, third));
    }

    private ImportRequest csv(List<String> header, List<List<String>> rows) {
        return request("plan.csv", csvBytes(header, rows));
    }

    @SafeVarargs
    private ImportRequest csv(List<String>... rows) {
        return csv(HEADER, List.of(rows));
    }

    private ImportRequest request(String fileName, byte[] content) {
        return new ImportRequest(planCode, "Sınaq planı", 2016, 2018, 0, null, false, content, fileName, "tester");
    }

    private static List<String> valid(String code) {
        return measure("1", SECTION_ONE, code, "Tədbir " + code, "Ədliyyə Nazirliyi", "", "2016");
    }

    private static List<String> withPeriod(String code, String period) {
        return measure("1", SECTION_ONE, code, "Tədbir " + code, "Ədliyyə Nazirliyi", "", period);
    }

    private static List<String> withTitle(String code, String title) {
        return measure("1", SECTION_ONE, code, title, "Ədliyyə Nazirliyi", "", "2016");
    }

    private static List<String> withExecutors(String code, String executors) {
        return measure("1", SECTION_ONE, code, "Tədbir " + code, executors, "", "2016");
    }

    private static List<String> withParties(String code, String executors, String recommended) {
        return measure("1", SECTION_ONE, code, "Tədbir " + code, executors, recommended, "2016");
    }

    private static List<String> withSubsection(String code) {
        return List.of("2", SECTION_TWO, "2.1", "Məlumatın açıqlığı", code, "1.1", "Tədbir " + code,
                "İndikator", "Maliyyə Nazirliyi;mərkəzi və yerli icra hakimiyyəti orqanları", "Milli Məclis",
                "2017-2018");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String extra(String code) {
        return jdbc.sql("select extra from measure where plan_code = ? and code = ?").params(planCode, code)
                .query((rs, n) -> rs.getString(1)).list().get(0);
    }

    /** A plan's measures and parties without what differs between two imports (ids, plan code, process). */
    private List<String> comparable(String plan) {
        return plans.measures(plan).stream().map(m -> String.join("|", m.code(), m.printedCode(),
                String.valueOf(m.section()), String.valueOf(m.subsection()), String.valueOf(m.subsectionTitle()),
                m.title(), m.indicators(), m.period(), plans.parties(m.id()).stream()
                        .map(p -> p.role() + ":" + p.agencyCode()).collect(Collectors.joining(",")))).toList();
    }

    /** The workbook with one part padded by blanks: tiny when zipped, huge when expanded. */
    private static byte[] inflate(byte[] xlsx, String part, int padding) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(content);
                if (entry.getName().equals(part)) {
                    zip.write(" ".repeat(padding).getBytes(StandardCharsets.US_ASCII));
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
