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
    record Stats(double p50, double p95, double sqlPerOp, int n, double perSecond, Warmup warmup) {
        Stats(double p50, double p95, double sqlPerOp, int n, double perSecond) {
            this(p50, p95, sqlPerOp, n, perSecond, null);
        }

        Stats(double p50, double p95, double sqlPerOp, int n) {
            this(p50, p95, sqlPerOp, n, Double.NaN);
        }

        Stats after(Warmup warmup) {
            return new Stats(p50, p95, sqlPerOp, n, perSecond, warmup);
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

    /**
     * The longest a timed warm-up waits for the JIT to settle ({@code -Dnap.bench.warmup-max-seconds}, 120 s by
     * default); past it the side is measured anyway, and its warm-up says so.
     */
    static final Duration WARMUP_MAX = Duration.ofSeconds(Long.getLong("nap.bench.warmup-max-seconds", 120));
    /** A warm-up round: long enough for a median, short enough to notice the JIT settling. */
    private static final long ROUND_NANOS = 1_000_000_000L;
    /** The JIT has settled on an operation when it compiles for less than this share of a round... */
    private static final double QUIET_JIT = 0.02;
    /** ...and the round's median is within this share of the previous round's. */
    private static final double STEADY = 0.05;

    /**
     * How a side's timed warm-up went: how long, how many calls, and whether it ended because the JIT had settled
     * (rather than at {@link #WARMUP_MAX}).
     */
    record Warmup(double seconds, int calls, boolean settled) {
        /** A side's warm-up alone, then beside the other side (its calls counted once a turn). */
        static Warmup sum(Warmup alone, Warmup together) {
            return alone == null || together == null ? null : new Warmup(alone.seconds + together.seconds,
                    alone.calls + together.calls, alone.settled && together.settled);
        }

        String text() {
            return String.format(Locale.ROOT, "%.0f s, %,d calls%s", seconds, calls,
                    settled ? "" : " (not settled by the limit: measured anyway)");
        }
    }

    /**
     * Calls {@code sides} in turn (the first alternates) at least {@code warmup} times and for at least
     * {@code warmupTime}; then, for a timed warm-up, in rounds of a second until the JIT has settled on them: the round
     * compiled for under 2 % of its time (the JVM's {@link java.lang.management.CompilationMXBean}) and each side's
     * median was within 5 % of its median in the round before (at most {@link #WARMUP_MAX}). Returns how it went, or
     * null without a timed warm-up. A request through the web stack runs a thousand methods, each compiled by C2 only
     * after thousands of calls: after a fixed 15 s of warm-up the agency inbox was measured at 2.2–2.6 ms beside its
     * baseline; the same run measured it again a minute later at 0.7 ms alone and 1.0 ms beside the baseline, which
     * had gone from 16 to 12 ms meanwhile (29 Nov).
     */
    static Warmup warmUp(int warmup, Duration warmupTime, Op... sides) {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        int calls = 0;
        for (; (calls < warmup || System.nanoTime() - start < warmupTime.toNanos())
                && System.nanoTime() - start < WARMUP_MAX.toNanos(); calls++) {
            callInTurn(calls, sides, null);
        }
        if (warmupTime.isZero()) {
            return null;
        }
        if (!jit.isCompilationTimeMonitoringSupported()) {
            return new Warmup((System.nanoTime() - start) / 1e9, calls, false);
        }
        double[] previous = new double[sides.length];
        Arrays.fill(previous, Double.NaN);
        while (true) {
            long compiled = jit.getTotalCompilationTime();
            long roundStart = System.nanoTime();
            List<List<long[]>> round = new ArrayList<>();
            for (int i = 0; i < sides.length; i++) {
                round.add(new ArrayList<>());
            }
            for (int i = 0; (i < 3 || System.nanoTime() - roundStart < ROUND_NANOS)
                    && System.nanoTime() - start < WARMUP_MAX.toNanos(); i++, calls++) {
                callInTurn(calls, sides, round);
            }
            long elapsed = System.nanoTime() - start;
            double compiling = (jit.getTotalCompilationTime() - compiled) * 1e6 / (System.nanoTime() - roundStart);
            boolean steady = compiling < QUIET_JIT;
            for (int i = 0; i < sides.length; i++) {
                double median = stats(round.get(i)).p50();
                steady &= Math.abs(median - previous[i]) <= STEADY * previous[i];
                previous[i] = median;
            }
            if (steady) {
                return new Warmup(elapsed / 1e9, calls, true);
            }
            if (elapsed >= WARMUP_MAX.toNanos()) {
                return new Warmup(elapsed / 1e9, calls, false);
            }
        }
    }

    /** Calls each side once, the {@code turn}-th time: every other turn the last first; keeps the samples if asked. */
    private static void callInTurn(int turn, Op[] sides, List<List<long[]>> samples) {
        for (int k = 0; k < sides.length; k++) {
            int side = turn % 2 == 0 ? k : sides.length - 1 - k;
            long[] sample = call(sides[side]);
            if (samples != null) {
                samples.get(side).add(sample);
            }
        }
    }

    /**
     * Both sides alternately (which goes first alternates too), each {@code iterations} times, after a warm-up: each
     * side alone, then both in turn, each as {@link #warmUp} (half of {@code warmupTime} and {@code warmup} turns at
     * least). Warmed by rounds alone, a 4 ms call of ours beside a 40 ms baseline got a tenth of the calls in the same
     * time, and was measured before it was compiled.
     */
    static Stats[] interleaved(int warmup, Duration warmupTime, int iterations, Op ours, Op baseline) {
        Warmup oursWarm = warmUp(0, warmupTime.dividedBy(2), ours);
        Warmup baselineWarm = warmUp(0, warmupTime.dividedBy(2), baseline);
        Warmup together = warmUp(warmup, warmupTime.dividedBy(2), ours, baseline);
        oursWarm = Warmup.sum(oursWarm, together);
        baselineWarm = Warmup.sum(baselineWarm, together);
        List<long[]> a = new ArrayList<>();
        List<long[]> b = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < iterations && !spent(start, i); i++) {
            if (i % 2 == 0) {
                a.add(call(ours));
                b.add(call(baseline));
            } else {
                b.add(call(baseline));
                a.add(call(ours));
            }
        }
        return new Stats[] {stats(a).after(oursWarm), stats(b).after(baselineWarm)};
    }

    static Stats alone(int warmup, int iterations, Op op) {
        return alone(warmup, Duration.ZERO, iterations, op);
    }

    static Stats alone(int warmup, Duration warmupTime, int iterations, Op op) {
        Warmup warm = warmUp(warmup, warmupTime, op);
        List<long[]> a = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < iterations && !spent(start, i); i++) {
            a.add(call(op));
        }
        return stats(a).after(warm);
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
        return concurrent(threads, warmupRounds, rounds, perThread, new double[sides.length][2], sides);
    }

    /**
     * As {@link #concurrent(int, int, int, int, IndexedOp...)}, adding to {@code cpu[side]} the CPU seconds the
     * machine was busy ({@code [0]}: this JVM, PostgreSQL and the rest) and this JVM spent ({@code [1]}) during that
     * side's measured rounds.
     */
    static Stats[] concurrent(int threads, int warmupRounds, int rounds, int perThread, double[][] cpu,
                              IndexedOp... sides) throws InterruptedException {
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
                    double machine = MachineCpu.busySeconds();
                    double jvm = MachineCpu.jvmSeconds();
                    long start = System.nanoTime();
                    samples.get(side).addAll(round(pool, threads, perThread, sides[side], next[side]++));
                    wall[side] += System.nanoTime() - start;
                    sql[side] += SqlCount.now() - statements;
                    cpu[side][0] += MachineCpu.busySeconds() - machine;
                    cpu[side][1] += MachineCpu.jvmSeconds() - jvm;
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
                .append(rates ? "ratio" : "ratio p50")
                .append(" | target | met |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s: %s | %.1f | %s | %s | %s | %s | %s | %s |%n",
                    r.scenario(), r.ours(), r.mine().times(), r.mine().sqlPerOp(), r.baseline(),
                    r.theirs() == null ? "–" : r.theirs().times(),
                    r.theirs() == null ? "–" : String.format(Locale.ROOT, "%.1f", r.theirs().sqlPerOp()),
                    r.ratioText(),
                    r.target(), r.verdict()));
        }
        List<Result> warmed = results.stream().filter(r -> r.mine().warmup() != null).toList();
        if (!warmed.isEmpty()) {
            md.append("\nEach side's warm-up before it was measured (alone, then beside its baseline where it has "
                    + "one, each until the JIT had settled):\n\n");
            for (Result r : warmed) {
                md.append("- ").append(r.scenario()).append(": ours ").append(r.mine().warmup().text());
                if (r.theirs() != null && r.theirs().warmup() != null) {
                    md.append("; baseline ").append(r.theirs().warmup().text());
                }
                md.append('\n');
            }
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
