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
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * First start to a usable page, and the memory it then holds, with a 256 MB heap: the application (its portal home
 * page; the demo plan is imported by a runner that may finish just after) against a bare Camunda webapp starter
 * application (its Cockpit welcome page), each in a fresh JVM on an in-memory H2 and on its own classpath (the
 * application's runtime classpath; the starters' and H2's, see {@link #bareClasspath()}), {@code ROUNDS} rounds,
 * each starting every setting's two applications in turn: with the JVM's default collector, with the serial one, with
 * the launch settings the
 * project recommends ({@code jvm.options} and {@code MALLOC_ARENA_MAX=2}, as {@code ./mvnw spring-boot:run} uses
 * them), and with those and a class data sharing archive of each application ({@code cds}: each started from jars, as
 * the extracted jar is, after a training run that writes its archive; README "Class data sharing"). Both
 * applications always get the same JVM options. Besides the wall-clock time it reports the CPU time the process spent
 * until the page answered, which a busy shared machine distorts far less.
 * {@code -Dnap.bench.startup-jvms=recommended} (or a comma-separated choice of
 * {@code default,serial,recommended,cds}) runs fewer settings. Part of {@code ./mvnw -Pbench verify}.
 */
class StartupBench {

    static final int ROUNDS = Integer.getInteger("nap.bench.startup-rounds", 3);

    record Start(double seconds, double cpuSeconds, long rssKib) {
    }

    /**
     * JVM options and environment variables both applications are started with; with {@code classDataSharing}, each
     * also with its own archive ({@code -XX:SharedArchiveFile}) written by a training run.
     */
    record Jvm(String name, List<String> options, Map<String, String> environment, boolean classDataSharing) {

        Jvm(String name, List<String> options, Map<String, String> environment) {
            this(name, options, environment, false);
        }

        String label() {
            String env = environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + " ")
                    .collect(Collectors.joining());
            return "`" + env + String.join(" ", options) + (classDataSharing ? " -XX:SharedArchiveFile=…" : "") + "`";
        }
    }

    /** An application as the benchmark starts it. */
    record App(String name, String classpath, String mainClass, String page, int port, List<String> arguments) {

        App withClasspath(String other) {
            return new App(name, other, mainClass, page, port, arguments);
        }
    }

    /**
     * The JVM as started by default here (G1 on this 2-core, 24 GiB machine), with the serial collector, and with the
     * project's launch settings.
     */
    static List<Jvm> jvms() throws IOException {
        List<Jvm> all = List.of(new Jvm("default", List.of("-Xmx256m"), Map.of()),
                new Jvm("serial", List.of("-Xmx256m", "-XX:+UseSerialGC"), Map.of()),
                new Jvm("recommended", recommendedOptions(), Map.of("MALLOC_ARENA_MAX", "2")),
                new Jvm("cds", recommendedOptions(), Map.of("MALLOC_ARENA_MAX", "2"), true));
        List<String> chosen = List.of(System.getProperty("nap.bench.startup-jvms", "default,serial,recommended,cds")
                .split(","));
        return all.stream().filter(j -> chosen.contains(j.name())).toList();
    }

    /** The options of {@code jvm.options} (a java argument file: one option a line, {@code #} comments). */
    static List<String> recommendedOptions() throws IOException {
        return Files.readAllLines(Path.of("jvm.options")).stream().map(l -> l.replaceAll("#.*", "").strip())
                .filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void startUpAndMemory() throws Exception {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
                ## Start-up (H2 in memory, -Xmx256m, %d rounds, median; load average %s)

                """, ROUNDS, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
        String ourClasspath = applicationClasspath();
        String bareClasspath = bareClasspath();
        md.append(String.format(Locale.ROOT, """
                Classpaths: ours `target/classes` and %d jars (its runtime scope, none of the tests' libraries),
                the bare application's class and %d jars.

                | JVM options | application | first start to a usable page | CPU time until then | RSS then | target |
                |---|---|---|---|---|---|
                """, ourClasspath.split(java.io.File.pathSeparator).length - 1,
                bareClasspath.split(java.io.File.pathSeparator).length - 1));
        StringBuilder rounds = new StringBuilder("""

                Each setting's rounds, in the order run (first page, seconds; every round starts each setting's two
                applications in turn):

                """);
        App ourApp = new App("ours", ourClasspath, "az.opengov.nap.NapApplication", "/", 18081,
                List.of("--spring.datasource.url=jdbc:h2:mem:startup;DB_CLOSE_DELAY=-1",
                        "--nap.evidence.directory=target/bench-evidence",
                        "--nap.notification.scheduling-enabled=false"));
        App bareApp = new App("bare", bareClasspath, "az.opengov.benchbare.BareCamundaApplication",
                "/camunda/app/welcome/default/", 18082, List.of());
        // every setting's applications (and their training runs) first, then the rounds: each round starts every
        // setting's two applications in turn, so that a machine that speeds up or slows down weighs on all alike
        List<Jvm> jvms = jvms();
        Map<Jvm, App[]> apps = new java.util.LinkedHashMap<>();
        Map<Jvm, List<List<String>>> archives = new java.util.HashMap<>();
        for (Jvm jvm : jvms) {
            App[] pair = jvm.classDataSharing()
                    ? new App[] {ourApp.withClasspath(inJars(ourApp)), bareApp.withClasspath(inJars(bareApp))}
                    : new App[] {ourApp, bareApp};
            apps.put(jvm, pair);
            archives.put(jvm, jvm.classDataSharing()
                    ? List.of(train(jvm, pair[0], rounds), train(jvm, pair[1], rounds))
                    : List.of(List.of(), List.of()));
        }
        Map<Jvm, List<Start>> oursByJvm = new java.util.HashMap<>();
        Map<Jvm, List<Start>> bareByJvm = new java.util.HashMap<>();
        for (int i = 0; i < ROUNDS; i++) {
            for (Jvm jvm : jvms) {
                oursByJvm.computeIfAbsent(jvm, j -> new ArrayList<>())
                        .add(start(jvm, archives.get(jvm).get(0), apps.get(jvm)[0]));
                bareByJvm.computeIfAbsent(jvm, j -> new ArrayList<>())
                        .add(start(jvm, archives.get(jvm).get(1), apps.get(jvm)[1]));
            }
        }
        for (Jvm jvm : jvms) {
            List<Start> ours = oursByJvm.get(jvm);
            List<Start> bare = bareByJvm.get(jvm);
            String options = jvm.label();
            Start o = median(ours);
            Start b = median(bare);
            double cpuRatio = medianOf(ours.stream().map(Start::cpuSeconds).toList())
                    / medianOf(bare.stream().map(Start::cpuSeconds).toList());
            md.append(String.format(Locale.ROOT, """
                    | %s | ours (portal home page) | %.1f s | %.1f s | %d MB \
                    | ≤ 1.1× the bare app's start; ≤ 400 MB RSS |
                    | %s | bare Camunda webapp starter (Cockpit welcome page) | %.1f s | %.1f s | %d MB | |
                    | %s | ratio | %.2f× | %.2f× | | start %s, memory %s (bare app: %s) |
                    """, options, o.seconds(), o.cpuSeconds(), o.rssKib() / 1024, options, b.seconds(),
                    b.cpuSeconds(), b.rssKib() / 1024, options, o.seconds() / b.seconds(), cpuRatio,
                    o.seconds() <= 1.1 * b.seconds() ? "met" : "**not met**",
                    o.rssKib() / 1024 <= 400 ? "met" : "**not met**", b.rssKib() / 1024 <= 400 ? "met" : "not met"));
            rounds.append(String.format(Locale.ROOT, "- %s: ours %s; bare %s%n", options, seconds(ours),
                    seconds(bare)));
            assertThat(ours).hasSize(ROUNDS);
        }
        md.append(rounds);
        Jvm plain = jvms.stream().filter(j -> !j.classDataSharing()).findFirst().orElse(null);
        if (plain != null) {
            md.append(ClassesByLibrary.markdown(classesLoaded(plain, ourApp), classesLoaded(plain, bareApp)));
        }
        System.out.println(md);
        Bench.write(Path.of("bench", "results"), "-startup", md.toString());
    }

    /**
     * One more start, with the JVM logging every class it loads until the first page (its time not counted): the
     * classes by library.
     */
    Map<String, Integer> classesLoaded(Jvm jvm, App app) throws Exception {
        Path log = Path.of("target", "startup-classes-" + app.name() + ".log").toAbsolutePath();
        Files.deleteIfExists(log);
        start(jvm, List.of("-Xlog:class+load=info:file=" + log), app);
        return ClassesByLibrary.byLibrary(log, app.classpath().split(java.io.File.pathSeparator, 2)[0]);
    }

    /** The rounds' times to the first page, in the order they ran: a machine's noise shows here, not in a median. */
    static String seconds(List<Start> starts) {
        return starts.stream().map(st -> String.format(Locale.ROOT, "%.1f", st.seconds()))
                .collect(Collectors.joining(", "));
    }

    static Start median(List<Start> starts) {
        List<Start> sorted = starts.stream().sorted(java.util.Comparator.comparingDouble(Start::seconds)).toList();
        return sorted.get(sorted.size() / 2);
    }

    static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** The java command that starts the application with the JVM's options and {@code extra} ones. */
    static List<String> command(Jvm jvm, List<String> extra, App app) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvm.options());
        command.addAll(extra);
        command.addAll(List.of("-cp", app.classpath(), app.mainClass(), "--server.port=" + app.port()));
        command.addAll(app.arguments());
        return command;
    }

    /**
     * Spring Boot's training run for class data sharing: the application starts, refreshes its context (the engine
     * built, the schema made) and exits, and the JVM writes the classes it loaded into an archive. Returns the option
     * that starts the application with it, and notes the run's time under {@code rounds}.
     */
    static List<String> train(Jvm jvm, App app, StringBuilder rounds) throws Exception {
        Path archive = Path.of("target", "startup-cds", app.name() + ".jsa").toAbsolutePath();
        Files.deleteIfExists(archive);
        Path log = Files.createTempFile("nap-startup-training", ".log");
        long begin = System.nanoTime();
        // -Xlog:cds=error: the archive skips classes older than Java 6 (generated accessors, Joda-Time), each a warning
        ProcessBuilder builder = new ProcessBuilder(command(jvm, List.of("-XX:ArchiveClassesAtExit=" + archive,
                "-Xlog:cds=error", "-Dspring.context.exit=onRefresh"), app)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(jvm.environment());
        Process process = builder.start();
        try {
            assertThat(process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).as("training run of %s, see %s",
                    app.name(), log).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("training run of %s, see %s", app.name(), log).isZero();
        assertThat(archive).as("the archive of %s, see %s", app.name(), log).isNotEmptyFile();
        rounds.append(String.format(Locale.ROOT, "- training run of %s (writes its archive, %d MB): %.1f s%n",
                app.name(), Files.size(archive) >> 20, (System.nanoTime() - begin) / 1e9));
        Files.deleteIfExists(log);
        return List.of("-XX:SharedArchiveFile=" + archive);
    }

    /**
     * The classpath with its first entry, a directory of classes, made a jar: an archive holds classes loaded from
     * jars only, as the extracted jar ({@code java -Djarmode=tools -jar … extract}) has them.
     */
    static String inJars(App app) throws IOException {
        String[] entries = app.classpath().split(java.io.File.pathSeparator, 2);
        Path classes = Path.of(entries[0]);
        Path jar = Path.of("target", "startup-cds", app.name() + ".jar").toAbsolutePath();
        Files.createDirectories(jar.getParent());
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             var files = Files.walk(classes)) {
            // directories too: Spring's component scan finds a package in a jar by its directory entry
            for (Path file : files.filter(f -> !f.equals(classes)).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                boolean directory = Files.isDirectory(file);
                out.putNextEntry(new java.util.jar.JarEntry(directory ? name + "/" : name));
                if (!directory) {
                    Files.copy(file, out);
                }
                out.closeEntry();
            }
        }
        return jar + java.io.File.pathSeparator + entries[1];
    }

    Start start(Jvm jvm, List<String> extra, App app) throws Exception {
        String mainClass = app.mainClass();
        int port = app.port();
        String page = app.page();
        List<String> command = command(jvm, extra, app);
        Path log = Files.createTempFile("nap-startup", ".log");
        long begin = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(jvm.environment());
        Process process = builder.start();
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
            double cpuSeconds = process.info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
            for (int i = 0; i < 5; i++) {
                http.send(request, HttpResponse.BodyHandlers.discarding());
            }
            Start start = new Start(seconds, cpuSeconds, rss(process.pid()));
            Files.deleteIfExists(log);
            return start;
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /** The application as it is shipped: its classes and its runtime dependencies, nothing the tests bring. */
    static String applicationClasspath() throws Exception {
        String runtime = resolvedClasspath("runtime-classpath.txt");
        java.net.URL[] jars = java.util.Arrays.stream(runtime.split(java.io.File.pathSeparator))
                .map(jar -> Path.of(jar).toUri()).map(StartupBench::url).toArray(java.net.URL[]::new);
        try (var loader = new java.net.URLClassLoader(jars, ClassLoader.getPlatformClassLoader())) {
            assertThat(Bench.testOnlyLibraries(loader)).as("test-only libraries on the application's runtime classpath")
                    .isEmpty();
        }
        return Path.of("target", "classes").toAbsolutePath() + java.io.File.pathSeparator + runtime;
    }

    static java.net.URL url(URI uri) {
        try {
            return uri.toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(uri.toString(), e);
        }
    }

    /**
     * What a bare Camunda webapp starter application has: the dependencies of {@code bench/bare-camunda/pom.xml}
     * (the webapp and REST starters, JDBC and H2, at the application's Spring Boot and Camunda versions) and its own
     * class and {@code bare.yaml}, copied out of the test classes so that nothing else of the tests comes along.
     */
    static String bareClasspath() throws Exception {
        Path classes = Path.of("target", "test-classes");
        Path application = Path.of("target", "bench-bare-application").toAbsolutePath();
        org.springframework.util.FileSystemUtils.deleteRecursively(application);
        org.springframework.util.FileSystemUtils.copyRecursively(classes.resolve("az/opengov/benchbare"),
                application.resolve("az/opengov/benchbare"));
        Files.copy(classes.resolve("bare.yaml"), application.resolve("bare.yaml"));
        return application + java.io.File.pathSeparator
                + resolvedClasspath("bare-classpath.txt", "-f",
                Path.of("bench", "bare-camunda", "pom.xml").toString(),
                "-Dspring-boot.version=" + System.getProperty("nap.bench.spring-boot.version"),
                "-Dcamunda.version=" + System.getProperty("nap.bench.camunda.version"));
    }

    /** The runtime classpath Maven resolves for a project ({@code pom.xml}'s unless {@code -f} names another). */
    static String resolvedClasspath(String file, String... arguments) throws Exception {
        Path out = Path.of("target", file).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-q", "-ntp"));
        command.addAll(List.of(arguments));
        // the plugin's property is includeScope (mdep.includeScope, as once written here, is ignored: every scope)
        command.addAll(List.of("dependency:build-classpath", "-DincludeScope=runtime",
                "-Dmdep.outputFile=" + out));
        Path log = Files.createTempFile("nap-classpath", ".log");
        Process maven = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(maven.waitFor()).as("%s, see %s", command, log).isZero();
        Files.deleteIfExists(log);
        return Files.readString(out).strip();
    }

    static long rss(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                .findFirst().orElse(0);
    }
}
