package az.opengov.nap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /** Latencies of the calls, SQL statements per call, and (for {@link #concurrent}) calls per second; NaN if not. */
    record Stats(double p50, double p95, double sqlPerOp, int n, double perSecond) {
        Stats(double p50, double p95, double sqlPerOp, int n) {
            this(p50, p95, sqlPerOp, n, Double.NaN);
        }

        String times() {
            return String.format(Locale.ROOT, "%s / %s", ms(p50), ms(p95))
                    + (Double.isNaN(perSecond) ? "" : String.format(Locale.ROOT, ", %.1f ops/s", perSecond));
        }
    }

    record Result(String scenario, String ours, String baseline, Stats mine, Stats theirs, String target,
                  String verdict) {
        double ratio() {
            return theirs == null || theirs.p50() == 0 ? Double.NaN : mine.p50() / theirs.p50();
        }

        /** Throughput of ours over the baseline's, where both were measured as rates. */
        double rateRatio() {
            return theirs == null ? Double.NaN : mine.perSecond() / theirs.perSecond();
        }

        String ratioText() {
            if (!Double.isNaN(rateRatio())) {
                return String.format(Locale.ROOT, "%.2f× rate, %.2f× SQL", rateRatio(),
                        mine.sqlPerOp() / theirs.sqlPerOp());
            }
            return Bench.ratio(ratio());
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

    private static boolean warmingUp(long start, int done, int warmup, Duration warmupTime) {
        long elapsed = System.nanoTime() - start;
        return (done < warmup || elapsed < warmupTime.toNanos()) && elapsed < budgetNanos / 4;
    }

    /**
     * Both sides alternately (which goes first alternates too), each {@code iterations} times, after a warm-up: each
     * side alone for half of {@code warmupTime}, then {@code warmup} rounds of both (all within a quarter of the
     * budget). A request through the web stack runs a thousand methods, which the JIT compiles only after some
     * thousands of calls; warmed by rounds alone, a 4 ms call of ours beside a 40 ms baseline got a tenth of the calls
     * in the same time, and was measured before it was compiled.
     */
    static Stats[] interleaved(int warmup, Duration warmupTime, int iterations, Op ours, Op baseline) {
        long start = System.nanoTime();
        for (Op side : List.of(ours, baseline)) {
            long alone = System.nanoTime();
            while (System.nanoTime() - alone < warmupTime.toNanos() / 2
                    && System.nanoTime() - start < budgetNanos / 4) {
                call(side);
            }
        }
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
        return alone(warmup, Duration.ZERO, iterations, op);
    }

    static Stats alone(int warmup, Duration warmupTime, int iterations, Op op) {
        long start = System.nanoTime();
        for (int i = 0; warmingUp(start, i, warmup, warmupTime); i++) {
            call(op);
        }
        List<long[]> a = new ArrayList<>();
        start = System.nanoTime();
        for (int i = 0; i < iterations && !spent(start, i); i++) {
            a.add(call(op));
        }
        return stats(a);
    }

    /**
     * Throughput with {@code threads} clients at once: in each round every side in turn runs {@code perThread} calls
     * on every thread (the order of the sides rotates from round to round), after {@code warmupRounds} rounds of all.
     * A side's rate is its calls over the wall-clock time of its rounds; its SQL per call is the global statement
     * count over its rounds (one side runs at a time). Each call gets its thread and its index within the thread's
     * share, so that every call can act on an input of its own.
     */
    static Stats[] concurrent(int threads, int warmupRounds, int rounds, int perThread, IndexedOp... sides)
            throws InterruptedException {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            int[] next = new int[sides.length];
            for (int r = 0; r < warmupRounds; r++) {
                for (int side = 0; side < sides.length; side++) {
                    round(pool, threads, perThread, sides[side], next[side]++);
                }
            }
            List<List<long[]>> samples = new ArrayList<>();
            for (int side = 0; side < sides.length; side++) {
                samples.add(new ArrayList<>());
            }
            long[] wall = new long[sides.length];
            long[] sql = new long[sides.length];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < sides.length; k++) {
                    int side = (r + k) % sides.length;
                    long statements = SqlCount.now();
                    long start = System.nanoTime();
                    samples.get(side).addAll(round(pool, threads, perThread, sides[side], next[side]++));
                    wall[side] += System.nanoTime() - start;
                    sql[side] += SqlCount.now() - statements;
                }
            }
            Stats[] stats = new Stats[sides.length];
            for (int side = 0; side < sides.length; side++) {
                stats[side] = rated(samples.get(side), wall[side], sql[side]);
            }
            return stats;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A call that knows which input is its own: thread {@code thread}, its {@code index}-th call overall. */
    interface IndexedOp {
        void run(int thread, int index) throws Exception;
    }

    private static List<long[]> round(java.util.concurrent.ExecutorService pool, int threads, int perThread,
                                      IndexedOp op, int round) throws InterruptedException {
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        List<java.util.concurrent.Future<List<long[]>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                List<long[]> samples = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    int index = round * perThread + i;
                    samples.add(call(() -> op.run(thread, index)));
                }
                return samples;
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (var f : futures) {
            try {
                all.addAll(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return all;
    }

    private static Stats rated(List<long[]> samples, long wallNanos, long statements) {
        Stats s = stats(samples);
        return new Stats(s.p50(), s.p95(), samples.isEmpty() ? 0 : (double) statements / samples.size(), s.n(),
                samples.size() / (wallNanos / 1e9));
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
        boolean rates = results.stream().anyMatch(r -> !Double.isNaN(r.rateRatio()));
        md.append("| scenario | ours p50 / p95 | SQL/op | baseline | baseline p50 / p95 | SQL/op | ")
                .append(rates ? "ratio" : "ratio p50").append(" | target | met |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s: %s | %.1f | %s | %s | %s | %s | %s | %s |%n",
                    r.scenario(), r.ours(), r.mine().times(), r.mine().sqlPerOp(), r.baseline(),
                    r.theirs() == null ? "–" : r.theirs().times(),
                    r.theirs() == null ? "–" : String.format(Locale.ROOT, "%.1f", r.theirs().sqlPerOp()),
                    r.ratioText(),
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
                + "\n- classpath: " + classpath() + "\n";
    }

    /**
     * Whether the run had the application's own classpath: the profile {@code bench} leaves out what only the tests
     * bring and the benchmarks do not use (a library Spring Boot finds, it configures: FreeMarker would answer web
     * requests too, Kotlin changes how beans are made, OpenTelemetry starts an SDK). JUnit, AssertJ, Spring's test
     * support and GreenMail stay: the benchmarks run on them.
     */
    static String classpath() {
        List<String> extra = testOnlyLibraries(Bench.class.getClassLoader());
        return extra.isEmpty() ? "the application's (no test-only libraries)" : "with test-only libraries " + extra;
    }

    /** A class of each test-only library the application must not start with, found by {@code loader}. */
    static List<String> testOnlyLibraries(ClassLoader loader) {
        return java.util.stream.Stream.of("freemarker.template.Configuration", "kotlinx.serialization.json.Json",
                        "com.fasterxml.jackson.module.kotlin.KotlinModule", "kotlin.Unit", "com.google.gson.Gson",
                        "com.google.common.collect.ImmutableList", "io.netty.buffer.ByteBuf",
                        "io.opentelemetry.api.OpenTelemetry", "okhttp3.OkHttpClient", "org.openqa.selenium.WebDriver",
                        "org.mockito.Mockito", "no.nav.security.mock.oauth2.MockOAuth2Server")
                .filter(c -> org.springframework.util.ClassUtils.isPresent(c, loader)).toList();
    }

    /** Writes {@code <timestamp><suffix>.md} and {@code latest<suffix>.md} into {@code dir}. */
    static void write(Path dir, String suffix, String markdown) throws IOException {
        Files.createDirectories(dir);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Files.writeString(dir.resolve(stamp + suffix + ".md"), markdown);
        Files.writeString(dir.resolve("latest" + suffix + ".md"), markdown);
    }
}
