package az.opengov.nap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.bench.Bench.Result;
import az.opengov.nap.bench.Bench.Stats;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The harness: generates a {@link BenchSet}, then runs every scenario against its baseline in the same run,
 * interleaved after a warm-up, and prints p50/p95, ratios and SQL statements per operation. The subclasses choose
 * the set and the database: {@code NationalScaleBench} (PostgreSQL, profile {@code bench}) writes
 * {@code bench/results/<timestamp>.md} and {@code latest.md}; {@code BenchSmokeTest} runs each scenario once on a
 * tiny set in the normal build so the harness cannot rot.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(BenchConfiguration.class)
@TestPropertySource(properties = {"nap.notification.scheduling-enabled=false",
        // the production defaults the test profile turns off: counts reused for 30 s, the public snapshot rechecked
        // every 2 s
        "nap.monitoring.counts-for=30s", "nap.portal.recheck-every=2s"})
abstract class BenchHarness {

    static final String PASSWORD = "bench-password-2026-national-scale";
    static final String ADMIN = "bench-admin";
    static final String INBOX_USER = "bench-inbox";
    /** The monitoring feature's overdue dashboard as JSON: what {@code /admin/monitoring} shows. */
    static final String DASHBOARD = "/api/admin/monitoring/overdue?kind=report";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    UserDirectory users;
    @Autowired
    ObjectMapper json;
    @Autowired
    az.opengov.nap.workspace.WorkspaceService workspace;
    @Autowired
    az.opengov.nap.monitoring.MonitoringService monitoring;

    final List<Result> results = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    abstract BenchSet set();

    /** Writes the results where the subclass wants them (the smoke test does not). */
    void report(String markdown) throws IOException {
    }

    @AfterEach
    void clock() {
        ClockUtil.reset();
    }

    @Test
    void scenarios() throws Exception {
        BenchSet set = set();
        Instant now = Instant.now();
        BenchData.Generated data = new BenchData(set, jdbc, engine, now).generate();
        notes.add(String.format(Locale.ROOT, "generated in %.1f s: %,d open report tasks (%,d overdue), %,d finished "
                + "(%,d published), %d plans × %d measures × %d agencies", data.millis() / 1000.0, data.openTasks(),
                data.overdue(), data.finished(), data.published(), set.plans(), set.measuresPerPlan(),
                set.agencies()));
        users.create(new AppUser(ADMIN, "Bench admin", null, "az", null, false, true, true), PASSWORD);
        users.create(new AppUser(INBOX_USER, "Bench agency user", null, "az", BenchData.agency(7), true, false, true),
                PASSWORD);
        ClockUtil.setCurrentTime(Date.from(now));
        // the steady state autovacuum keeps: planner statistics and visibility maps (index-only scans)
        jdbc.execute(postgres() ? "vacuum analyze" : "analyze");

        int expected = 0;
        if (chosen("dashboard")) {
            overdueDashboard(set, data);
            engineOverdueIndex(set);
            expected += 3;
        }
        if (chosen("inbox")) {
            agencyInbox(set);
            workspaceLists(set);
            expected += 3;
        }
        if (chosen("public")) {
            publicMeasure(set);
            expected += 2;
        }
        if (chosen("jobs")) {
            jobAcquisition(set);
            expected += 2;
        }

        String md = "## " + set.name() + " set\n\n" + String.join("\n", notes.stream().map(n -> "- " + n).toList())
                + "\n\n" + Bench.markdown(results);
        System.out.println(md);
        report(md);
        assertThat(results).hasSize(expected);
    }

    /**
     * Whether a group of scenarios runs: {@code -Dnap.bench.scenarios=dashboard,inbox,public,jobs} (all by default),
     * e.g. only the dashboard on the large set, whose history baselines take minutes per call.
     */
    static boolean chosen(String scenario) {
        String chosen = System.getProperty("nap.bench.scenarios", "");
        return chosen.isBlank() || java.util.Arrays.asList(chosen.split(",")).contains(scenario);
    }

    // ---- overdue dashboard --------------------------------------------------------------------------------------

    void overdueDashboard(BenchSet set, BenchData.Generated data) throws Exception {
        JsonNode page = get(DASHBOARD, ADMIN);
        assertThat(page.get("total").asLong()).isPositive();
        assertThat(page.get("rows").size()).isEqualTo((int) Math.min(50, page.get("total").asLong()));
        String due = URLEncoder.encode(engineDate(ClockUtil.getCurrentTime()), StandardCharsets.UTF_8);
        Stats[] s = Bench.interleaved(set.warmup(), set.warmupTime(), set.iterations(),
                () -> text(DASHBOARD, ADMIN),
                () -> {
                    JsonNode tasks = get("/engine-rest/task?dueBefore=" + due
                            + "&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=50", ADMIN);
                    get("/engine-rest/task/count?dueBefore=" + due, ADMIN);
                    for (JsonNode t : tasks) {
                        get("/engine-rest/task/" + t.get("id").asText() + "/variables/measureCode", ADMIN);
                    }
                });
        results.add(result("Overdue dashboard: tiles, buckets, per agency/section/measure, page of 50 (HTTP)",
                "`/api/admin/monitoring/overdue`", s[0], "REST `/task?dueBefore` + count + 1 variable per row", s[1],
                "≤ 1/20, p95 < 20 ms", s[0].p50() * 20 <= s[1].p50() && s[0].p95() < 20));
        // the same with the counts made afresh on every request (what a request pays after nap.monitoring.counts-for)
        Stats recounted = Bench.alone(set.warmup(), set.warmupTime(), set.iterations(), () -> {
            monitoring.recount();
            get(DASHBOARD, ADMIN);
        });
        results.add(result("Overdue dashboard, counted afresh on each request (after `counts-for` or an action)",
                "`/api/admin/monitoring/overdue`", recounted, "the REST baseline above", s[1], "–", true));
    }

    /** The engine's own overdue query (page of 50 + count), without and with the due-date index EngineIndexes adds. */
    void engineOverdueIndex(BenchSet set) {
        TaskService tasks = engine.getTaskService();
        Date now = ClockUtil.getCurrentTime();
        Bench.Op query = () -> {
            List<Task> page = tasks.createTaskQuery().dueBefore(now).orderByDueDate().asc().listPage(0, 50);
            assertThat(page).isNotEmpty();
            tasks.createTaskQuery().dueBefore(now).count();
        };
        String prefix = engine.getProcessEngineConfiguration() instanceof
                org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl c
                && c.getDatabaseTablePrefix() != null ? c.getDatabaseTablePrefix() : "";
        String schema = prefix.endsWith(".") ? prefix : "";
        jdbc.execute("drop index " + schema + "NAP_IDX_TASK_DUE_DATE");
        analyze(prefix + "ACT_RU_TASK");
        Stats without = Bench.alone(set.warmup(), set.warmupTime(), set.iterations(), query);
        jdbc.execute("create index if not exists NAP_IDX_TASK_DUE_DATE on " + prefix + "ACT_RU_TASK (DUE_DATE_)");
        analyze(prefix + "ACT_RU_TASK");
        Stats with = Bench.alone(set.warmup(), set.warmupTime(), set.iterations(), query);
        results.add(result("Engine TaskQuery `dueBefore`, page of 50 + count (Java API)",
                "with `ACT_RU_TASK(DUE_DATE_)` index", with, "without the index", without, "faster",
                with.p50() < without.p50()));
    }

    // ---- agency inbox -------------------------------------------------------------------------------------------

    void agencyInbox(BenchSet set) throws Exception {
        String agency = BenchData.agency(7);
        JsonNode mine = get("/api/tasks", INBOX_USER);
        long total = mine.get("total").asLong();
        assertThat(total).isPositive();
        AuthorizationService authorizations = engine.getAuthorizationService();
        for (String group : List.of(agency, BenchData.COMMISSION)) {
            Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(group);
            grant.setResource(Resources.TASK);
            grant.setResourceId(Authorization.ANY);
            grant.addPermission(Permissions.READ);
            authorizations.saveAuthorization(grant);
        }
        IdentityService identity = engine.getIdentityService();
        TaskService tasks = engine.getTaskService();
        List<String> groups = List.of(agency, BenchData.COMMISSION);
        Bench.Op engineInbox = () -> {
            engine.getProcessEngineConfiguration().setAuthorizationEnabled(true);
            identity.setAuthentication(INBOX_USER, List.of(agency, BenchData.COMMISSION, AppUser.ADMIN_GROUP));
            try {
                tasks.createTaskQuery().taskCandidateGroupIn(groups).orderByDueDate().asc().listPage(0, 50);
                long count = tasks.createTaskQuery().taskCandidateGroupIn(groups).count();
                assertThat(count).isEqualTo(total);
            } finally {
                identity.clearAuthentication();
                engine.getProcessEngineConfiguration().setAuthorizationEnabled(false);
            }
        };
        Stats[] s = Bench.interleaved(set.warmup(), set.warmupTime(), set.iterations(),
                () -> text("/api/tasks", INBOX_USER), engineInbox);
        results.add(result("Agency inbox, list of 50 + count (" + total + " open; user in 3 groups)",
                "HTTP `/api/tasks`", s[0], "TaskQuery, authorization on", s[1], "≤ 1/10, p95 < 15 ms",
                s[0].p50() * 10 <= s[1].p50() && s[0].p95() < 15));
    }

    /** The workspace's lists as its pages read them (the service behind {@code /workspace} and the review queue). */
    void workspaceLists(BenchSet set) {
        AppUser user = users.find(INBOX_USER).orElseThrow();
        assertThat(workspace.inbox(user, null, "all", "due")).isNotEmpty();
        Stats inbox = Bench.alone(set.warmup(), set.warmupTime(), set.iterations(),
                () -> workspace.inbox(user, null, "all", "due"));
        int queue = workspace.reviewQueue(null, null).size();
        Stats reviews = Bench.alone(set.warmup(), set.warmupTime(), set.iterations(),
                () -> workspace.reviewQueue(null, null));
        results.add(result("Workspace inbox of one agency (service behind `/workspace`)", "`WorkspaceService.inbox`",
                inbox, "–", null, "p95 < 15 ms", inbox.p95() < 15));
        results.add(result("Review queue, first " + queue + " rows (service behind `/workspace/reviews`)",
                "`WorkspaceService.reviewQueue`", reviews, "–", null, "p95 < 15 ms", reviews.p95() < 15));
    }

    // ---- public pages -------------------------------------------------------------------------------------------

    void publicMeasure(BenchSet set) throws Exception {
        String plan = BenchData.plan(0);
        String measure = BenchData.measureCode(2);
        long start = System.nanoTime();
        Answer first = send("/api/public/reports?plan=" + plan + "&measure=" + measure, null);
        double cold = (System.nanoTime() - start) / 1e6;
        long total = Long.parseLong(first.totalCount());
        assertThat(json.readTree(first.body()).size()).isEqualTo((int) Math.min(50, total));
        notes.add(String.format(Locale.ROOT, "public catalogue snapshot, first request after a change (rebuilt from "
                + "the tables): %s; measure %s has %d published reports", Bench.ms(cold), measure, total));
        HistoryService history = engine.getHistoryService();
        String key = plan + ":" + measure;
        Bench.Op fromHistory = () -> {
            List<HistoricTaskInstance> page = history.createHistoricTaskInstanceQuery().finished()
                    .taskVariableValueEquals("measureCode", key).taskVariableValueEquals("outcome", "PUBLISHED")
                    .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 50);
            history.createHistoricTaskInstanceQuery().finished().taskVariableValueEquals("measureCode", key)
                    .taskVariableValueEquals("outcome", "PUBLISHED").count();
            for (HistoricTaskInstance t : page) {
                history.createHistoricVariableInstanceQuery().taskIdIn(t.getId()).list();
            }
            assertThat(page).isNotEmpty();
        };
        Stats[] api = Bench.interleaved(set.warmup(), set.warmupTime(), set.iterations(),
                () -> text("/api/public/reports?plan=" + plan + "&measure=" + measure), fromHistory);
        results.add(result("Published reports of a measure, page of 50 of " + total + " (public JSON)",
                "HTTP `/api/public/reports`", api[0], "history queries: page of 50 + count + variables per row",
                api[1], "≤ 1/20, p95 < 10 ms", api[0].p50() * 20 <= api[1].p50() && api[0].p95() < 10));
        Stats page = Bench.alone(set.warmup(), set.warmupTime(), set.iterations(),
                () -> text("/plans/" + plan + "/measures/" + measure));
        results.add(result("Public measure page (HTML), first 50 of " + total + " reports",
                "HTTP `/plans/{plan}/measures/{code}`", page, "the same history queries (samples above)", api[1],
                "≤ 1/20, p95 < 10 ms", page.p50() * 20 <= api[1].p50() && page.p95() < 10));
    }

    // ---- reminders: job acquisition ------------------------------------------------------------------------------

    /**
     * 9,000 reminders due at once among the timers of 30k open tasks (two per task): one acquisition poll (the
     * engine's select of the next 10 jobs to lock) with the engine's default settings, with acquisition by due date
     * but no index, and as configured here (by due date, due date never null, the indexes of EngineIndexes).
     */
    void jobAcquisition(BenchSet set) {
        var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                engine.getProcessEngineConfiguration();
        int due = new BenchData(set, jdbc, engine, ClockUtil.getCurrentTime().toInstant())
                .timerJobs(set.open() * 2, set.open() * 3 / 10);
        String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
        analyze(prefix + "ACT_RU_JOB");
        Bench.Op poll = () -> {
            var jobs = configuration.getCommandExecutorTxRequired().execute(context -> context.getJobManager()
                    .findNextJobsToExecute(new org.camunda.bpm.engine.impl.Page(0, 10)));
            assertThat(jobs).hasSize(10);
        };
        boolean byDueDate = configuration.isJobExecutorAcquireByDueDate();
        boolean notNull = configuration.isEnsureJobDueDateNotNull();
        try {
            dropJobIndexes(prefix);
            configuration.setJobExecutorAcquireByDueDate(false);
            configuration.setEnsureJobDueDateNotNull(false);
            Stats defaults = Bench.alone(set.warmup(), set.warmupTime(), set.iterations(), poll);
            configuration.setJobExecutorAcquireByDueDate(true);
            configuration.setEnsureJobDueDateNotNull(true);
            Stats unindexed = Bench.alone(set.warmup(), set.warmupTime(), set.iterations(), poll);
            for (var index : List.of("NAP_IDX_JOB_DUEDATE on " + prefix + "ACT_RU_JOB (DUEDATE_)",
                    "NAP_IDX_JOB_PROCINST_LOCK on " + prefix + "ACT_RU_JOB (PROCESS_INSTANCE_ID_, LOCK_EXP_TIME_)")) {
                jdbc.execute("create index if not exists " + index);
            }
            analyze(prefix + "ACT_RU_JOB");
            Stats ours = Bench.alone(set.warmup(), set.warmupTime(), set.iterations(), poll);
            String scenario = String.format(Locale.ROOT, "Job acquisition poll: %,d reminders due among %,d timers",
                    due, set.open() * 2);
            results.add(result(scenario, "by due date + indexes (ours)", ours, "engine defaults", defaults,
                    "≤ 1 ms per poll", ours.p95() <= 1));
            results.add(result(scenario, "by due date + indexes (ours)", ours, "by due date, no index", unindexed,
                    "≤ 1 ms per poll", ours.p95() <= 1));
        } finally {
            configuration.setJobExecutorAcquireByDueDate(byDueDate);
            configuration.setEnsureJobDueDateNotNull(notNull);
        }
    }

    void dropJobIndexes(String prefix) {
        String schema = prefix.endsWith(".") ? prefix : "";
        jdbc.execute("drop index if exists " + schema + "NAP_IDX_JOB_DUEDATE");
        jdbc.execute("drop index if exists " + schema + "NAP_IDX_JOB_PROCINST_LOCK");
        analyze(prefix + "ACT_RU_JOB");
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    /** Fresh planner statistics (PostgreSQL: of the table; H2 only knows the whole database). */
    void analyze(String table) {
        jdbc.execute(postgres() ? "analyze " + table : "analyze");
    }

    boolean postgres() {
        return BenchData.postgres(jdbc);
    }

    static Result result(String scenario, String ours, Stats mine, String baseline, Stats theirs, String target,
                         boolean met) {
        return new Result(scenario, ours, baseline, mine, theirs, target, met ? "yes" : "**no**");
    }

    static String engineDate(Date date) {
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT);
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return f.format(date);
    }

    JsonNode get(String path, String user) throws IOException {
        return json.readTree(text(path, user));
    }

    String text(String path) throws IOException {
        return text(path, null);
    }

    String text(String path, String user) throws IOException {
        return send(path, user).body();
    }

    /** A response as the benchmark reads it: status, body and the header it needs. */
    record Answer(int status, String body, String totalCount) {
    }

    /**
     * One request, over a kept-alive connection, its body read whole. The JDK's synchronous
     * {@link HttpURLConnection}: {@code java.net.http.HttpClient} hands each exchange between its own threads, which
     * on this machine's two cores added 2 ms to a 10 ms request of ours, and the baselines it measures against run in
     * process with no client at all.
     */
    Answer send(String path, String user) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL()
                .openConnection();
        c.setRequestProperty("Accept", path.startsWith("/api") || path.startsWith("/engine-rest")
                ? "application/json" : "text/html");
        if (user != null) {
            c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        int status = c.getResponseCode();
        String body;
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (status != 200) {
            throw new IllegalStateException(path + " answered " + status + ": " + body);
        }
        return new Answer(status, body, c.getHeaderField("X-Total-Count"));
    }

    static void write(Path dir, String markdown) throws IOException {
        Bench.write(dir, "", markdown);
    }
}
