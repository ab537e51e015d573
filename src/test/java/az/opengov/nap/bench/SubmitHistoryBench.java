package az.opengov.nap.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Submit with 4 concurrent clients and history bytes per measure cycle, at national scale on PostgreSQL: 60 measures
 * × a collective of 150 agencies (9,000 open report tasks) amid the default set (30,000 more open report
 * tasks, 90,000 finished), 2,000 submits per side (half of them warm-up), then as many of the remaining reports
 * handed to colleagues and given a new due date; the history of one measure's cycle with the same 150 agencies.
 * Part of {@code ./mvnw -Pbench verify}; writes {@code bench/results/<timestamp>-submit-history.md} and
 * {@code bench/results/latest-submit-history.md}.
 */
class SubmitHistoryBench extends SubmitHistoryHarness {

    @Override
    Sizes sizes() {
        return new Sizes(new SubmitConcurrency.Sizes(60, 150, 4, 25, 10, 10), 5, BenchSet.standard());
    }

    @Override
    void report(String markdown) throws IOException {
        Bench.write(Path.of("bench", "results"), "-submit-history",
                Bench.header("Submit and history benchmark", serverVersion) + "\n" + markdown);
    }
}
