package az.opengov.nap.plan;

import static az.opengov.nap.plan.PlanFiles.HEADER;
import static az.opengov.nap.plan.PlanFiles.measure;
import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.shared.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class PlanImportCommandTest {

    @Autowired
    PlanImportService imports;
    @Autowired
    PlanService plans;
    @Autowired
    Messages messages;
    @Autowired
    PlanImportProperties properties;
    @Autowired
    RuntimeService runtime;

    @TempDir
    Path dir;

    private final List<Integer> exits = new ArrayList<>();
    private PlanImportCommand command;
    private Locale locale;

    @BeforeEach
    void command() {
        command = new PlanImportCommand(imports, messages, properties, exits::add);
        locale = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(locale);
    }

    @Test
    void validFileIsImportedAndTheApplicationEndsWithZero(CapturedOutput output) throws IOException {
        Path file = write("plan.csv", List.of(row("1.1", "2016"), row("1.2", "2017-2018")));
        long processes = runtime.createProcessInstanceQuery().count();

        command.run(args("--import.file=" + file, "--import.plan-code=CLI-OK", "--import.title=Komanda planı",
                "--import.first-year=2016", "--import.last-year=2018"));

        assertThat(exits).containsExactly(0);
        assertThat(plans.measures("CLI-OK")).extracting(Measure::code).containsExactly("1.1", "1.2");
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(processes + 2);
        assertThat(output.getOut()).contains("Measures to create: 2", "Imported: 2 measures");
    }

    @Test
    void invalidFileIsReportedAndNothingIsImported(CapturedOutput output) throws IOException {
        Path file = write("plan.csv", List.of(row("1.1", "2016-2020"), row("1.1", "2016")));
        long processes = runtime.createProcessInstanceQuery().count();

        command.run(args("--import.file=" + file, "--import.plan-code=CLI-BAD", "--import.title=Komanda planı",
                "--import.first-year=2016", "--import.last-year=2018"));

        assertThat(exits).containsExactly(2);
        assertThat(plans.findPlan("CLI-BAD")).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(processes);
        assertThat(output.getOut()).contains(
                "row 2, column period: The period 2016-2020 lies outside the plan years 2016-2018.",
                "row 3, column code: The code 1.1 is already used in row 2.",
                "Invalid: nothing imported (2 problems).");
    }

    @Test
    void dryRunOnlyShowsWhatWouldBeCreated(CapturedOutput output) throws IOException {
        Path file = write("plan.csv", List.of(row("1.1", "2016")));

        command.run(args("--import.file=" + file, "--import.plan-code=CLI-DRY", "--import.title=Komanda planı",
                "--import.first-year=2016", "--import.last-year=2018", "--import.dry-run"));

        assertThat(exits).containsExactly(0);
        assertThat(plans.findPlan("CLI-DRY")).isEmpty();
        assertThat(output.getOut()).contains("Plan CLI-DRY (new)", "Dry run: valid, nothing imported.");
    }

    @Test
    void missingOptionOrFileEndsWithTwo(CapturedOutput output) {
        command.run(args("--import.file=" + dir.resolve("absent.csv"), "--import.plan-code=CLI-ABSENT",
                "--import.title=x", "--import.first-year=2016", "--import.last-year=2018"));
        command.run(args("--import.file=plan.csv", "--import.plan-code=CLI-ABSENT", "--import.title=x",
                "--import.first-year=2016"));

        assertThat(exits).containsExactly(2, 2);
        assertThat(output.getOut()).contains("No such file", "Missing option --import.last-year");
    }

    @Test
    void withoutTheFileOptionTheCommandDoesNothing() {
        DefaultApplicationArguments plain = args("--server.port=0");

        command.run(plain);

        assertThat(exits).isEmpty();
        assertThat(PlanImportCommand.requested(plain)).isFalse();
        assertThat(PlanImportCommand.requested(args("--import.file=x.csv"))).isTrue();
    }

    private static List<String> row(String code, String period) {
        return measure("1", "Bölmə", code, "Tədbir " + code, "Ədliyyə Nazirliyi", "", period);
    }

    private Path write(String name, List<List<String>> rows) throws IOException {
        return Files.write(dir.resolve(name), PlanFiles.csvBytes(HEADER, rows));
    }

    private static DefaultApplicationArguments args(String... args) {
        return new DefaultApplicationArguments(args);
    }
}
