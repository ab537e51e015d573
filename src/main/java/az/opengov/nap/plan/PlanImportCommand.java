package az.opengov.nap.plan;

import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.Messages;
import az.opengov.nap.shared.NapException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Imports a plan file from the command line, then ends the application: exit code 0 when the file was imported (or,
 * in a dry run, is valid), 2 when it is invalid, with one line per problem ({@code row N, column C: message}).
 * Without {@code --import.file} the application starts as usual.
 *
 * <pre>
 * ./mvnw spring-boot:run -Dspring-boot.run.arguments="--import.file=plan.csv --import.plan-code=NAP-2019 \
 *     --import.title='Milli Fəaliyyət Planı' --import.first-year=2019 --import.last-year=2020"
 * java -jar target/nap-workflow-*.jar --import.file=plan.xlsx --import.plan-code=NAP-2019 \
 *     --import.title="Milli Fəaliyyət Planı" --import.first-year=2019 --import.last-year=2020 --import.dry-run
 * </pre>
 *
 * Options: {@code --import.file} (a .csv or .xlsx file), {@code --import.plan-code}, {@code --import.title},
 * {@code --import.first-year}, {@code --import.last-year}, optional {@code --import.year-shift} (default 0),
 * {@code --import.create-agencies} (unknown organisations become new agencies) and {@code --import.dry-run} (only
 * check and show what would be created). The plan gets the default reporting calendar. Messages are in the
 * language of the JVM's default locale (az, en or ru; az otherwise).
 */
@Component
public class PlanImportCommand implements ApplicationRunner {

    static final String FILE = "import.file";
    static final String PLAN_CODE = "import.plan-code";
    static final String TITLE = "import.title";
    static final String FIRST_YEAR = "import.first-year";
    static final String LAST_YEAR = "import.last-year";
    static final String YEAR_SHIFT = "import.year-shift";
    static final String CREATE_AGENCIES = "import.create-agencies";
    static final String DRY_RUN = "import.dry-run";
    static final int OK = 0;
    static final int INVALID = 2;

    /** How the command ends the application; tests replace it so that the JVM keeps running. */
    interface Exit {
        void exit(int code);
    }

    private final PlanImportService imports;
    private final Messages messages;
    private final PlanImportProperties properties;
    private final Exit exit;

    @Autowired
    PlanImportCommand(PlanImportService imports, Messages messages, PlanImportProperties properties,
                      ApplicationContext context) {
        this(imports, messages, properties, code -> System.exit(SpringApplication.exit(context, () -> code)));
    }

    PlanImportCommand(PlanImportService imports, Messages messages, PlanImportProperties properties, Exit exit) {
        this.imports = imports;
        this.messages = messages;
        this.properties = properties;
        this.exit = exit;
    }

    /** Whether the application was started to import a plan (then it must not load demo data, for instance). */
    public static boolean requested(ApplicationArguments args) {
        return args.containsOption(FILE);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (requested(args)) {
            exit.exit(execute(args));
        }
    }

    private int execute(ApplicationArguments args) {
        ImportRequest request;
        try {
            request = request(args);
        } catch (IllegalArgumentException | IOException e) {
            say(e.getMessage());
            return INVALID;
        }
        ImportPreview preview = imports.preview(request);
        print(preview);
        if (!preview.valid()) {
            say("Invalid: nothing imported (" + preview.problems().size() + " problems).");
            return INVALID;
        }
        if (flag(args, DRY_RUN)) {
            say("Dry run: valid, nothing imported.");
            return OK;
        }
        return commit(request);
    }

    private int commit(ImportRequest request) {
        try {
            ImportPreview done = imports.commit(request);
            say("Imported: " + done.measuresToCreate().size() + " measures, "
                    + done.agenciesToCreate().size() + " agencies.");
            return OK;
        } catch (NapException e) {
            e.errors().forEach(p -> say(line(p)));
            say("Invalid: nothing imported (" + e.errors().size() + " problems).");
            return INVALID;
        }
    }

    private ImportRequest request(ApplicationArguments args) throws IOException {
        Path file = Path.of(required(args, FILE));
        int firstYear = number(args, FIRST_YEAR, null);
        int lastYear = number(args, LAST_YEAR, null);
        int yearShift = number(args, YEAR_SHIFT, 0);
        return new ImportRequest(option(args, PLAN_CODE), option(args, TITLE), firstYear, lastYear, yearShift,
                PlanCalendar.DEFAULT, flag(args, CREATE_AGENCIES), read(file), file.getFileName().toString(),
                System.getProperty("user.name", "system"));
    }

    /** At most one byte more than the limit: enough for the import to say the file is too large. */
    private byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such file: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(properties.maxBytes() + 1);
        }
    }

    private static String option(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private static String required(ApplicationArguments args, String name) {
        String value = option(args, name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing option --" + name);
        }
        return value;
    }

    private static int number(ApplicationArguments args, String name, Integer fallback) {
        String value = fallback == null ? required(args, name) : option(args, name);
        try {
            return value == null ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Option --" + name + " must be a whole number: " + value);
        }
    }

    /** {@code --name} and {@code --name=true} are on; absent or any other value is off. */
    private static boolean flag(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        return values != null && (values.isEmpty() || Boolean.parseBoolean(values.get(values.size() - 1)));
    }

    private void print(ImportPreview p) {
        say("Plan " + p.planCode() + " (" + (p.planExists() ? "existing" : "new") + "), years "
                + p.firstYear() + "-" + p.lastYear() + ", " + p.sections().size() + " sections");
        say("Measures to create: " + p.measuresToCreate().size() + ", existing: "
                + p.measuresExisting().size());
        if (!p.agenciesToCreate().isEmpty()) {
            say("Agencies to create: " + p.agenciesToCreate().stream()
                    .map(a -> a.code() + " (" + a.name() + ")").collect(Collectors.joining(", ")));
        }
        if (!p.unknownOrganisations().isEmpty()) {
            say("Unknown organisations: " + String.join(", ", p.unknownOrganisations()));
        }
        p.problems().forEach(problem -> say(line(problem)));
    }

    private static void say(String line) {
        System.out.println(line);
    }

    private String line(FieldProblem p) {
        String message = messages.text(Messages.supported(Locale.getDefault()), p.messageKey(), p.args());
        String where = p.row() == null ? p.field()
                : "row " + p.row() + (p.field() == null ? "" : ", column " + p.field());
        return where + ": " + message;
    }
}
