package az.opengov.nap.plan;

import static az.opengov.nap.plan.ImportTable.columnName;

import az.opengov.nap.plan.ImportTable.ImportRow;
import az.opengov.nap.shared.FieldProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads the first sheet of an Excel workbook (.xlsx) as the text a person sees in its cells. A whole number is read
 * without decimals whatever its display format (2016.0 is "2016"); formula cells are refused, never evaluated. POI's
 * zip bomb limits ({@code ZipSecureFile}) stay at their defaults; a file they stop is reported, not read.
 */
final class XlsxTableReader {

    private static final double LARGEST_EXACT_WHOLE = 1e15;

    private XlsxTableReader() {
    }

    static ImportTable read(byte[] bytes) {
        XSSFWorkbook workbook;
        try {
            workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            return ImportTable.failed(zipBomb(e) ? "import.zipBomb" : "import.notWorkbook");
        }
        try (workbook) {
            return workbook.getNumberOfSheets() == 0 ? ImportTable.failed("import.emptyFile")
                    : read(workbook.getSheetAt(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ImportTable read(Sheet sheet) {
        int first = sheet.getFirstRowNum();
        Row headerRow = first < 0 ? null : sheet.getRow(first);
        if (headerRow == null || headerRow.getLastCellNum() <= 0) {
            return ImportTable.failed("import.emptyFile");
        }
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        List<FieldProblem> problems = new ArrayList<>();
        List<String> header = cells(headerRow, List.of(), new HashSet<>(), formatter, problems).stream()
                .map(String::strip).toList();
        List<ImportRow> rows = new ArrayList<>();
        for (int r = first + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row != null) {
                Set<Integer> reported = new HashSet<>();
                rows.add(new ImportRow(r + 1, cells(row, header, reported, formatter, problems), reported));
            }
        }
        return new ImportTable(header, rows, problems);
    }

    private static List<String> cells(Row row, List<String> header, Set<Integer> reported, DataFormatter formatter,
                                      List<FieldProblem> problems) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++) {
            Cell cell = row.getCell(c);
            if (cell != null && cell.getCellType() == CellType.FORMULA) {
                problems.add(new FieldProblem(row.getRowNum() + 1, columnName(header, c), "import.formula"));
                reported.add(c);
                cells.add("");
            } else {
                cells.add(text(cell, formatter));
            }
        }
        return cells;
    }

    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        if (cell.getCellType() == CellType.NUMERIC && !DateUtil.isCellDateFormatted(cell)) {
            double value = cell.getNumericCellValue();
            if (value == Math.rint(value) && Math.abs(value) < LARGEST_EXACT_WHOLE) {
                return Long.toString((long) value);
            }
        }
        return formatter.formatCellValue(cell);
    }

    private static boolean zipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("Zip bomb") || message.contains("potentially malicious"))) {
                return true;
            }
        }
        return false;
    }
}
