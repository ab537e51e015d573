package az.opengov.nap.plan;

import static az.opengov.nap.plan.ImportTable.columnName;

import az.opengov.nap.agency.Names;
import az.opengov.nap.plan.ImportTable.ImportRow;
import az.opengov.nap.shared.FieldProblem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the rows of a plan file and reads them into measures. Every problem is collected with its row and column;
 * a row with a problem yields no measure, but its organisation names are still returned so that they are checked too.
 */
final class PlanRowValidator {

    static final String SECTION = "section";
    static final String SECTION_TITLE = "section_title";
    static final String SUBSECTION = "subsection";
    static final String SUBSECTION_TITLE = "subsection_title";
    static final String CODE = "code";
    static final String PRINTED_CODE = "printed_code";
    static final String TITLE = "title";
    static final String INDICATORS = "indicators";
    static final String EXECUTORS = "executors";
    static final String RECOMMENDED = "recommended";
    static final String PERIOD = "period";
    static final List<String> COLUMNS = List.of(SECTION, SECTION_TITLE, SUBSECTION, SUBSECTION_TITLE, CODE,
            PRINTED_CODE, TITLE, INDICATORS, EXECUTORS, RECOMMENDED, PERIOD);

    private static final Pattern CODE_FORMAT = Pattern.compile("\\d+(\\.\\d+)*");
    private static final Pattern SECTION_FORMAT = Pattern.compile("0*[1-9]\\d{0,3}");
    private static final Pattern PERIOD_FORMAT = Pattern.compile("(\\d{4})(?:-(\\d{4}))?");
    private static final String FORMULA_START = "=+-@\t\r";
    private static final int CODE_MAX = 32;
    private static final int HEADING_MAX = 1000;
    private static final int TEXT_MAX = 4000;
    private static final int EXTRA_MAX = 8000;

    /** The organisations a row names, by column, as printed (whitespace cleaned). */
    record RowParties(int row, List<String> executors, List<String> recommended) {
    }

    /** A row without problems of its own. */
    record ParsedRow(int row, int section, String subsection, String subsectionTitle, String code, String printedCode,
                     String title, String indicators, Period period, RowParties parties,
                     Map<String, String> extra, String extraJson) {
    }

    record Period(int first, int last) {

        @Override
        public String toString() {
            return first == last ? Integer.toString(first) : first + "-" + last;
        }
    }

    record Result(List<ParsedRow> rows, List<RowParties> parties, SortedMap<Integer, String> sections,
                  List<FieldProblem> problems) {
    }

    private record Titled(String title, int row) {
    }

    private final List<String> header;
    private final Period planYears;
    private final ObjectMapper json;
    private final Map<String, Integer> columns = new HashMap<>();
    private final Map<String, Integer> extraColumns = new LinkedHashMap<>();
    private final Set<Integer> refusedColumns = new HashSet<>();
    private final Map<String, Integer> codeRows = new HashMap<>();
    private final Map<Integer, Titled> sections = new TreeMap<>();
    private final Map<String, Titled> subsections = new HashMap<>();
    private final List<FieldProblem> problems = new ArrayList<>();

    private PlanRowValidator(List<String> header, Period planYears, ObjectMapper json) {
        this.header = header;
        this.planYears = planYears;
        this.json = json;
    }

    /**
     * @param planYears the years a measure's period must lie in, or null when the plan's own years are wrong (then
     *                  only the period's format is checked)
     */
    static Result validate(ImportTable table, Period planYears, ObjectMapper json) {
        if (!table.readable()) {
            return new Result(List.of(), List.of(), new TreeMap<>(), List.of());
        }
        return new PlanRowValidator(table.header(), planYears, json).validate(table.rows());
    }

    private Result validate(List<ImportRow> rows) {
        readHeader();
        List<ParsedRow> parsed = new ArrayList<>();
        List<RowParties> parties = new ArrayList<>();
        for (ImportRow row : rows) {
            if (!row.blank()) {
                RowCheck check = new RowCheck(row);
                ParsedRow result = check.parse();
                parties.add(check.parties);
                if (result != null) {
                    parsed.add(result);
                }
            }
        }
        if (parties.isEmpty()) {
            problems.add(FieldProblem.of(ImportTable.FILE, "import.noRows"));
        }
        SortedMap<Integer, String> titles = new TreeMap<>();
        sections.forEach((number, titled) -> titles.put(number, titled.title()));
        return new Result(parsed, parties, titles, problems);
    }

    private void readHeader() {
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            String key = name.toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (looksLikeFormula(name)) {
                problems.add(new FieldProblem(1, columnName(List.of(), i), "import.formula"));
                refusedColumns.add(i);
            } else if (columns.containsKey(key) || extraColumns.containsKey(name)) {
                problems.add(new FieldProblem(1, name, "import.duplicateColumn", name));
                refusedColumns.add(i);
            } else if (COLUMNS.contains(key)) {
                columns.put(key, i);
            } else {
                extraColumns.put(name, i);
            }
        }
        COLUMNS.stream().filter(c -> !columns.containsKey(c))
                .forEach(c -> problems.add(new FieldProblem(1, c, "import.missingColumn", c)));
    }

    /** Whether a column has a header (even one refused), so that its cells are not data without a column. */
    private boolean named(int index) {
        return columns.containsValue(index) || extraColumns.containsValue(index) || refusedColumns.contains(index);
    }

    /** CSV injection: a cell a spreadsheet program could run as a formula. */
    static boolean looksLikeFormula(String cell) {
        return !cell.isEmpty() && FORMULA_START.indexOf(cell.charAt(0)) >= 0;
    }

    /** The checks of one row; cells with a problem already reported are skipped by the later checks. */
    private final class RowCheck {

        private final ImportRow row;
        private final Set<Integer> skipped;
        private final int problemsBefore = problems.size();
        private RowParties parties;

        RowCheck(ImportRow row) {
            this.row = row;
            this.skipped = new HashSet<>(row.reported());
        }

        ParsedRow parse() {
            checkCells();
            Integer section = section();
            String subsection = code(SUBSECTION, false);
            String subsectionTitle = subsectionTitle(subsection);
            String code = uniqueCode();
            String printedCode = code(PRINTED_CODE, false);
            String title = text(TITLE, true, TEXT_MAX);
            String indicators = text(INDICATORS, false, TEXT_MAX);
            parties = new RowParties(row.number(), names(EXECUTORS), names(RECOMMENDED));
            checkAnyParty();
            Period period = period();
            Map<String, String> extra = extra();
            String extraJson = extraJson(extra);
            boolean complete = section != null && code != null && title != null && period != null;
            if (!complete || problems.size() > problemsBefore) {
                return null;
            }
            return new ParsedRow(row.number(), section, subsection, subsectionTitle, code,
                    printedCode == null ? code : printedCode, title, indicators, period, parties, extra, extraJson);
        }

        private void checkCells() {
            for (int i = 0; i < row.cells().size(); i++) {
                String cell = row.cell(i);
                if (skipped.contains(i) || cell.isBlank()) {
                    continue;
                }
                if (looksLikeFormula(cell) || looksLikeFormula(cell.strip())) {
                    problem(columnName(header, i), "import.formula");
                    skipped.add(i);
                } else if (!named(i)) {
                    problem(columnName(List.of(), i), "import.unnamedColumn");
                }
            }
        }

        /** The cell stripped, or null when the column is missing or the cell was already reported. */
        private String cell(String column) {
            Integer index = columns.get(column);
            return index == null || skipped.contains(index) ? null : row.cell(index).strip();
        }

        private String required(String column, String emptyKey) {
            String value = cell(column);
            if (value != null && value.isEmpty()) {
                problem(column, emptyKey);
                return null;
            }
            return value;
        }

        private Integer section() {
            String value = required(SECTION, "import.emptyCell");
            Integer number = null;
            if (value != null && SECTION_FORMAT.matcher(value).matches()) {
                number = Integer.valueOf(value);
            } else if (value != null) {
                problem(SECTION, "import.badSection", value);
            }
            String title = heading(SECTION_TITLE, true);
            if (number != null && title != null) {
                sameTitle(sections.computeIfAbsent(number, n -> new Titled(title, row.number())), title,
                        SECTION_TITLE, "import.sectionTitleDiffers", number);
            }
            return number;
        }

        private String subsectionTitle(String subsection) {
            String title = heading(SUBSECTION_TITLE, false);
            if (subsection != null && title != null) {
                sameTitle(subsections.computeIfAbsent(subsection, s -> new Titled(title, row.number())), title,
                        SUBSECTION_TITLE, "import.subsectionTitleDiffers", subsection);
            }
            return title;
        }

        private void sameTitle(Titled first, String title, String column, String key, Object number) {
            if (!first.title().equals(title)) {
                problem(column, key, String.valueOf(number), String.valueOf(first.row()));
            }
        }

        private String heading(String column, boolean mandatory) {
            String value = text(column, mandatory, HEADING_MAX);
            return value == null ? null : Names.clean(value);
        }

        /** A code: digits separated by dots; null when empty (and not mandatory), missing or wrong. */
        private String code(String column, boolean mandatory) {
            String value = mandatory ? required(column, "import.emptyCell") : cell(column);
            if (value == null || value.isEmpty()) {
                return null;
            }
            if (!CODE_FORMAT.matcher(value).matches() || value.length() > CODE_MAX) {
                problem(column, "import.badCode", value);
                return null;
            }
            return value;
        }

        private String uniqueCode() {
            String code = code(CODE, true);
            if (code != null) {
                Integer first = codeRows.putIfAbsent(code, row.number());
                if (first != null) {
                    problem(CODE, "import.duplicateCode", code, String.valueOf(first));
                }
            }
            return code;
        }

        private String text(String column, boolean mandatory, int max) {
            String value = mandatory ? required(column, TITLE.equals(column) ? "import.emptyTitle" : "import.emptyCell")
                    : cell(column);
            if (value == null || value.isEmpty()) {
                return null;
            }
            if (value.length() > max) {
                problem(column, "import.tooLong", String.valueOf(max));
            }
            return value;
        }

        private List<String> names(String column) {
            String value = cell(column);
            if (value == null) {
                return List.of();
            }
            Set<String> keys = new HashSet<>();
            return Arrays.stream(value.split(";")).map(Names::clean).filter(n -> !n.isEmpty())
                    .filter(n -> keys.add(Names.key(n))).toList();
        }

        private void checkAnyParty() {
            boolean bothReadable = cell(EXECUTORS) != null && cell(RECOMMENDED) != null;
            if (bothReadable && parties.executors().isEmpty() && parties.recommended().isEmpty()) {
                problem(EXECUTORS, "import.noParties");
            }
        }

        private Period period() {
            String value = required(PERIOD, "import.emptyCell");
            if (value == null) {
                return null;
            }
            Matcher m = PERIOD_FORMAT.matcher(value);
            Period period = m.matches()
                    ? new Period(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(m.group(2) == null ? 1 : 2)))
                    : null;
            if (period == null || period.first() > period.last()) {
                problem(PERIOD, "import.badPeriod", value);
                return null;
            }
            if (planYears != null && (period.first() < planYears.first() || period.last() > planYears.last())) {
                problem(PERIOD, "import.periodOutsidePlan", value, String.valueOf(planYears.first()),
                        String.valueOf(planYears.last()));
            }
            return period;
        }

        /** The extra columns with a value, in file order, kept as they are. */
        private Map<String, String> extra() {
            Map<String, String> extra = new LinkedHashMap<>();
            extraColumns.forEach((name, index) -> {
                String value = row.cell(index).strip();
                if (!skipped.contains(index) && !value.isEmpty()) {
                    extra.put(name, value);
                }
            });
            return extra;
        }

        private String extraJson(Map<String, String> extra) {
            if (extra.isEmpty()) {
                return null;
            }
            try {
                String text = json.writeValueAsString(extra);
                if (text.length() > EXTRA_MAX) {
                    problem(extra.keySet().iterator().next(), "import.tooLong", String.valueOf(EXTRA_MAX));
                }
                return text;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A map of strings is always JSON", e);
            }
        }

        private void problem(String column, String key, Object... args) {
            problems.add(new FieldProblem(row.number(), column, key, args));
        }
    }
}
