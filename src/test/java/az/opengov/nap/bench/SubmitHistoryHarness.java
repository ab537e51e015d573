package az.opengov.nap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.bench.Bench.Result;
import az.opengov.nap.support.PostgresSuite;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Two scenarios of the national-scale issue on PostgreSQL, each against its baseline in the same run: agencies
 * submitting reports with concurrent clients ({@link SubmitConcurrency}), and the engine history one measure's
 * reporting cycle leaves ({@link HistoryCycle}) at our history level and at level {@code full}, the latter in an
 * application context of its own. The nested classes run in order and share this instance; the figures are written
 * once all have run. {@code SubmitHistoryBench} measures at full size and writes
 * {@code bench/results/<timestamp>-submit-history.md} and {@code latest-submit-history.md};
 * {@code SubmitHistorySmokeTest} runs the same code on a tiny size in the normal build. One part alone:
 * {@code -Dnap.bench.scenarios=submit} or {@code history}.
 */
@PostgresSuite
@SpringBootTest
@Import(BenchConfiguration.class)
@TestPropertySource(properties = "nap.notification.scheduling-enabled=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
abstract class SubmitHistoryHarness {

    /** {@code -Dnap.bench.scenarios=submit} or {@code history}: that part alone (both by default). */
    static final String SCENARIOS = "nap.bench.scenarios";

    /**
     * How much: the submit scenario's sizes (its collective is also the history cycle's), every n-th report
     * returned, the generated set around the submit scenario's measures.
     */
    record Sizes(SubmitConcurrency.Sizes submit, int returnEvery, BenchSet background) {
    }

    @Autowired
    JdbcTemplate jdbc;

    final List<Result> submitResults = new ArrayList<>();
    final List<String> submitNotes = new ArrayList<>();
    String submitStatements = "";
    HistoryCycle.Figures full;
    HistoryCycle.Figures ours;

    /** The server's version, read while the application is up (each nested class's closes after it). */
    String serverVersion;

    abstract Sizes sizes();

    @org.junit.jupiter.api.BeforeAll
    void serverVersion() {
        serverVersion = jdbc.queryForObject("show server_version", String.class);
    }

    /** Writes the figures where the subclass wants them (the smoke test does not). */
    void report(String markdown) throws IOException {
    }

    @AfterEach
    void clock() {
        ClockUtil.reset();
    }

    @Nested
    @Order(1)
    @DisabledIfSystemProperty(named = SCENARIOS, matches = "submit", disabledReason = "only the submit part chosen")
    @TestPropertySource(properties = "camunda.bpm.history-level=full")
    class HistoryAtLevelFull {
        @Autowired
        ApplicationContext context;

        @Test
        void oneMeasureCycle() {
            full = new HistoryCycle(context).run(sizes().submit().agencies(), sizes().returnEvery());
            assertThat(full.level()).isEqualTo("full");
            assertThat(full.delta().get("act_hi_detail").rows()).isPositive();
        }
    }

    @Nested
    @Order(2)
    @DisabledIfSystemProperty(named = SCENARIOS, matches = "submit", disabledReason = "only the submit part chosen")
    class HistoryAtOurLevel {
        @Autowired
        ApplicationContext context;

        @Test
        void oneMeasureCycle() {
            ours = new HistoryCycle(context).run(sizes().submit().agencies(), sizes().returnEvery());
            assertThat(ours.level()).isEqualTo("full-without-details");
        }
    }

    @Nested
    @Order(3)
    @DisabledIfSystemProperty(named = SCENARIOS, matches = "history", disabledReason = "only the history part chosen")
    class SubmitWithConcurrentClients {
        @Autowired
        ApplicationContext context;

        @Test
        void submit() throws Exception {
            SubmitConcurrency scenario = new SubmitConcurrency(context);
            scenario.background(sizes().background(), submitNotes);
            submitResults.addAll(scenario.run(sizes().submit(), submitNotes));
            submitStatements = scenario.statements;
            assertThat(submitResults).hasSize(4);
        }
    }

    @AfterAll
    void figures() throws IOException {
        StringBuilder md = new StringBuilder();
        if (!submitResults.isEmpty()) {
            md.append("## Submit a report with concurrent clients\n\n");
            submitNotes.forEach(n -> md.append("- ").append(n).append('\n'));
            md.append("- ours and the baselines run in turns (which goes first rotates) after a warm-up; rate = submits"
                    + " over the wall-clock time of that side's rounds; SQL/op = every statement sent during that "
                    + "side's rounds over its submits\n\n");
            md.append(Bench.markdown(submitResults)).append('\n').append(submitStatements).append('\n');
        }
        if (full != null && ours != null) {
            md.append(history(ours, full));
        }
        System.out.println(md);
        report(md.toString());
        if (BenchHarness.chosen("submit")) {
            assertThat(submitResults).isNotEmpty();
        }
        if (BenchHarness.chosen("history")) {
            assertThat(full).isNotNull();
            assertThat(ours).isNotNull();
        }
    }

    static String history(HistoryCycle.Figures ours, HistoryCycle.Figures full) {
        StringBuilder md = new StringBuilder();
        HistoryBytes.Table o = ours.total();
        HistoryBytes.Table f = full.total();
        double ratio = (double) o.bytes() / f.bytes();
        md.append(String.format(Locale.ROOT, "## History per finished measure cycle%n%n- one measure's first cycle: "
                        + "%d agencies of a collective + 1 added by an administrator (who also extended a due date), "
                        + "%d reminded, %d of %d reports returned and resubmitted, all approved and published, the "
                        + "cycle closed; the same steps in two application contexts (fresh schemas), history level "
                        + "`%s` (ours) and `%s`%n- bytes = `sum(pg_column_size(row))` of the rows the cycle added, "
                        + "found by the measure's root process instance id; on disk = growth of "
                        + "`pg_total_relation_size` (table, indexes, TOAST, dead row versions of updated rows; 8 kB "
                        + "pages) of the history tables, nothing else running%n%n",
                ours.agencies(), ours.reminded(), ours.returned(), ours.agencies() + 1, ours.level(), full.level()));
        md.append("| table | ours rows | ours bytes | full rows | full bytes |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, HistoryBytes.Table> e : full.delta().entrySet()) {
            HistoryBytes.Table mine = ours.delta().get(e.getKey());
            if (e.getValue().rows() == 0 && (mine == null || mine.rows() == 0)) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| `%s` | %,d | %,d | %,d | %,d |%n", e.getKey(),
                    mine == null ? 0 : mine.rows(), mine == null ? 0 : mine.bytes(), e.getValue().rows(),
                    e.getValue().bytes()));
        }
        md.append(String.format(Locale.ROOT, "| **total** | %,d | **%,d** (%,d per agency) | %,d | **%,d** (%,d per "
                        + "agency) |%n| on disk, incl. indexes | | %,d | | %,d |%n%n", o.rows(), o.bytes(),
                o.bytes() / (ours.agencies() + 1), f.rows(), f.bytes(), f.bytes() / (full.agencies() + 1),
                o.diskBytes(), f.diskBytes()));
        md.append(String.format(Locale.ROOT, "| scenario | ours | baseline | ratio | target | met |%n|---|---|---|---|"
                        + "---|---|%n| History bytes per finished measure cycle | `%s`: %,d bytes (%,d on disk) | "
                        + "`full`: %,d bytes (%,d on disk) | %.2f× (on disk %.2f×) | ≤ 0.5× the bytes, audit needs "
                        + "met | %s |%n%n", ours.level(), o.bytes(), o.diskBytes(), f.bytes(), f.diskBytes(), ratio,
                (double) o.diskBytes() / f.diskBytes(), ratio <= 0.5 ? "yes" : "**no**"));
        md.append("Audit questions answered from what our level kept "
                + "(asserted in the benchmark and its smoke test):\n\n");
        ours.audit().forEach(a -> md.append("- ").append(a).append('\n'));
        return md.toString();
    }
}
