package az.opengov.nap.plan;

import az.opengov.nap.shared.FieldProblem;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.util.CellReference;

/**
 * The first sheet of an import file as text: its header row, its data rows, and the problems met while reading it
 * (bad bytes, formula cells). A table without a header could not be read at all.
 */
record ImportTable(List<String> header, List<ImportRow> rows, List<FieldProblem> problems) {

    /** The field of a problem with the whole file rather than a cell. */
    static final String FILE = "file";

    static ImportTable failed(String messageKey, Object... args) {
        return new ImportTable(List.of(), List.of(), List.of(FieldProblem.of(FILE, messageKey, args)));
    }

    boolean readable() {
        return !header.isEmpty();
    }

    /** A column's header name, or its spreadsheet letter (A, B, … AA) when it has none. */
    static String columnName(List<String> header, int index) {
        String name = index < header.size() ? header.get(index).strip() : "";
        return name.isEmpty() ? CellReference.convertNumToColString(index) : name;
    }

    /**
     * One data row: its number as a spreadsheet shows it (the header is row 1) and its cells as text. Cells in
     * {@code reported} were already reported by the reader and are not checked again.
     */
    record ImportRow(int number, List<String> cells, Set<Integer> reported) {

        String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }

        boolean blank() {
            return cells.stream().allMatch(String::isBlank);
        }
    }
}
