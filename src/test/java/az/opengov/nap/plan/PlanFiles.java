package az.opengov.nap.plan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Plan files built in tests: CSV text as RFC 4180 and XLSX workbooks with the same cells. */
final class PlanFiles {

    static final List<String> HEADER = List.of("section", "section_title", "subsection", "subsection_title", "code",
            "printed_code", "title", "indicators", "executors", "recommended", "period");

    private PlanFiles() {
    }

    /** A measure row of the standard columns, without subsection, printed as its code. */
    static List<String> measure(String section, String sectionTitle, String code, String title, String executors,
                                String recommended, String period) {
        return List.of(section, sectionTitle, "", "", code, code, title, "Görülən işlər", executors, recommended,
                period);
    }

    static String csv(List<String> header, List<List<String>> rows) {
        StringBuilder text = new StringBuilder(line(header));
        rows.forEach(r -> text.append(line(r)));
        return text.toString();
    }

    static byte[] csvBytes(List<String> header, List<List<String>> rows) {
        return csv(header, rows).getBytes(StandardCharsets.UTF_8);
    }

    private static String line(List<String> cells) {
        return cells.stream().map(PlanFiles::quoted).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String quoted(String cell) {
        boolean quote = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
        return quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    /** The rows of a CSV file, the header first. */
    static List<List<String>> parse(byte[] csv) {
        try {
            return CSVFormat.RFC4180.builder().get()
                    .parse(new StringReader(new String(csv, StandardCharsets.UTF_8).replace("\uFEFF", "")))
                    .getRecords().stream().map(CSVRecord::toList).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] xlsx(List<String> header, List<List<String>> rows) {
        return xlsx(header, rows, sheet -> { });
    }

    /** A workbook whose first sheet holds the rows; whole numbers become numeric cells, as Excel stores them. */
    static byte[] xlsx(List<String> header, List<List<String>> rows, Consumer<Sheet> change) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Plan");
            List<List<String>> all = new ArrayList<>();
            all.add(header);
            all.addAll(rows);
            for (int r = 0; r < all.size(); r++) {
                Row row = sheet.createRow(r);
                List<String> cells = all.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    String value = cells.get(c);
                    if (r > 0 && value.matches("\\d{1,9}")) {
                        row.createCell(c).setCellValue(Double.parseDouble(value));
                    } else if (!value.isEmpty()) {
                        row.createCell(c).setCellValue(value);
                    }
                }
            }
            change.accept(sheet);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
