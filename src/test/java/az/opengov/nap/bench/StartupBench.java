package az.opengov.nap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * First start to a usable page, and the memory it then holds, with a 256 MB heap: the application (its portal home
 * page, demo plan imported) against a bare Camunda webapp starter application (its Cockpit welcome page), each in a
 * fresh JVM on an in-memory H2, alternately, {@code ROUNDS} times, with the JVM's default collector and with the serial
 * one. Part of {@code ./mvnw -Pbench verify}.
 */
class StartupBench {

    static final int ROUNDS = Integer.getInteger("nap.bench.startup-rounds", 3);

    record Start(double seconds, long rssKib) {
    }

    /** The JVM as started by default here (G1 on this 2-core, 24 GiB machine), and with the serial collector. */
    static final List<List<String>> JVMS = List.of(List.of(), List.of("-XX:+UseSerialGC"));

    @Test
    void startUpAndMemory() throws Exception {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
                ## Start-up (H2 in memory, -Xmx256m, %d rounds, median)

                | JVM options | application | first start to a usable page | RSS then | target |
                |---|---|---|---|---|
                """, ROUNDS));
        for (List<String> jvm : JVMS) {
            List<Start> ours = new ArrayList<>();
            List<Start> bare = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                ours.add(start(jvm, "az.opengov.nap.NapApplication", "/", 18081,
                        "--spring.datasource.url=jdbc:h2:mem:startup;DB_CLOSE_DELAY=-1",
                        "--nap.evidence.directory=target/bench-evidence",
                        "--nap.notification.scheduling-enabled=false"));
                bare.add(start(jvm, "az.opengov.benchbare.BareCamundaApplication", "/camunda/app/welcome/default/",
                        18082));
            }
            String options = "`-Xmx256m" + (jvm.isEmpty() ? "" : " " + String.join(" ", jvm)) + "`";
            Start o = median(ours);
            Start b = median(bare);
            md.append(String.format(Locale.ROOT, """
                    | %s | ours (portal home page, demo plan imported) | %.1f s | %d MB | ≤ 1.1× the bare app's start; ≤ 400 MB RSS |
                    | %s | bare Camunda webapp starter (Cockpit welcome page) | %.1f s | %d MB | |
                    | %s | ratio | %.2f× | | start %s, memory %s |
                    """, options, o.seconds(), o.rssKib() / 1024, options, b.seconds(), b.rssKib() / 1024, options,
                    o.seconds() / b.seconds(), o.seconds() <= 1.1 * b.seconds() ? "met" : "**not met**",
                    o.rssKib() / 1024 <= 400 ? "met" : "**not met**"));
            assertThat(ours).hasSize(ROUNDS);
        }
        System.out.println(md);
        Path dir = Path.of("bench", "results");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("startup-latest.md"), md.toString());
    }

    static Start median(List<Start> starts) {
        List<Start> sorted = starts.stream().sorted(java.util.Comparator.comparingDouble(Start::seconds)).toList();
        return sorted.get(sorted.size() / 2);
    }

    Start start(List<String> jvm, String mainClass, String page, int port, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m"));
        command.addAll(jvm);
        command.addAll(List.of("-cp", classpath(), mainClass, "--server.port=" + port));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("nap-startup", ".log");
        long begin = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + page)).build();
            while (true) {
                assertThat(process.isAlive()).as("%s stopped, see %s", mainClass, log).isTrue();
                assertThat(System.nanoTime() - begin).as("%s did not answer in 5 minutes", mainClass)
                        .isLessThan(Duration.ofMinutes(5).toNanos());
                try {
                    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            for (int i = 0; i < 5; i++) {
                http.send(request, HttpResponse.BodyHandlers.discarding());
            }
            Start start = new Start(seconds, rss(process.pid()));
            Files.deleteIfExists(log);
            return start;
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /** The test classpath, each entry once (a resource found twice would be deployed twice). */
    static String classpath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.isBlank()).map(e -> Path.of(e).toAbsolutePath().normalize().toString()).distinct()
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    static long rss(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                .findFirst().orElse(0);
    }
}
