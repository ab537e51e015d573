package az.opengov.nap.bench;

import az.opengov.nap.support.PostgresSuite;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opening a cycle of 9,000 report tasks and its 9,000 reminders due at once, on PostgreSQL beside 30,000 other open
 * report tasks: {@code ./mvnw -Pbench verify} (with the other benchmarks). Writes
 * {@code bench/results/<timestamp>-cycle.md} and {@code bench/results/latest-cycle.md}.
 */
@PostgresSuite
class CycleOpeningBench extends CycleHarness {

    @Override
    BenchSet set() {
        return BenchSet.named(System.getProperty("nap.bench.set")).openOnly();
    }

    @Override
    void report(String markdown) throws IOException {
        Bench.write(Path.of("bench", "results"), "-cycle", Bench.header("Cycle benchmark",
                jdbc.queryForObject("show server_version", String.class)) + markdown);
    }
}
