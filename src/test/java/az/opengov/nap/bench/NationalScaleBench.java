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
        String load = new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).trim();
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
                + ", PostgreSQL " + jdbc.queryForObject("show server_version", String.class);
        write(Path.of("bench", "results"), "# Benchmark " + java.time.Instant.now() + "\n\n- machine: " + machine
                + "\n- load while measuring: " + load + "\n" + markdown);
    }
}
