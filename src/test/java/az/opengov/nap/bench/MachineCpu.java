package az.opengov.nap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time the whole machine has spent busy (user, nice, system, interrupts; not idle, I/O wait or steal), from
 * Linux's {@code /proc/stat}: the work a run cost the application, PostgreSQL and the test's mail server together,
 * beside its wall time.
 */
final class MachineCpu {

    /** Linux reports {@code /proc/stat} in USER_HZ ticks, 100 a second on every architecture it runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private MachineCpu() {
    }

    /**
     * The CPU seconds this JVM has spent, all its threads (the application's, the engine's, the JIT compiler's, the
     * collector's and the test's mail server's): what of the machine's busy time was not PostgreSQL's.
     */
    static double jvmSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Busy CPU seconds since boot, all cores summed; NaN where {@code /proc/stat} is not there. */
    static double busySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
