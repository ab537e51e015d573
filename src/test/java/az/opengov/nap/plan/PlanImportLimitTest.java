package az.opengov.nap.plan;

import static az.opengov.nap.plan.PlanFiles.HEADER;
import static az.opengov.nap.plan.PlanFiles.measure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import az.opengov.nap.shared.FieldProblem;
import az.opengov.nap.shared.NapException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The size limit comes from {@code nap.plan.import-max-bytes}; here a tiny one. */
@SpringBootTest(properties = "nap.plan.import-max-bytes=2KB")
@ActiveProfiles("test")
class PlanImportLimitTest {

    @Autowired
    PlanImportService imports;
    @Autowired
    RuntimeService runtime;
    @Autowired
    JdbcClient jdbc;

    @Test
    void fileOverTheLimitIsRefusedBeforeItIsRead() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            rows.add(measure("1", "Bölmə", "1." + i, "Tədbir " + i, "Ədliyyə Nazirliyi", "", "2016"));
        }
        byte[] content = PlanFiles.csvBytes(HEADER, rows);
        assertThat(content.length).isGreaterThan(2048);
        ImportRequest request = ImportRequest.of("BIG", "Böyük plan", 2016, 2018, "plan.csv", content, "tester");
        long processes = runtime.createProcessInstanceQuery().count();

        ImportPreview preview = imports.preview(request);
        NapException refused = catchThrowableOfType(NapException.class, () -> imports.commit(request));

        assertThat(preview.problems()).extracting(FieldProblem::row, FieldProblem::field, FieldProblem::messageKey)
                .containsExactly(tuple(null, "file", "import.tooLarge"));
        assertThat(preview.problems().get(0).args()[1]).isEqualTo("2.0 KB");
        assertThat(refused.errors()).extracting(FieldProblem::messageKey).containsExactly("import.tooLarge");
        assertThat(jdbc.sql("select count(*) from measure").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from plan").query(Long.class).single()).isZero();
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(processes);
    }

    @Test
    void fileAtTheLimitIsRead() {
        byte[] content = PlanFiles.csvBytes(HEADER, List.of(measure("1", "Bölmə", "1.1", "Tədbir", "Ədliyyə Nazirliyi",
                "", "2016")));

        ImportPreview preview = imports.preview(ImportRequest.of("SMALL", "Kiçik plan", 2016, 2018, "plan.csv",
                content, "tester"));

        assertThat(preview.problems()).isEmpty();
        assertThat(preview.measuresToCreate()).hasSize(1);
    }
}
