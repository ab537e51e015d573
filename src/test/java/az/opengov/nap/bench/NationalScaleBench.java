package az.opengov.nap.bench;

import az.opengov.nap.support.PostgresSuite;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The benchmark on PostgreSQL: {@code ./mvnw -Pbench verify} (default set), {@code -Dnap.bench.set=large} for ten
 * times as much. Not part of the normal test run (the name does not end in Test); writes
 * {@code bench/results/<timestamp>.md} and {@code bench/results/latest.md}.
 */
@PostgresSuite
class NationalScaleBench extends BenchHarness {

    @Override
    BenchSet set() {
        return BenchSet.named(System.getProperty("nap.bench.set"));
    }

    @Override
    void report(String markdown) throws IOException {
        write(Path.of("bench", "results"), Bench.header("Benchmark",
                jdbc.queryForObject("show server_version", String.class)) + markdown);
    }
}
