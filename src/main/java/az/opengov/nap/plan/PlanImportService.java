package az.opengov.nap.plan;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyKind;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.plan.ImportPreview.AgencyLine;
import az.opengov.nap.plan.ImportPreview.MeasureLine;
import az.opengov.nap.plan.ImportPreview.SectionLine;
import az.opengov.nap.plan.ImportPreview.SubsectionLine;
import az.opengov.nap.plan.PlanRowValidator.ParsedRow;
import az.opengov.nap.plan.PlanRowValidator.Period;
import az.opengov.nap.plan.PlanRowValidator.RowParties;
import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.NapException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a plan from a CSV or XLSX file, all or nothing. {@link #preview} checks the file and shows what an import
 * would create without writing anything; {@link #commit} checks again and, only when the whole file is valid,
 * creates the agencies the request confirmed and the plan with its new measures, whose processes the engine then
 * starts in the same transaction. Measures whose code exists are never created twice.
 *
 * <p>File columns: {@code section, section_title, subsection, subsection_title, code, printed_code, title,
 * indicators, executors, recommended, period}; executors and recommended are organisation names separated by
 * {@code ;}, period is {@code 2016} or {@code 2016-2018}. Any further column is kept with the measure as JSON.
 */
@Service
public class PlanImportService {

    private static final Pattern PLAN_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final int TITLE_MAX = 1000;
    private static final int YEAR_MIN = 1900;
    private static final int YEAR_MAX = 2999;

    private final PlanService plans;
    private final AgencyService agencies;
    private final PlanImportProperties properties;
    private final ObjectMapper json;

    PlanImportService(PlanService plans, AgencyService agencies, PlanImportProperties properties, ObjectMapper json) {
        this.plans = plans;
        this.agencies = agencies;
        this.properties = properties;
        this.json = json;
    }

    /** The validation report and what an import would create. Writes nothing. */
    @Transactional(readOnly = true)
    public ImportPreview preview(ImportRequest request) {
        return analyse(request).preview(false);
    }

    /**
     * Imports the file if it is valid, creating the confirmed agencies and the plan's new measures in one transaction.
     *
     * @return what was created
     * @throws NapException (422) listing every problem when the file or the request is invalid; nothing is written
     */
    @Transactional
    public ImportPreview commit(ImportRequest request) {
        Analysis analysis = analyse(request);
        if (!analysis.problems().isEmpty()) {
            throw NapException.invalid(analysis.problems());
        }
        analysis.organisations().toCreate().forEach(this::createAgency);
        List<NewMeasure> measures = new ArrayList<>();
        Map<NewMeasure, String> extraJson = new HashMap<>();
        for (ParsedRow row : analysis.newRows()) {
            NewMeasure measure = analysis.measure(row);
            measures.add(measure);
            if (row.extraJson() != null) {
                extraJson.put(measure, row.extraJson());
            }
        }
        plans.create(analysis.plan(), analysis.rows().sections(), measures, request.user(), extraJson);
        return analysis.preview(true);
    }

    /**
     * The plan in the import's own format, as it stands now (amendments included): one row per measure with its
     * organisations by their registry names and its extra columns, so that importing the file under another code
     * gives the same plan.
     */
    @Transactional(readOnly = true)
    public PlanExport export(String planCode, PlanExport.Format format) {
        Plan plan = plans.plan(planCode);
        Map<Integer, String> sectionTitles = plans.sections(planCode).stream()
                .collect(Collectors.toMap(Section::number, Section::title));
        Map<String, String> names = new HashMap<>();
        List<Measure> measures = plans.measures(planCode);
        List<Map<String, String>> extras = new ArrayList<>();
        Set<String> extraColumns = new java.util.LinkedHashSet<>();
        for (Measure m : measures) {
            Map<String, String> extra = extra(plans.extraJson(m.id()));
            extras.add(extra);
            extraColumns.addAll(extra.keySet());
        }
        List<String> header = new ArrayList<>(PlanRowValidator.COLUMNS);
        header.addAll(extraColumns);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) {
            Measure m = measures.get(i);
            List<MeasureAgency> parties = plans.parties(m.id());
            List<String> row = new ArrayList<>(List.of(String.valueOf(m.section()),
                    nullToEmpty(sectionTitles.get(m.section())), nullToEmpty(m.subsection()),
                    nullToEmpty(m.subsectionTitle()), m.code(), nullToEmpty(m.printedCode()), m.title(),
                    nullToEmpty(m.indicators()), partyNames(parties, AgencyRole.EXECUTOR, names),
                    partyNames(parties, AgencyRole.RECOMMENDED, names), m.period()));
            for (String column : extraColumns) {
                row.add(extras.get(i).getOrDefault(column, ""));
            }
            rows.add(row);
        }
        byte[] content = format == PlanExport.Format.XLSX ? PlanFileWriter.xlsx(header, rows)
                : PlanFileWriter.csv(header, rows);
        return new PlanExport(plan.code() + "." + format.extension(), format.mediaType(), content);
    }

    private String partyNames(List<MeasureAgency> parties, AgencyRole role, Map<String, String> names) {
        return parties.stream().filter(p -> p.role() == role)
                .map(p -> names.computeIfAbsent(p.agencyCode(), c -> agencies.get(c).nameAz()))
                .collect(Collectors.joining(";"));
    }

    private Map<String, String> extra(String extraJson) {
        if (extraJson == null || extraJson.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(extraJson,
                    new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, String>>() {
                    });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("extra columns of a measure are not JSON", e);
        }
    }

    private void createAgency(AgencyLine line) {
        agencies.create(new Agency(line.code(), AgencyKind.INDEPENDENT_BODY, line.name(), null, null, List.of(), null),
                List.of(), List.of());
    }

    private Analysis analyse(ImportRequest request) {
        ExistingPlan existing = existing(request.planCode());
        ImportTable table = read(request);
        PlanRowValidator.Result rows = PlanRowValidator.validate(table, planYears(request), json);
        Organisations organisations = Organisations.resolve(agencies, names(rows.parties()),
                request.createAgencies());
        List<FieldProblem> problems = new ArrayList<>(checkRequest(request));
        problems.addAll(existing.problems(request, rows.rows()));
        problems.addAll(table.problems());
        problems.addAll(rows.problems());
        problems.addAll(organisations.problems(rows.parties()));
        problems.sort(readingOrder(table.header()));
        return new Analysis(request, existing, rows, organisations, List.copyOf(problems));
    }

    private ExistingPlan existing(String planCode) {
        Optional<Plan> plan = PLAN_CODE.matcher(nullToEmpty(planCode)).matches() ? plans.findPlan(planCode)
                : Optional.empty();
        if (plan.isEmpty()) {
            return new ExistingPlan(null, Set.of(), Set.of());
        }
        return new ExistingPlan(plan.get(),
                plans.sections(planCode).stream().map(Section::number).collect(Collectors.toSet()),
                plans.measures(planCode).stream().map(Measure::code).collect(Collectors.toSet()));
    }

    /** Problems without a row first, then row by row, each row left to right as the file's columns go. */
    private static Comparator<FieldProblem> readingOrder(List<String> header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = header.size() - 1; i >= 0; i--) {
            columns.put(header.get(i).toLowerCase(Locale.ROOT), i);
        }
        return Comparator.comparing(FieldProblem::row, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(p -> p.field() == null ? -1
                        : columns.getOrDefault(p.field().toLowerCase(Locale.ROOT), header.size()));
    }

    private static List<FieldProblem> checkRequest(ImportRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        String code = nullToEmpty(request.planCode());
        if (code.isBlank()) {
            problems.add(FieldProblem.of("planCode", "import.required"));
        } else if (!PLAN_CODE.matcher(code).matches()) {
            problems.add(FieldProblem.of("planCode", "import.badPlanCode", code));
        }
        String title = nullToEmpty(request.title());
        if (title.isBlank()) {
            problems.add(FieldProblem.of("title", "import.required"));
        } else if (title.strip().length() > TITLE_MAX) {
            problems.add(FieldProblem.of("title", "import.tooLong", String.valueOf(TITLE_MAX)));
        }
        if (planYears(request) == null) {
            problems.add(FieldProblem.of("firstYear", "import.badYears", String.valueOf(request.firstYear()),
                    String.valueOf(request.lastYear())));
        }
        return problems;
    }

    /** The plan's years, or null when they are not a range of plausible years. */
    private static Period planYears(ImportRequest request) {
        boolean plausible = request.firstYear() >= YEAR_MIN && request.lastYear() <= YEAR_MAX
                && request.firstYear() <= request.lastYear();
        return plausible ? new Period(request.firstYear(), request.lastYear()) : null;
    }

    private ImportTable read(ImportRequest request) {
        byte[] content = request.content();
        if (content.length > properties.maxBytes()) {
            return ImportTable.failed("import.tooLarge", readable(content.length), readable(properties.maxBytes()));
        }
        if (content.length == 0) {
            return ImportTable.failed("import.emptyFile");
        }
        String name = nullToEmpty(request.fileName()).strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CsvTableReader.read(content);
        }
        if (name.endsWith(".xlsx")) {
            return XlsxTableReader.read(content);
        }
        return ImportTable.failed("import.unknownFileType", nullToEmpty(request.fileName()));
    }

    private static String readable(long bytes) {
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
        }
        return bytes >= 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0) : bytes + " B";
    }

    private static List<String> names(List<RowParties> parties) {
        return parties.stream().flatMap(p -> Stream.concat(p.executors().stream(), p.recommended().stream()))
                .toList();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The plan already imported under the request's code (null when there is none), its sections and measures. */
    private record ExistingPlan(Plan plan, Set<Integer> sections, Set<String> measureCodes) {

        boolean exists() {
            return plan != null;
        }

        /**
         * A re-import must describe the plan as it was imported (the measures' periods depend on its years), and
         * cannot add a section: a plan's sections are written once.
         */
        List<FieldProblem> problems(ImportRequest request, List<ParsedRow> rows) {
            List<FieldProblem> problems = new ArrayList<>();
            if (!exists()) {
                return problems;
            }
            differs("firstYear", plan.firstYear(), request.firstYear(), problems);
            differs("lastYear", plan.lastYear(), request.lastYear(), problems);
            differs("yearShift", plan.yearShift(), request.yearShift(), problems);
            rows.stream().filter(r -> !sections.contains(r.section()))
                    .forEach(r -> problems.add(new FieldProblem(r.row(), PlanRowValidator.SECTION,
                            "import.sectionNotInPlan", String.valueOf(r.section()))));
            return problems;
        }

        private static void differs(String field, int existing, int given, List<FieldProblem> problems) {
            if (existing != given) {
                problems.add(FieldProblem.of(field, "import.planDiffers", String.valueOf(existing),
                        String.valueOf(given)));
            }
        }
    }

    /** Everything one pass over a request found: the file's rows, their organisations and every problem. */
    private record Analysis(ImportRequest request, ExistingPlan existing, PlanRowValidator.Result rows,
                            Organisations organisations, List<FieldProblem> problems) {

        Plan plan() {
            return new Plan(request.planCode(), request.title().strip(), request.firstYear(), request.lastYear(),
                    request.yearShift(), request.calendar());
        }

        /** The rows that have no problem at all (including problems found after the row checks). */
        List<ParsedRow> goodRows() {
            Set<Integer> bad = problems.stream().map(FieldProblem::row).filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            return rows.rows().stream().filter(r -> !bad.contains(r.row())).toList();
        }

        List<ParsedRow> newRows() {
            return goodRows().stream().filter(r -> !existing.measureCodes().contains(r.code())).toList();
        }

        NewMeasure measure(ParsedRow r) {
            return new NewMeasure(r.section(), rows.sections().get(r.section()), r.subsection(), r.subsectionTitle(),
                    r.code(), r.printedCode(), r.title(), r.indicators(),
                    organisations.codes(r.parties().executors()), organisations.codes(r.parties().recommended()),
                    r.period().first(), r.period().last(), r.row(), r.extra());
        }

        ImportPreview preview(boolean committed) {
            List<ParsedRow> good = goodRows();
            return new ImportPreview(request.planCode(), request.title(), existing.exists(), request.firstYear(),
                    request.lastYear(), sections(good), newRows().stream().map(this::line).toList(),
                    good.stream().filter(r -> existing.measureCodes().contains(r.code())).map(this::line).toList(),
                    organisations.lines(), organisations.unknown(), organisations.toCreate(), problems, committed);
        }

        private MeasureLine line(ParsedRow r) {
            return new MeasureLine(r.row(), r.code(), r.printedCode(), r.section(), r.subsection(), r.title(),
                    r.period().toString(), organisations.codes(r.parties().executors()),
                    organisations.codes(r.parties().recommended()));
        }

        private List<SectionLine> sections(List<ParsedRow> good) {
            SortedMap<Integer, String> titles = rows.sections();
            return titles.entrySet().stream().map(e -> new SectionLine(e.getKey(), e.getValue(),
                    existing.sections().contains(e.getKey()), subsections(good, e.getKey()),
                    (int) good.stream().filter(r -> r.section() == e.getKey()).count())).toList();
        }

        private static List<SubsectionLine> subsections(List<ParsedRow> good, int section) {
            Map<String, String> titles = new LinkedHashMap<>();
            good.stream().filter(r -> r.section() == section && r.subsection() != null)
                    .forEach(r -> titles.putIfAbsent(r.subsection(), r.subsectionTitle()));
            return titles.entrySet().stream().map(e -> new SubsectionLine(e.getKey(), e.getValue())).toList();
        }
    }
}
