package az.opengov.nap.bench;

import java.time.Duration;

/**
 * How much national-scale data to generate: plans of 60 measures, each measure asking a collective of 150 agencies,
 * {@code open} report tasks (a third overdue) and {@code finished} ones, reproducible from {@code seed}.
 */
record BenchSet(String name, int plans, int measuresPerPlan, int agencies, int open, int finished, long seed,
                int warmup, Duration warmupTime, int iterations) {

    static final int MEASURES = 60;
    static final int COLLECTIVE = 150;
    /**
     * Each side's warm-up: at least this many calls ({@code -Dnap.bench.warmup}) and this long
     * ({@code -Dnap.bench.warmup-seconds}); then this many calls measured ({@code -Dnap.bench.iterations}).
     */
    static final int WARMUP = Integer.getInteger("nap.bench.warmup", 30);
    static final Duration WARMUP_TIME = Duration.ofSeconds(Long.getLong("nap.bench.warmup-seconds", 15));
    static final int ITERATIONS = Integer.getInteger("nap.bench.iterations", 200);

    /** The default set: 30k open report tasks, 90k finished. */
    static BenchSet standard() {
        return new BenchSet("default", 4, MEASURES, COLLECTIVE, 30_000, 90_000, 20161213L, WARMUP, WARMUP_TIME,
                ITERATIONS);
    }

    /** Ten times the default set. */
    static BenchSet large() {
        return new BenchSet("large", 34, MEASURES, COLLECTIVE, 300_000, 900_000, 20161213L, WARMUP, WARMUP_TIME,
                ITERATIONS);
    }

    /** Seconds, for the smoke test that keeps the harness from rotting. */
    static BenchSet tiny() {
        return new BenchSet("tiny", 1, 6, 10, 60, 90, 20161213L, 1, Duration.ZERO, 1);
    }

    static BenchSet named(String name) {
        return switch (name == null ? "default" : name) {
            case "large" -> large();
            case "tiny" -> tiny();
            default -> standard();
        };
    }

    /** The same set without finished tasks, for scenarios that only meet open work. */
    BenchSet openOnly() {
        return new BenchSet(name, plans, measuresPerPlan, agencies, open, 0, seed, warmup, warmupTime, iterations);
    }

    /** One (plan, measure, agency) slot a report task can stand in; cycles repeat the slots. */
    int slots() {
        return plans * measuresPerPlan * agencies;
    }
}
