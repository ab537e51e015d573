package az.opengov.nap.portal;

import az.opengov.nap.portal.PublicCatalog.Snapshot;
import az.opengov.nap.portal.Published.AgencyRecord;
import az.opengov.nap.portal.Published.AgencyView;
import az.opengov.nap.portal.Published.MeasureView;
import az.opengov.nap.portal.Published.PartyView;
import az.opengov.nap.portal.Published.PlanView;
import az.opengov.nap.portal.Published.ReportView;
import az.opengov.nap.portal.Published.SectionView;
import az.opengov.nap.portal.Published.Standing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The open data tables (measures, published reports, agencies' reporting records) and their CSV and XLSX forms. The
 * columns are the same in both formats and in the JSON API's field names, snake-cased.
 */
public final class OpenData {

    private OpenData() {
    }

    /** A table: its column names and its rows, every value a string (or null). */
    public record Table(String name, List<String> columns, List<List<String>> rows) {
    }

    public static Table measures(Snapshot snapshot, PlanView plan, String baseUrl) {
        List<List<String>> rows = new ArrayList<>();
        for (SectionView s : plan.sections()) {
            for (MeasureView m : s.measures()) {
                rows.add(values(plan.code(), m.code(), m.printedCode(), s.number(), s.title(), m.subsection(),
                        m.subsectionTitle(), m.title(), m.indicators(), m.period(), m.status(), m.level(),
                        codes(m.executors()), names(snapshot, m.executors()), codes(m.recommended()),
                        names(snapshot, m.recommended()), m.reports().size(),
                        m.assessment() == null ? null : m.assessment().completionLevel(),
                        m.assessment() == null ? null : m.assessment().summary(),
                        baseUrl + "/plans/" + plan.code() + "/measures/" + m.code()));
            }
        }
        return new Table("measures", List.of("plan_code", "code", "printed_code", "section", "section_title",
                "subsection", "subsection_title", "title", "indicators", "period", "status", "completion_level",
                "executors", "executors_name_az", "recommended", "recommended_name_az", "reports_published",
                "final_assessment_level", "final_assessment_summary", "url"), rows);
    }

    public static Table reports(Snapshot snapshot, List<ReportView> reports, String baseUrl) {
        List<List<String>> rows = new ArrayList<>();
        for (ReportView r : reports) {
            AgencyView a = snapshot.agency(r.agencyCode());
            rows.add(values(r.id(), r.planCode(), r.measureCode(), r.measureTitle(), r.agencyCode(),
                    a == null ? null : a.nameAz(), a == null ? null : a.nameEn(), a == null ? null : a.nameRu(),
                    r.cycle(), r.periodStart(), r.periodEnd(), r.finalCycle(), r.publishedAt(), r.completionLevel(),
                    r.assessedLevel(), r.whatWasDone(), r.indicatorValues(), r.obstacles(), r.nextSteps(),
                    String.join("\n", r.evidenceLinks()),
                    baseUrl + "/plans/" + r.planCode() + "/measures/" + r.measureCode() + "#report-" + r.id()));
        }
        return new Table("reports", List.of("id", "plan_code", "measure_code", "measure_title", "agency_code",
                "agency_name_az", "agency_name_en", "agency_name_ru", "cycle", "period_start", "period_end",
                "final_cycle", "published_at", "completion_level", "assessed_level", "what_was_done",
                "indicator_values", "obstacles", "next_steps", "evidence_links", "url"), rows);
    }

    public static Table agencies(Snapshot snapshot, String baseUrl) {
        List<List<String>> rows = new ArrayList<>();
        for (AgencyView a : snapshot.participatingAgencies()) {
            AgencyRecord r = snapshot.agencyRecord(a.code()).orElseThrow();
            rows.add(values(a.code(), a.kind(), a.nameAz(), a.nameEn(), a.nameRu(), r.measures().size(),
                    r.reports().size(), r.count(Standing.ON_TIME), r.count(Standing.LATE), r.count(Standing.OVERDUE),
                    r.count(Standing.AWAITING), r.count(Standing.INVITED), r.count(Standing.NOT_REPORTED),
                    baseUrl + "/agencies/" + a.code()));
        }
        return new Table("agencies", List.of("code", "kind", "name_az", "name_en", "name_ru", "measures",
                "reports_published", "on_time", "late", "overdue", "awaiting", "invited_open", "invited_not_reported",
                "url"), rows);
    }

    /** RFC 4180 CSV in UTF-8 with a byte order mark (so spreadsheets read Azerbaijani letters), CRLF lines. */
    public static byte[] csv(Table table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                    CSVFormat.RFC4180.builder().setHeader(table.columns().toArray(String[]::new)).get())) {
                for (List<String> row : table.rows()) {
                    csv.printRecord(row.stream().map(OpenData::defuse).toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One sheet, a bold frozen header row, every value a text cell (never a formula). */
    public static byte[] xlsx(Table table) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet(table.name());
            CellStyle header = book.createCellStyle();
            XSSFFont bold = book.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle wrap = book.createCellStyle();
            wrap.setWrapText(false);
            Row head = sheet.createRow(0);
            for (int i = 0; i < table.columns().size(); i++) {
                Cell c = head.createCell(i);
                c.setCellValue(table.columns().get(i));
                c.setCellStyle(header);
            }
            int r = 1;
            for (List<String> values : table.rows()) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < values.size(); i++) {
                    String v = values.get(i);
                    if (v != null) {
                        // a cell holds at most 32767 characters
                        row.createCell(i).setCellValue(v.length() > 32767 ? v.substring(0, 32767) : v);
                    }
                }
            }
            sheet.createFreezePane(0, 1);
            for (int i = 0; i < table.columns().size(); i++) {
                sheet.setColumnWidth(i, 256 * 24);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell a spreadsheet would take for a formula gets a leading apostrophe (OWASP CSV injection). */
    static String defuse(String value) {
        if (value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    private static List<String> values(Object... values) {
        List<String> row = new ArrayList<>(values.length);
        for (Object v : values) {
            row.add(v == null ? null : v.toString());
        }
        return row;
    }

    private static String codes(List<PartyView> parties) {
        return parties.stream().map(PartyView::agencyCode).collect(Collectors.joining(";"));
    }

    private static String names(Snapshot snapshot, List<PartyView> parties) {
        Function<PartyView, String> name = p -> {
            AgencyView a = snapshot.agency(p.agencyCode());
            return a == null ? p.agencyCode() : a.nameAz();
        };
        return parties.stream().map(name).filter(Objects::nonNull).collect(Collectors.joining("; "));
    }
}
