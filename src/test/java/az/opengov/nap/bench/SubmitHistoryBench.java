package az.opengov.nap.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Submit with 4 concurrent clients and history bytes per measure cycle, at national scale on PostgreSQL: 20 measures
 * × a collective of 150 agencies (3,000 open report tasks), 1,200 submits per side; the history of one measure's cycle
 * with the same 150 agencies. Part of {@code ./mvnw -Pbench verify}; writes
 * {@code bench/results/<timestamp>-submit-history.md} and {@code bench/results/latest-submit-history.md}.
 */
class SubmitHistoryBench extends SubmitHistoryHarness {

    @Override
    Sizes sizes() {
        return new Sizes(new SubmitConcurrency.Sizes(20, 150, 4, 25, 2, 10), 5);
    }

    @Override
    void report(String markdown) throws IOException {
        Bench.write(Path.of("bench", "results"), "-submit-history",
                Bench.header("Submit and history benchmark", serverVersion) + "\n" + markdown);
    }
}
