package az.opengov.nap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Runs an operation and its baseline, interleaved after a warm-up, and keeps p50/p95 and SQL statements per call. */
final class Bench {

    interface Op {
        void run() throws Exception;
    }

    record Stats(double p50, double p95, double sqlPerOp, int n) {
        String times() {
            return String.format(Locale.ROOT, "%s / %s", ms(p50), ms(p95));
        }
    }

    record Result(String scenario, String ours, String baseline, Stats mine, Stats theirs, String target,
                  String verdict) {
        double ratio() {
            return theirs == null || theirs.p50() == 0 ? Double.NaN : mine.p50() / theirs.p50();
        }
    }

    /** Each side of a comparison stops after this long (at least {@link #MIN_SAMPLES} calls): baselines can be slow. */
    static long budgetNanos = Long.getLong("nap.bench.budget-seconds", 60) * 1_000_000_000L;
    static final int MIN_SAMPLES = 10;

    private Bench() {
    }

    private static boolean spent(long start, int done) {
        return done >= MIN_SAMPLES && System.nanoTime() - start > budgetNanos;
    }

    /** Both sides alternately (which goes first alternates too), each {@code iterations} times after the warm-up. */
    static Stats[] interleaved(int warmup, int iterations, Op ours, Op baseline) {
        long start = System.nanoTime();
        for (int i = 0; i < warmup && System.nanoTime() - start < budgetNanos / 4; i++) {
            call(ours);
            call(baseline);
        }
        List<long[]> a = new ArrayList<>();
        List<long[]> b = new ArrayList<>();
        start = System.nanoTime();
        for (int i = 0; i < iterations && !spent(start, i); i++) {
            if (i % 2 == 0) {
                a.add(call(ours));
                b.add(call(baseline));
            } else {
                b.add(call(baseline));
                a.add(call(ours));
            }
        }
        return new Stats[] {stats(a), stats(b)};
    }

    static Stats alone(int warmup, int iterations, Op op) {
        long start = System.nanoTime();
        for (int i = 0; i < warmup && System.nanoTime() - start < budgetNanos / 4; i++) {
            call(op);
        }
        List<long[]> a = new ArrayList<>();
        start = System.nanoTime();
        for (int i = 0; i < iterations && !spent(start, i); i++) {
            a.add(call(op));
        }
        return stats(a);
    }

    /** One call: {nanos, SQL statements}. */
    static long[] call(Op op) {
        long sql = SqlCount.now();
        long start = System.nanoTime();
        try {
            op.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new long[] {System.nanoTime() - start, SqlCount.now() - sql};
    }

    static Stats stats(List<long[]> samples) {
        long[] nanos = samples.stream().mapToLong(s -> s[0]).sorted().toArray();
        double sql = samples.stream().mapToLong(s -> s[1]).average().orElse(0);
        return new Stats(percentile(nanos, 50), percentile(nanos, 95), sql, nanos.length);
    }

    static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1_000_000.0;
    }

    static String ms(double millis) {
        return millis < 10 ? String.format(Locale.ROOT, "%.2f ms", millis)
                : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    static String markdown(List<Result> results) {
        StringBuilder md = new StringBuilder();
        md.append("| scenario | ours p50 / p95 | SQL/op | baseline | baseline p50 / p95 | SQL/op | ratio p50 | target"
                + " | met |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s: %s | %.1f | %s | %s | %s | %s | %s | %s |%n",
                    r.scenario(), r.ours(), r.mine().times(), r.mine().sqlPerOp(), r.baseline(),
                    r.theirs() == null ? "–" : r.theirs().times(),
                    r.theirs() == null ? "–" : String.format(Locale.ROOT, "%.1f", r.theirs().sqlPerOp()),
                    ratio(r.ratio()),
                    r.target(), r.verdict()));
        }
        return md.toString();
    }

    /** "1/20" when ours is 20 times faster, "3.5×" when it takes 3.5 times as long. */
    static String ratio(double ratio) {
        if (Double.isNaN(ratio)) {
            return "–";
        }
        return ratio > 1 ? String.format(Locale.ROOT, "%.1f×", ratio) : String.format(Locale.ROOT, "1/%.0f", 1 / ratio);
    }

    static String describe(long[] values) {
        return Arrays.toString(values);
    }

    /** Samples of runs timed elsewhere (one per run, each {nanos, SQL statements}), as {@link Stats}. */
    static Stats runs(List<long[]> samples) {
        return stats(samples);
    }

    /** The head of a results file: when, on which machine, under which load. */
    static String header(String title, String postgresVersion) throws IOException {
        String load = new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).trim();
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
                + ", PostgreSQL " + postgresVersion;
        return "# " + title + " " + Instant.now() + "\n\n- machine: " + machine + "\n- load while measuring: " + load
                + "\n";
    }

    /** Writes {@code <timestamp><suffix>.md} and {@code latest<suffix>.md} into {@code dir}. */
    static void write(Path dir, String suffix, String markdown) throws IOException {
        Files.createDirectories(dir);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Files.writeString(dir.resolve(stamp + suffix + ".md"), markdown);
        Files.writeString(dir.resolve("latest" + suffix + ".md"), markdown);
    }
}
