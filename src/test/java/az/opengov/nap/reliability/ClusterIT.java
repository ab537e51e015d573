package az.opengov.nap.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.support.PostgresSuite;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Promises 1-5, 7 and 9 with real processes: two application nodes (separate JVMs on the test classpath, two ports)
 * on one PostgreSQL schema, GreenMail in this JVM as their SMTP server. Node A loads the demo (the shipped plan, 59
 * measures, the first cycle's tasks); several clients submit reports through both nodes, node B is killed with
 * SIGKILL half-way and started again; the commission approves the reports while the database is away for 15 s
 * (PostgreSQL stopped and started with {@code -Dnap.cluster.pg-ctl=…}, as CI runs it; otherwise the nodes' connections
 * cut in a TCP proxy between them and PostgreSQL). Then the database and the mailbox are checked: every task done
 * once, every report and publication once, every outbox mail once (delivered at least once: a kill or cut between
 * the SMTP answer and recording SENT repeats that message), no stale job lock, no incident. Last, a bounded soak of
 * mixed readers and writers prints errors and p95 per window. Figures go to stdout and target/cluster-it/.
 */
@ExtendWith(PostgresSuite.Condition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {

    static final String DEMO_PASSWORD = "aciq-hokumet-2026";
    static final String PASSWORD = "cluster-password-1";
    static final int CLIENTS = 6;
    /** How many report tasks the run submits and approves (the whole first cycle of the demo is about 1,170). */
    static final int TASKS = Integer.getInteger("nap.cluster.tasks", 1200);
    static final Path DIR = Path.of("target/cluster-it");
    /**
     * The PostgreSQL cluster controller without its action (for example {@code pg_ctlcluster
     * --skip-systemctl-redirect 15 main}): when given, the outage is a real server stop and start; without it, a cut of
     * the nodes' connections in a TCP proxy (for a server that other work shares).
     */
    static final String PG_CTL = System.getProperty("nap.cluster.pg-ctl", "");
    /** Agencies the run leaves alone: the commission (no one reviews their own), and the two the demo history uses. */
    static final String OTHERS = "('ACC', 'MCHT', 'ASAN')";
    static final String REPORT = "{\"completionLevel\":\"SUBSTANTIAL\",\"whatWasDone\":\"Görülən işlər\","
            + "\"indicatorValues\":\"3 xidmət\"}";

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    String schema;
    TcpProxy proxy;
    GreenMail mail;
    Node a;
    Node b;

    @BeforeAll
    void cluster() throws Exception {
        Files.createDirectories(DIR);
        schema = PostgresSuite.Database.freshSchema();
        proxy = new TcpProxy(host(), 5432);
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        a = new Node("a", true);
        a.start();
        a.awaitUp(Duration.ofMinutes(3));
        // B after A: one node creates the schema (Flyway, the engine's tables), the other finds it
        b = new Node("b", false);
        b.start();
        b.awaitUp(Duration.ofMinutes(3));
        awaitCycleOpen();
        agencyUsers();
    }

    @AfterAll
    void stop() throws Exception {
        if (!PG_CTL.isBlank()) {
            try {
                pgCtl("start"); // if the outage ended in a failure; a running server refuses, which is fine
            } catch (IOException alreadyRunning) {
                log("database server running");
            }
        }
        for (Node n : new Node[] {a, b}) {
            if (n != null) {
                n.kill();
            }
        }
        if (mail != null) {
            mail.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (schema != null) {
            try (Connection c = db()) {
                c.createStatement().execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    @Test
    void twoNodesAKillAndADatabaseCutLoseNothingAndDoNothingTwice() throws Exception {
        long started = System.nanoTime();
        List<String[]> reportTasks = rows("""
                select task_id, agency_code from work_item where state = 'OPEN' and kind in ('REPORT', 'INVITED_REPORT')
                    and agency_code not in %s order by task_id""".formatted(OTHERS));
        List<String[]> chosen = reportTasks.subList(0, Math.min(TASKS, reportTasks.size()));
        log("report tasks open: %d, submitting %d from %d clients over 2 nodes", reportTasks.size(), chosen.size(),
                CLIENTS);

        // 1. submit through both nodes; node B is killed (SIGKILL) half-way and started again
        AtomicInteger done = new AtomicInteger();
        Thread killer = new Thread(() -> {
            try {
                while (done.get() < chosen.size() / 2) {
                    Thread.sleep(50);
                }
                log("SIGKILL node b after %d submissions", done.get());
                b.kill();
                Thread.sleep(3000);
                b.start();
                b.awaitUp(Duration.ofMinutes(3));
                log("node b back after %d submissions", done.get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        killer.start();
        List<Long> submitTimes = run(chosen, (t, i) -> {
            String user = "it-" + t[1].toLowerCase(java.util.Locale.ROOT);
            call(i, "POST", "/api/tasks/" + t[0] + "/submit", REPORT, user, PASSWORD, "submit-" + t[0], 200);
            done.incrementAndGet();
        });
        killer.join(TimeUnit.MINUTES.toMillis(4));
        log("submitted %d in %d s, p95 %d ms", chosen.size(), seconds(started), p95(submitTimes));

        // 2. the commission approves every report, while the database is away for 15 s
        awaitCount("select count(*) from work_item where state = 'OPEN' and kind = 'REVIEW' and agency_code not in "
                + OTHERS, chosen.size(), Duration.ofMinutes(3));
        List<String[]> reviews = rows("select task_id, agency_code from work_item where state = 'OPEN'"
                + " and kind = 'REVIEW' and agency_code not in " + OTHERS + " order by task_id");
        AtomicInteger approved = new AtomicInteger();
        AtomicLong restoredAt = new AtomicLong();
        AtomicLong recoveredAt = new AtomicLong();
        Thread cutter = new Thread(() -> {
            try {
                while (approved.get() < reviews.size() / 3) {
                    Thread.sleep(50);
                }
                if (PG_CTL.isBlank()) {
                    log("database cut after %d approvals", approved.get());
                    proxy.cut();
                    Thread.sleep(15_000);
                    proxy.restore();
                } else {
                    // the real thing: PostgreSQL stopped (fast: sessions terminated) and started again
                    log("database server stopped after %d approvals", approved.get());
                    pgCtl("stop");
                    Thread.sleep(15_000);
                    pgCtl("start");
                }
                restoredAt.set(System.nanoTime());
                log("database back");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        cutter.start();
        int before503 = count("503");
        List<Long> reviewTimes = run(reviews, (t, i) -> {
            call(i, "POST", "/api/reviews/" + t[0] + "/decision",
                    "{\"decision\":\"APPROVED\",\"completionLevel\":\"SUBSTANTIAL\"}", "reviewer", DEMO_PASSWORD, null,
                    204);
            approved.incrementAndGet();
            if (restoredAt.get() > 0) {
                recoveredAt.compareAndSet(0, System.nanoTime());
            }
        });
        cutter.join();
        log("approved %d; during the 15 s outage %d answers were 503; first success %d ms after the database was back",
                reviews.size(), count("503") - before503, (recoveredAt.get() - restoredAt.get()) / 1_000_000L);

        // 3. the engine and the outbox settle: publication jobs run, mail goes out (B's locks expire first)
        awaitCount("select count(*) from publication p join progress_report r on r.id = p.report_id"
                + " where r.agency_code not in " + OTHERS, reviews.size(), Duration.ofMinutes(3));
        awaitCount("select count(*) from mail_outbox where status in ('PENDING', 'SENDING')", 0,
                Duration.ofMinutes(3));
        awaitCount("select count(*) from " + schema + ".act_ru_job where lock_owner_ is not null", 0,
                Duration.ofMinutes(2));

        // 4. nothing lost, nothing twice
        assertThat(single("""
                select count(*) from (select measure_id, cycle_number, agency_code from progress_report
                    group by measure_id, cycle_number, agency_code having count(*) > 1) d""")).isZero();
        String ours = " r.agency_code not in " + OTHERS;
        assertThat(single("select count(*) from progress_report r where status = 'PUBLISHED' and" + ours))
                .isEqualTo(chosen.size());
        assertThat(single("select count(*) from progress_report r where" + ours)).isEqualTo(chosen.size());
        assertThat(single("select count(*) from review_decision d join progress_report r on r.id = d.report_id where"
                + ours)).isEqualTo(chosen.size());
        assertThat(single("select count(*) from publication p join progress_report r on r.id = p.report_id where"
                + ours)).isEqualTo(chosen.size());
        assertThat(single("""
                select count(*) from (select proc_inst_id_, task_def_key_, name_ from %s.act_hi_taskinst
                    where id_ in (select task_id from work_item where kind in ('REPORT', 'INVITED_REPORT', 'REVIEW')
                    and state <> 'OPEN') group by id_, proc_inst_id_, task_def_key_, name_ having count(*) > 1) d"""
                .formatted(schema))).isZero();
        assertThat(single("select count(*) from " + schema + ".act_ru_incident")).as("incidents").isZero();
        assertThat(single("select count(*) from mail_outbox where status in ('FAILED', 'REJECTED')")).isZero();

        Map<String, Integer> received = new HashMap<>();
        int repeats = 0;
        for (MimeMessage m : mail.getReceivedMessages()) {
            // one key per outbox message the mail carries (several of one kind to one address leave as one mail)
            String to = String.join(",", java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString).toList());
            boolean repeat = false;
            for (String key : m.getHeader("X-NAP-Outbox-Key")) {
                repeat |= received.merge(key + "|" + to, 1, Integer::sum) > 1;
            }
            repeats += repeat ? 1 : 0;
        }
        long sent = single("select count(*) from mail_outbox where status = 'SENT'");
        long duplicates = received.values().stream().filter(n -> n > 1).count();
        log("mail: %d sent by the outbox, %d received in %d mails, %d received twice, in %d mails", sent,
                received.values().stream().mapToInt(Integer::intValue).sum(), mail.getReceivedMessages().length,
                duplicates, repeats);
        // every mail of the outbox arrived; SMTP has no two-phase commit, so a node killed (or cut from the database)
        // after the server took a mail and before it recorded SENT sends that mail's messages again: each sender
        // records every mail right after its own exchange, so at most the one in flight per sender (4 per node), per
        // node and per event (the kill, the outage), each copy with the same X-NAP-Outbox-Keys for the receiver to
        // recognise
        assertThat(received).hasSize((int) sent);
        assertThat(repeats).isLessThanOrEqualTo(2 * 2 * 4);
        log("answers: %s; whole run %d s", new java.util.TreeMap<>(Map.copyOf(
                answers.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        e -> e.getValue().get())))), seconds(started));
        assertThat(count("500")).as("no 500 anywhere").isZero();

        soak(Duration.ofSeconds(Integer.getInteger("nap.cluster.soak-seconds", 45)));
    }

    /** Mixed readers (task lists, portal pages) and writers (drafts) for a bounded time; errors and p95 per window. */
    void soak(Duration length) throws Exception {
        List<String[]> open = rows("""
                select task_id, agency_code from work_item where state = 'OPEN' and kind = 'REPORT'
                order by task_id""");
        long end = System.nanoTime() + length.toNanos();
        int windows = 3;
        long window = length.toNanos() / windows;
        long start = System.nanoTime();
        List<List<Long>> times = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            times.add(Collections.synchronizedList(new ArrayList<>()));
        }
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < end) {
                    Node node = (n + client) % 2 == 0 ? a : b;
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        if (client % 3 == 0 && !open.isEmpty()) {
                            String[] t = open.get((n * CLIENTS + client) % open.size());
                            status = send(node, "PUT", "/api/tasks/" + t[0] + "/draft",
                                    "{\"whatWasDone\":\"qaralama " + n + "\"}",
                                    "it-" + t[1].toLowerCase(java.util.Locale.ROOT), PASSWORD, null).statusCode();
                        } else if (client % 3 == 1) {
                            status = send(node, "GET", "/api/tasks?size=20", null, "mcht", DEMO_PASSWORD, null)
                                    .statusCode();
                        } else {
                            status = send(node, "GET", "/", null, null, null, null).statusCode();
                        }
                    } catch (Exception e) {
                        status = -1;
                    }
                    long elapsed = System.nanoTime() - t0;
                    if (status < 200 || status >= 400) {
                        errors.incrementAndGet();
                    }
                    int w = (int) Math.min(windows - 1, (t0 - start) / window);
                    times.get(w).add(elapsed / 1_000_000);
                    n++;
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < windows; i++) {
            sb.append(String.format(" window %d: %d requests p95 %d ms;", i + 1, times.get(i).size(),
                    p95(times.get(i))));
        }
        log("soak %d s, %d clients:%s errors %d", length.toSeconds(), CLIENTS, sb, errors.get());
        assertThat(errors.get()).isZero();
    }

    // ---- clients ------------------------------------------------------------------------------------------------

    interface Work {
        void accept(String[] task, int index) throws Exception;
    }

    /** Runs the work over the tasks from {@link #CLIENTS} threads; @return each call's time in ms. */
    List<Long> run(List<String[]> tasks, Work work) throws Exception {
        ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < tasks.size(); i++) {
            queue.add(i);
        }
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            futures.add(pool.submit(() -> {
                Integer i;
                while ((i = queue.poll()) != null) {
                    long t0 = System.nanoTime();
                    work.accept(tasks.get(i), i);
                    times.add((System.nanoTime() - t0) / 1_000_000);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
        return times;
    }

    /**
     * One call as a careful client makes it: to node A or B by turn, and when the node is away (connection refused)
     * or the database is (503), again after a pause, on the other node, with the same idempotency key.
     */
    void call(int index, String method, String path, String body, String user, String password, String key,
              int success) throws Exception {
        for (int attempt = 0; attempt < 120; attempt++) {
            Node node = (index + attempt) % 2 == 0 ? a : b;
            int status;
            String answer = "";
            try {
                HttpResponse<String> response = send(node, method, path, body, user, password, key);
                status = response.statusCode();
                answer = response.body();
            } catch (java.io.IOException e) {
                status = -1;
            }
            answers.computeIfAbsent(status == -1 ? "no connection" : String.valueOf(status), k -> new AtomicInteger())
                    .incrementAndGet();
            if (status == success) {
                return;
            }
            if (status == 409 && key == null && attempt > 0) {
                return; // an earlier attempt that timed out on the client side went through after all
            }
            if (status != -1 && status != 503) {
                throw new AssertionError(method + " " + path + " on node " + node.name + ": " + status + " " + answer);
            }
            Thread.sleep(500);
        }
        throw new AssertionError(method + " " + path + ": no success after retries");
    }

    HttpResponse<String> send(Node node, String method, String path, String body, String user, String password,
                              String key) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        if (user != null) {
            r.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        if (key != null) {
            r.header("Idempotency-Key", key);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    int count(String answer) {
        AtomicInteger n = answers.get(answer);
        return n == null ? 0 : n.get();
    }

    // ---- the nodes ----------------------------------------------------------------------------------------------

    final class Node {
        final String name;
        final boolean demo;
        final int port;
        Process process;

        Node(String name, boolean demo) throws Exception {
            this.name = name;
            this.demo = demo;
            try (var s = new java.net.ServerSocket(0)) {
                this.port = s.getLocalPort();
            }
        }

        void start() throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "@" + classpathFile(), "az.opengov.nap.NapApplication",
                    "--server.port=" + port,
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database()
                            + "?currentSchema=" + schema,
                    "--spring.datasource.username=" + env("NAP_TEST_PGUSER", "postgres"),
                    "--spring.datasource.password=" + env("NAP_TEST_PGPASSWORD", ""),
                    "--spring.datasource.hikari.connection-timeout=3000",
                    "--spring.datasource.hikari.maximum-pool-size=8",
                    "--camunda.bpm.database.schema-name=" + schema,
                    "--camunda.bpm.database.table-prefix=" + schema + ".",
                    "--camunda.bpm.job-execution.lock-time-in-millis=15000",
                    "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mail.getSmtp().getPort(),
                    "--nap.demo.enabled=" + demo,
                    "--nap.notification.poll-interval=2s", "--nap.notification.lease=45s",
                    "--nap.security.argon2.memory-kib=1024", "--nap.security.argon2.iterations=1",
                    "--nap.evidence.directory=" + DIR.resolve("evidence"),
                    "--logging.level.root=WARN", "--logging.level.az.opengov.nap=WARN"));
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(DIR.resolve("node-" + name + ".log").toFile()))
                    .start();
        }

        /**
         * The test classpath, each entry once, in a java argument file: surefire's booter jar names the same entries
         * again in its manifest, and the engine would find the BPMN twice.
         */
        String classpathFile() throws java.io.IOException {
            List<String> entries = java.util.Arrays.stream(System.getProperty("java.class.path")
                            .split(File.pathSeparator))
                    .filter(e -> !e.contains("surefirebooter")).distinct().toList();
            Path file = DIR.resolve("classpath.args").toAbsolutePath();
            Files.writeString(file, "-cp \"" + String.join(File.pathSeparator, entries) + "\"\n");
            return file.toString();
        }

        void awaitUp(Duration limit) throws Exception {
            long end = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < end) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("node " + name + " exited: see " + DIR.resolve("node-" + name
                            + ".log"));
                }
                try {
                    if (send(this, "GET", "/actuator/health", null, null, null, null).statusCode() == 200) {
                        return;
                    }
                } catch (java.io.IOException e) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("node " + name + " not up within " + limit);
        }

        void kill() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroyForcibly(); // SIGKILL
                process.waitFor();
            }
        }
    }

    // ---- the database -------------------------------------------------------------------------------------------

    /**
     * Until the demo has settled: its cycle opened and every engine job already due has run (an invited body's window
     * that has passed closes its task, which must not happen under the clients' feet).
     */
    void awaitCycleOpen() throws Exception {
        long last = -1;
        for (int i = 0; i < 360; i++) {
            long n = single("select count(*) from work_item where state = 'OPEN'"
                    + " and kind in ('REPORT', 'INVITED_REPORT')");
            long due = single("select count(*) from " + schema + ".act_ru_job where retries_ > 0"
                    + " and suspension_state_ = 1 and (duedate_ is null or duedate_ <= current_timestamp)");
            if (n > 0 && n == last && due == 0) {
                return;
            }
            last = n;
            Thread.sleep(2000);
        }
        throw new IllegalStateException("the demo cycle did not open");
    }

    /** A user for every agency with an open report task (bcrypt hashes: quick to check). */
    void agencyUsers() throws Exception {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);
        try (Connection c = db()) {
            for (String[] row : rows("select distinct agency_code, '' from work_item where agency_code is not null")) {
                var insert = c.prepareStatement("""
                        insert into app_user (username, password_hash, display_name, locale, agency_code,
                            password_changed_at)
                        values (?, ?, ?, 'az', ?, now())""");
                insert.setString(1, "it-" + row[0].toLowerCase(java.util.Locale.ROOT));
                insert.setString(2, hash);
                insert.setString(3, row[0]);
                insert.setString(4, row[0]);
                insert.executeUpdate();
            }
        }
    }

    void awaitCount(String sql, long expected, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        long n = -1;
        while (System.nanoTime() < end) {
            n = single(sql);
            if (n == expected) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("waited " + limit + " for " + expected + " but " + n + ": " + sql);
    }

    long single(String sql) throws SQLException {
        try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<String[]> rows(String sql) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = db(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return rows;
    }

    Connection db() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":5432/" + database() + "?currentSchema="
                + schema, env("NAP_TEST_PGUSER", "postgres"), env("NAP_TEST_PGPASSWORD", ""));
    }

    /**
     * Runs the cluster controller with an action; a stopped server is always started again, whatever the test does
     * next, so that nothing after this class finds the database away.
     */
    static void pgCtl(String action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PG_CTL.trim().split("\\s+")));
        command.add(action);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    static String host() {
        return env("NAP_TEST_PGHOST", "127.0.0.1");
    }

    static String database() {
        return env("NAP_TEST_PGDATABASE", "test");
    }

    static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }

    static long p95(List<Long> times) {
        if (times.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.95) - 1));
    }

    static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000L;
    }

    static void log(String format, Object... args) {
        String line = String.format("[cluster] " + format, args);
        System.out.println(line);
        try {
            Files.writeString(DIR.resolve("figures.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            // figures are also on stdout
        }
    }
}
