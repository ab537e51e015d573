package az.opengov.nap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.agency.Agency;
import az.opengov.nap.agency.AgencyKind;
import az.opengov.nap.agency.AgencyService;
import az.opengov.nap.bench.Bench.Result;
import az.opengov.nap.bench.Bench.Stats;
import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.notification.NotificationProperties;
import az.opengov.nap.plan.ImportRequest;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.worklist.WorklistService;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opening a reporting cycle at national scale, and its reminders and escalations after, with real processes: a plan
 * of {@code measuresPerPlan} measures imported through the plan import, each naming a collective of {@code agencies}
 * agencies registered through the agency registry, the cycle opened by the measures' own timers, everything run by
 * the application's job executor as configured for production ({@code application.yaml}) and mail delivered by the
 * scheduled outbox poller to a real SMTP server (GreenMail). Beside them {@code open} other open report tasks with two
 * timers each, none due (see {@link BenchData}).
 *
 * <p>The timeline (engine clock; the plan's years 2016 shifted to 2026): plan A is imported on 30 June, its first
 * cycle opens on 1 July (00:00 Baku); plan B, the same measures with reminders 5 instead of 7 days before the due
 * date, is imported after that and opens at once. Both are due on 15 July: plan A's reminders are due on 8 July at
 * 09:00, plan B's on 10 July at 09:00, so each reminder run has its own 9,000 reminders; last, on 16 July at 09:00,
 * both plans' first escalations are due at once. Before the clock moves, the job executor has nothing left to do and
 * the outbox is empty; each run starts the job executor when its work is due, so the figures leave out how long an
 * idle job executor waits before its next poll.
 *
 * <p>Subclasses choose the size and the database: {@code CycleOpeningBench} (PostgreSQL, the size, writes
 * {@code bench/results/<timestamp>-cycle.md} and {@code latest-cycle.md}), {@code CycleOpeningSmokeTest} (H2, tiny,
 * in the normal build).
 */
@SpringBootTest(properties = {
        // the job executor as in production, not the tests' jobs run by hand
        "camunda.bpm.job-execution.enabled=true",
        "nap.notification.scheduling-enabled=true",
        // a cycle's requests gather for the window production has (the tests' profile sends them at once)
        "nap.notification.gather-window=PT1M",
        "nap.notification.base-url=https://nap.example.az/",
        // the engine's history cleanup has no part here: its job, due in the 01:00–05:00 window of whatever day the
        // clock shows when it last ran, would come due among the runs as the clock travels to July, depending on the
        // hour the bench starts (the acquisition poll found it due once in CI)
        "camunda.bpm.generic-properties.properties.history-cleanup-enabled=false"})
@ActiveProfiles("test")
@Import({BenchConfiguration.class, CycleHarness.Counting.class, CycleHarness.FanOutAgencies.class})
@DirtiesContext
abstract class CycleHarness {

    static final String PLAN_A = "CYCLE-A";
    /** An open report task's variables on its executions in the application's process (agency, role, report, loop). */
    static final int EXECUTION_VARIABLES_PER_TASK = 4;
    static final String PLAN_B = "CYCLE-B";
    /** The plan whose smaller opening warms the application up before plan A's (see {@link #warmUp}). */
    static final String PLAN_WARMUP = "CYCLE-W";
    static final String REPORT_TASK = "Task_SubmitProgressReport";
    /** The engine's fan-out alone, a job per agency (asynchronous before each instance): the baseline. */
    static final String FAN_OUT = "BenchFanOut";
    /** The same, a job per measure (asynchronous before the multi-instance body), as our process opens a cycle. */
    static final String FAN_OUT_PER_MEASURE = "BenchFanOutPerMeasure";
    /**
     * The same, a job per measure, with our model's shape and no listeners ({@code bench/BenchFanOutModelShape.bpmn},
     * as of model 1.5.0): subprocess, gateways, the report task without boundary events, the event subprocess; what
     * the engine itself writes for our model.
     */
    static final String FAN_OUT_MODEL_SHAPE = "BenchFanOutModelShape";
    /**
     * The same with our model's former shape ({@code bench/BenchFanOutOurShape.bpmn}, up to 1.2.0): the report task
     * with a reminder timer, an escalation timer cycle and a due-date message; its reminder timers are the engine's
     * own way of reminding, against which the reminder poller is measured.
     */
    static final String FAN_OUT_OUR_SHAPE = "BenchFanOutOurShape";
    /**
     * The same shape with each agency's report a process instance of its own ({@code bench/BenchFanOutCalled.bpmn}
     * calling {@code bench/BenchAgencyReportShape.bpmn}): what the engine needs if the model were cut that way.
     */
    static final String FAN_OUT_CALLED = "BenchFanOutCalled";
    static final String CALLED_REPORT = "BenchAgencyReportShape";
    static final String FAN_OUT_TASK = "Task_AgencyReport";
    /** Plan A's cycle 1 opens at 00:00 on 1 July in Baku. */
    static final Instant CYCLE_OPENS = Instant.parse("2026-06-30T20:00:00Z");
    /** 09:00 in Baku, 7 (plan A) and 5 (plan B) days before the due date, 15 July. */
    static final Instant REMINDERS_A = Instant.parse("2026-07-08T05:00:00Z");
    static final Instant REMINDERS_B = Instant.parse("2026-07-10T05:00:00Z");
    /** 09:00 in Baku the day after the due date: both plans' first escalations. */
    static final Instant ESCALATIONS = Instant.parse("2026-07-16T05:00:00Z");
    static final PlanCalendar CALENDAR_B = new PlanCalendar(6, 15, 5, 7, 14, 30);
    static final Duration POLL = Duration.ofMillis(100);
    /** How many polls of {@link #await} between two looks for failed jobs (2 s). */
    static final int FAILED_JOBS_EVERY = 20;

    static final GreenMail SMTP = smtp();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    AgencyService agencies;
    @Autowired
    PlanImportService imports;
    @Autowired
    Counting counting;
    @Autowired
    FanOutAgencies fanOutAgencies;
    @Autowired
    WorklistService worklist;
    @Autowired
    MeasureExecutionService execution;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    NotificationProperties notification;
    /** The engine alone firing the reminder timers of {@link #FAN_OUT_OUR_SHAPE}, one run per fan-out of it. */
    final List<Run> shapeReminders = new ArrayList<>();
    /** The same for {@link #FAN_OUT_CALLED}. */
    final List<Run> calledReminders = new ArrayList<>();

    final List<Result> results = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** Statements the harness itself sent while measuring (its polling), left out of the figures. */
    long ownStatements;

    abstract BenchSet set();

    /** How long one run may take before it counts as not finished. */
    Duration timeout() {
        return Duration.ofSeconds(Long.getLong("nap.bench.run-timeout-seconds", 900));
    }

    /** How long a reminder run may take before it counts as not finished (then reported with what was sent). */
    Duration reminderTimeout() {
        return Duration.ofSeconds(Long.getLong("nap.bench.reminder-timeout-seconds", timeout().toSeconds()));
    }

    /** Writes the results where the subclass wants them (the smoke test does not). */
    void report(String markdown) throws IOException {
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    static GreenMail smtp() {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        return server;
    }

    @AfterEach
    void clock() {
        ClockUtil.reset();
    }

    @Test
    void cycleAndReminders() throws Exception {
        BenchSet set = set();
        executor().shutdown();
        at(CYCLE_OPENS.minus(Duration.ofHours(8)));
        registerAgencies(set);
        var data = new BenchData(set, jdbc, engine, REMINDERS_B.plus(Duration.ofDays(1)));
        BenchData.Generated background = data.generateForRegisteredAgencies();
        data.timerJobs(set.open() * 2, 0);
        int variables = data.executionVariables(EXECUTION_VARIABLES_PER_TASK);
        notes.add(String.format(Locale.ROOT, "background generated in %.1f s: %,d other open report tasks with %,d "
                + "timers (none due in the runs) and %,d variables where the process keeps them (on executions, no "
                + "task id)", background.millis() / 1000.0, background.openTasks(), set.open() * 2, variables));
        jdbc.execute(postgres() ? "vacuum analyze" : "analyze");
        deployFanOut();
        if (postgres()) {
            notes.add("every run starts right after a checkpoint, so that no checkpoint started by the writes before "
                    + "it falls into it (server: max_wal_size " + jdbc.queryForObject("show max_wal_size", String.class)
                    + ")");
        }
        autoanalyze = postgres() ? Autoanalyze.on(jdbc) : null;
        if (autoanalyze != null) {
            notes.add("every run starts with the tables analyzed that PostgreSQL's autovacuum would analyze with its "
                    + "default settings (each with 50 rows + 10 % changed)" + (autoanalyze.daemon() ? "; the "
                    + "server's autovacuum is off, so the bench also does so every minute, that minute restarted "
                    + "at each run" : ""));
        }
        try {
            measure(set);
        } finally {
            if (autoanalyze != null) {
                autoanalyze.close();
            }
        }
    }

    /**
     * {@code -Dnap.bench.reminders-only=true}, for iterating on the reminders: plan A's cycle is opened (its reminders
     * need its tasks), then its reminders and first escalations run with the job executor as configured; no plan B, no
     * run with the engine's defaults, no result rows (the figures are in the notes). The figures of record come from
     * the full run.
     */
    static boolean remindersOnly() {
        return Boolean.getBoolean("nap.bench.reminders-only");
    }

    void measure(BenchSet set) throws Exception {
        int tasks = set.measuresPerPlan() * set.agencies();

        warmUp(set);
        importPlan(PLAN_A, PlanCalendar.DEFAULT, set);
        at(CYCLE_OPENS.plusSeconds(1));
        List<Run> ours = new ArrayList<>();
        List<Run> engineAlone = new ArrayList<>();
        List<Run> engineAlonePerMeasure = new ArrayList<>();
        List<Run> engineAloneModelShape = new ArrayList<>();
        List<Run> engineAloneOurShape = new ArrayList<>();
        List<Run> engineAloneCalled = new ArrayList<>();
        ours.add(openCycle(PLAN_A, tasks));
        openingMails(PLAN_A, tasks);
        if (remindersOnly()) {
            notes.add("reminders only (nap.bench.reminders-only): no plan B, no engine defaults; one run each of the "
                    + "engine alone with our model's shape, its former shape, and each agency's report a called "
                    + "process");
            engineAloneModelShape.add(fanOut(set, FAN_OUT_MODEL_SHAPE));
            engineAloneOurShape.add(fanOut(set, FAN_OUT_OUR_SHAPE));
            engineAloneCalled.add(fanOut(set, FAN_OUT_CALLED));
            Run a = ours.get(0);
            Run shape = engineAloneModelShape.get(0);
            notes.add(String.format(Locale.ROOT, "cycle opening, plan %s: %,d report tasks in %.1f s, %.1f SQL "
                    + "statements per task, at most %d task(s) per transaction, the machine busy for %s; the engine "
                    + "alone with our model's shape (1.5.0): %.1f s, %.1f SQL statements per task, %s", a.label(),
                    a.done(), a.seconds(), a.sqlPerTask(), a.maxTasksPerTransaction(), cpu(a), shape.seconds(),
                    shape.sqlPerTask(), cpu(shape)));
            engineAloneNotes(List.of(), engineAloneOurShape, shapeReminders, engineAloneCalled);
        } else {
            engineAlone.add(fanOut(set, FAN_OUT));
            engineAlonePerMeasure.add(fanOut(set, FAN_OUT_PER_MEASURE));
            engineAloneModelShape.add(fanOut(set, FAN_OUT_MODEL_SHAPE));
            engineAloneOurShape.add(fanOut(set, FAN_OUT_OUR_SHAPE));
            engineAloneCalled.add(fanOut(set, FAN_OUT_CALLED));
            importPlan(PLAN_B, CALENDAR_B, set);
            ours.add(openCycle(PLAN_B, tasks));
            openingMails(PLAN_B, tasks);
            engineAlone.add(fanOut(set, FAN_OUT));
            engineAlonePerMeasure.add(fanOut(set, FAN_OUT_PER_MEASURE));
            engineAloneModelShape.add(fanOut(set, FAN_OUT_MODEL_SHAPE));
            engineAloneOurShape.add(fanOut(set, FAN_OUT_OUR_SHAPE));
            engineAloneCalled.add(fanOut(set, FAN_OUT_CALLED));
            cycleResult(set, tasks, ours, engineAlone, engineAlonePerMeasure, engineAloneModelShape,
                    engineAloneOurShape, engineAloneCalled);
        }

        List<Run> reminderRuns = new ArrayList<>();
        if (!Boolean.parseBoolean(System.getProperty("nap.bench.reminders", "true"))) {
            notes.add("reminders not measured in this run (-Dnap.bench.reminders=false)");
        } else {
            reminderRuns.add(reminders(PLAN_A, REMINDERS_A, tasks));
            if (!remindersOnly()) {
                reminderRuns.add(withEngineDefaults(() -> reminders(PLAN_B, REMINDERS_B, tasks)));
                reminderResult(tasks, reminderRuns.get(0), reminderRuns.get(1));
            }
        }

        Run escalated = null;
        List<String> plans = remindersOnly() ? List.of(PLAN_A) : List.of(PLAN_A, PLAN_B);
        if (!Boolean.parseBoolean(System.getProperty("nap.bench.escalations", "true"))) {
            notes.add("escalations not measured in this run (-Dnap.bench.escalations=false)");
        } else {
            escalated = escalations(plans, tasks * plans.size());
        }

        if (autoanalyze != null) {
            notes.add(autoanalyze.analyzedBeforeRuns() + " table analyses before the runs");
        }
        String md = "## Cycle opening and reminders, " + set.name() + " set\n\n"
                + String.join("\n", notes.stream().map(n -> "- " + n).toList()) + "\n\n" + Bench.markdown(results);
        System.out.println(md);
        report(md);
        assertThat(ours).allSatisfy(r -> assertThat(r.done()).as("all report tasks created").isEqualTo(tasks));
        assertThat(engineAlone).allSatisfy(r -> assertThat(r.done()).isEqualTo(tasks));
        assertThat(engineAlonePerMeasure).allSatisfy(r -> assertThat(r.done()).isEqualTo(tasks));
        assertThat(engineAloneOurShape).allSatisfy(r -> assertThat(r.done()).isEqualTo(tasks));
        assertThat(engineAloneCalled).allSatisfy(r -> assertThat(r.done()).isEqualTo(tasks));
        for (Run r : reminderRuns) {
            assertThat(r.done()).as("reminders recorded as sent").isEqualTo(tasks);
            assertThat(r.received()).as("reminders the SMTP server received").isEqualTo(tasks);
            assertThat(r.twice()).as("reminders delivered twice").isZero();
        }
        if (escalated != null) {
            assertThat(escalated.done()).as("escalations raised").isEqualTo(tasks * plans.size());
        }
    }

    // ---- opening a cycle ----------------------------------------------------------------------------------------

    /**
     * One run: wall time until {@code done} reached the expected count, SQL statements per task (or reminder), tasks
     * per transaction; for reminders what the SMTP server received and how many of them twice; the machine's busy CPU
     * seconds meanwhile ({@link MachineCpu}).
     */
    record Run(String label, long nanos, double sqlPerTask, int done, int maxTasksPerTransaction, long transactions,
               int received, int twice, double cpuSeconds, double jvmCpuSeconds) {

        Run(String label, long nanos, double sqlPerTask, int done, int maxTasksPerTransaction, long transactions,
            int received, int twice, double cpuSeconds) {
            this(label, nanos, sqlPerTask, done, maxTasksPerTransaction, transactions, received, twice, cpuSeconds,
                    Double.NaN);
        }

        double seconds() {
            return nanos / 1e9;
        }

        long[] sample() {
            return new long[] {nanos, Math.round(sqlPerTask)};
        }
    }

    /** The plan's cycle 1 opens by its own timers: until every agency's report task exists. */
    Run openCycle(String plan, int tasks) {
        return openCycle(plan, tasks, true);
    }

    /** With {@code byTable}, notes the opening's statements per task by kind and table. */
    Run openCycle(String plan, int tasks, boolean byTable) {
        beforeRun();
        counting.reset();
        SqlCount.tallyByTable();
        Meter meter = new Meter();
        executor().start();
        int done = await(tasks, () -> count("select count(*) from work_item where plan_code = ? and kind = 'REPORT'",
                plan));
        meter.stop();
        Map<String, Long> tables = SqlCount.byTable();
        settle();
        if (byTable) {
            notes.add(String.format(Locale.ROOT, "SQL per task of plan %s by statement and table (the harness's own "
                    + "polling included): %s", plan, String.join(", ", tables.entrySet().stream().limit(25)
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / (double) tasks))
                    .toList())));
        }
        assertThat(count("select count(*) from " + table("ACT_RU_TASK") + " where TASK_DEF_KEY_ = ? and PROC_INST_ID_"
                + " in (select process_instance_id from measure where plan_code = ?)", REPORT_TASK, plan))
                .as("engine tasks of " + plan).isEqualTo(tasks);
        return new Run(plan, meter.nanos, (double) meter.statements / tasks, done, counting.maxPerTransaction(),
                counting.transactions(), 0, 0, meter.cpuSeconds, meter.jvmCpuSeconds);
    }

    /**
     * Opens a smaller plan's cycle first, the same way ({@code -Dnap.bench.cycle-warmup-measures} measures naming the
     * collective, a fifth of the set's by default; 0 for none): otherwise plan A's opening is also the JIT's warm-up
     * for the engine's and the application's code, while the engine alone runs after it, warm. The issue asks for
     * every scenario after a warm-up. Its measures are then cancelled as an administrator cancels one, their mails
     * recorded as sent; the clock stays where plan A's opening needs it.
     */
    void warmUp(BenchSet set) throws Exception {
        int measures = Integer.getInteger("nap.bench.cycle-warmup-measures", Math.max(1, set.measuresPerPlan() / 5));
        if (measures <= 0) {
            notes.add("no warm-up (-Dnap.bench.cycle-warmup-measures=0): plan A's opening is also the JIT's warm-up");
            return;
        }
        importPlan(PLAN_WARMUP, PlanCalendar.DEFAULT, set, measures);
        at(CYCLE_OPENS.plusSeconds(1));
        Run run = openCycle(PLAN_WARMUP, measures * set.agencies(), false);
        long began = System.nanoTime();
        List<Long> ids = jdbc.queryForList("select id from measure where plan_code = ?", Long.class, PLAN_WARMUP);
        for (long id : ids) {
            execution.cancel(id, "benchmark warm-up over", RealMeasures.ADMIN);
        }
        executor().start();
        settle();
        assertThat(count("select count(*) from " + table("ACT_RU_TASK") + " where PROC_INST_ID_ in (select "
                + "process_instance_id from measure where plan_code = ?)", PLAN_WARMUP)).as("warm-up tasks left")
                .isZero();
        settleOutbox();
        SMTP.purgeEmailFromAllMailboxes();
        notes.add(String.format(Locale.ROOT, "warm-up before plan A: plan %s's opening, %d measure(s) × %d agencies = "
                + "%,d report tasks in %.1f s, %.1f SQL statements per task, the machine busy for %s; its measures "
                + "then cancelled in %.1f s and its mails recorded as sent", PLAN_WARMUP, measures,
                set.agencies(), run.done(), run.seconds(), run.sqlPerTask(), cpu(run),
                (System.nanoTime() - began) / 1e9));
    }

    /** "29 CPU seconds (the JVM's 18)": the machine's busy time in a run, and this JVM's part of it where measured. */
    static String cpu(Run r) {
        return Double.isNaN(r.jvmCpuSeconds()) ? String.format(Locale.ROOT, "%.0f CPU seconds", r.cpuSeconds())
                : String.format(Locale.ROOT, "%.0f CPU seconds (the JVM's %.0f)", r.cpuSeconds(), r.jvmCpuSeconds());
    }

    /** Wall time, statements (less the harness's own), the machine's busy CPU seconds and this JVM's of one run. */
    final class Meter {
        private final long own = ownStatements;
        private final long sql = SqlCount.now();
        private final double cpu = MachineCpu.busySeconds();
        private final double jvmCpu = MachineCpu.jvmSeconds();
        final long start = System.nanoTime();
        long nanos;
        long statements;
        double cpuSeconds;
        double jvmCpuSeconds;

        void stop() {
            nanos = System.nanoTime() - start;
            cpuSeconds = MachineCpu.busySeconds() - cpu;
            jvmCpuSeconds = MachineCpu.jvmSeconds() - jvmCpu;
            statements = SqlCount.now() - sql - (ownStatements - own);
        }
    }

    /** A run starts after {@link #beforeRun}, with the job executor started: measured from here. */
    Meter start() {
        beforeRun();
        Meter meter = new Meter();
        executor().start();
        return meter;
    }

    /**
     * The engine's fan-out alone: a minimal process with the same shape (a parallel multi-instance user task over the
     * agencies, no listeners; asynchronous before each instance ({@link #FAN_OUT}) or before the multi-instance body
     * ({@link #FAN_OUT_PER_MEASURE})) started once per measure, then the job executor; or our model's shape
     * ({@link #FAN_OUT_OUR_SHAPE}), its deadlines and role on the process instance, its timers weeks away.
     */
    Run fanOut(BenchSet set, String process) {
        List<String> codes = new ArrayList<>();
        for (int a = 0; a < set.agencies(); a++) {
            codes.add(BenchData.agency(a));
        }
        int before = fanOutTasks();
        int tasks = set.measuresPerPlan() * set.agencies();
        beforeRun();
        counting.reset();
        Meter meter = new Meter();
        fanOutAgencies.codes = List.copyOf(codes);
        List<String> instances = new ArrayList<>();
        VariableMap variables = Variables.createVariables()
                .putValueTyped("agencies", Variables.objectValue(codes, true).create());
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Instant reminderAt = now.plus(Duration.ofDays(6));
        if (List.of(FAN_OUT_MODEL_SHAPE, FAN_OUT_OUR_SHAPE, FAN_OUT_CALLED).contains(process)) {
            Instant due = now.plus(Duration.ofDays(14));
            variables.putValue("role", "EXECUTOR").putValue("dueDate", Date.from(due))
                    .putValue("reminderAt", Date.from(reminderAt));
            if (!FAN_OUT_MODEL_SHAPE.equals(process)) {
                // the former shape's escalation timer cycle; today's shape has no escalation timer
                variables.putValue("escalationCycle", "R/" + due.plus(Duration.ofDays(1)) + "/P7D");
            }
        }
        for (int m = 0; m < set.measuresPerPlan(); m++) {
            instances.add(engine.getRuntimeService().startProcessInstanceByKey(process, variables).getId());
        }
        executor().start();
        int done = await(tasks, () -> fanOutTasks() - before);
        meter.stop();
        settle();
        Run run = new Run(process, meter.nanos, (double) meter.statements / tasks, done, counting.maxPerTransaction(),
                counting.transactions(), 0, 0, meter.cpuSeconds, meter.jvmCpuSeconds);
        if (FAN_OUT_OUR_SHAPE.equals(process)) {
            shapeReminders.add(shapeReminders(tasks, reminderAt, FAN_OUT_OUR_SHAPE));
        } else if (FAN_OUT_CALLED.equals(process)) {
            calledReminders.add(shapeReminders(tasks, reminderAt, CALLED_REPORT));
        }
        // One instance a command: the engine's flush orders a command's deletions against each other, so the 60
        // instances' 9,000 tasks deleted in one command kept the main thread busy for tens of minutes.
        for (String instance : instances) {
            engine.getRuntimeService().deleteProcessInstance(instance, "benchmark run over", true, true);
        }
        return run;
    }

    /**
     * The engine alone firing the reminder timers of the fan-out with our model's shape, all due at once (a day before
     * any of the plans' own), with the job executor as configured: each timer job runs the boundary event and ends its
     * path, no delegate, no mail. Then the clock goes back to where it was.
     */
    Run shapeReminders(int tasks, Instant reminderAt, String processKey) {
        Instant before = ClockUtil.getCurrentTime().toInstant();
        at(reminderAt.plusSeconds(1));
        Meter meter = start();
        int done = await(tasks, () -> {
            ownStatements++;
            return tasks - engine.getManagementService().createJobQuery().processDefinitionKey(processKey)
                    .activityId("Boundary_ReminderDue").count();
        });
        meter.stop();
        settle();
        at(before);
        return new Run(processKey + " reminders", meter.nanos, (double) meter.statements / tasks, done, 0, 0, 0, 0,
                meter.cpuSeconds);
    }

    int fanOutTasks() {
        return count("select count(*) from " + table("ACT_RU_TASK") + " where TASK_DEF_KEY_ = ?", FAN_OUT_TASK);
    }

    void cycleResult(BenchSet set, int tasks, List<Run> ours, List<Run> engineAlone, List<Run> perMeasure,
                     List<Run> modelShape, List<Run> ourShape, List<Run> called) {
        Stats mine = Bench.runs(ours.stream().map(Run::sample).toList());
        Stats theirs = Bench.runs(engineAlone.stream().map(Run::sample).toList());
        Stats theirsPerMeasure = Bench.runs(perMeasure.stream().map(Run::sample).toList());
        Stats theirsModelShape = Bench.runs(modelShape.stream().map(Run::sample).toList());
        Stats theirsOurShape = Bench.runs(ourShape.stream().map(Run::sample).toList());
        int perTransaction = ours.stream().mapToInt(Run::maxTasksPerTransaction).max().orElse(0);
        for (Run r : ours) {
            notes.add(String.format(Locale.ROOT, "cycle opening, plan %s: %,d report tasks in %.1f s (%.0f tasks/s), "
                    + "%.1f SQL statements per task, at most %d task(s) per transaction (%,d transactions created "
                    + "tasks)%s; the machine busy for %s", r.label(), r.done(), r.seconds(),
                    r.done() / r.seconds(), r.sqlPerTask(), r.maxTasksPerTransaction(), r.transactions(),
                    xmin(r.label()), cpu(r)));
        }
        engineAlone.forEach(r -> fanOutNote("a job per agency", r));
        perMeasure.forEach(r -> fanOutNote("a job per measure", r));
        engineAloneNotes(modelShape, ourShape, shapeReminders, called);
        notes.add(String.format(Locale.ROOT, "job executor: %s", describeExecutor()));
        // one target, ours against each baseline
        String target = "≤ 7 s total, ≤ 150 tasks per transaction";
        boolean met = mine.p50() <= 7000 && perTransaction <= 150 && perTransaction > 0;
        results.add(BenchHarness.result(String.format(Locale.ROOT, "Open a cycle: %d measures × %d agencies = %,d "
                        + "report tasks, work items and mails (%d runs; SQL/op per task)", set.measuresPerPlan(),
                        set.agencies(), tasks, ours.size()), "timers → `openReportingCycle` → multi-instance, job "
                        + "executor as configured", mine, "the engine's fan-out alone (minimal BPMN, same shape, a "
                        + "job per agency)", theirs, target, met));
        results.add(BenchHarness.result(String.format(Locale.ROOT, "… the same against the engine with our async "
                        + "placement (%d runs)", perMeasure.size()), "as above", mine, "the engine's fan-out alone, a "
                        + "job per measure (asynchronous before the multi-instance body)", theirsPerMeasure,
                target, met));
        results.add(BenchHarness.result(String.format(Locale.ROOT, "… the same against the engine alone with our "
                        + "model's shape (%d runs)", modelShape.size()), "as above", mine, "the engine's fan-out "
                        + "alone, a job per measure, our model's subprocess, gateways and event subprocess (1.5.0), no "
                        + "listeners", theirsModelShape, target, met));
        results.add(BenchHarness.result(String.format(Locale.ROOT, "… and against the engine alone with our model's "
                        + "former shape (%d runs)", ourShape.size()), "as above", mine, "the same with the report "
                        + "task's reminder timer, escalation timer cycle and due-date message (up to 1.2.0)",
                theirsOurShape, target, met));
        results.add(BenchHarness.result(String.format(Locale.ROOT, "… and against the former shape with each "
                        + "agency's report a called process instance (%d runs)", called.size()), "as above", mine,
                "the engine's fan-out alone, a job per measure, a multi-instance call activity of the same report",
                Bench.runs(called.stream().map(Run::sample).toList()), target, met));
    }

    /** On PostgreSQL, the same count read from the rows themselves: tasks sharing the inserting transaction id. */
    String xmin(String plan) {
        if (!postgres()) {
            return "";
        }
        Integer max = jdbc.queryForObject("select max(n) from (select count(*) n from " + table("ACT_RU_TASK")
                + " where PROC_INST_ID_ in (select process_instance_id from measure where plan_code = ?)"
                + " group by xmin::text) per_transaction", Integer.class, plan);
        return "; by the rows' inserting transaction (`xmin`): at most " + max;
    }

    /**
     * The requests of the plan's opening, which gather for {@code nap.notification.gather-window} (none leaves while
     * the cycle opens): from the moment the clock passes the window until the SMTP server has accepted every one, and
     * how many mails they made.
     */
    void openingMails(String plan, int tasks) throws Exception {
        String requests = "select count(*) from mail_outbox where kind in ('TASK_OPENED', 'INVITATION') and %s "
                + "measure_id in (select id from measure where plan_code = ?)";
        int queued = count(String.format(requests, ""), plan);
        int sentEarly = count(String.format(requests, "status = 'SENT' and"), plan);
        SMTP.purgeEmailFromAllMailboxes();
        at(ClockUtil.getCurrentTime().toInstant().plus(notification.gatherWindow()).plusSeconds(1));
        long start = System.nanoTime();
        long deadline = start + timeout().toNanos();
        int done;
        while ((done = count(String.format(requests, "status = 'SENT' and"), plan)) < queued) {
            assertThat(System.nanoTime()).as("requests of " + plan + " sent in time").isLessThan(deadline);
            sleep();
        }
        long nanos = System.nanoTime() - start;
        Received received = received("TASK_OPENED", "INVITATION");
        notes.add(String.format(Locale.ROOT, "requests of plan %s's opening: %,d queued, %d of them sent while it "
                        + "opened (they gather for %s); after that window all %,d accepted by SMTP in %.1f s, as %,d "
                        + "mails (%d recipients, %d–%d mails each), %,d distinct outbox keys, %d twice", plan, queued,
                sentEarly, notification.gatherWindow(), done, nanos / 1e9, received.mails(), received.recipients(),
                received.fewest(), received.most(), received.keys().size(), received.twice()));
        assertThat(queued).as("requests of " + plan).isEqualTo(tasks);
        assertThat(received.keys()).as("requests received").hasSize(tasks);
        assertThat(received.twice()).as("requests received twice").isZero();
    }

    /**
     * What the SMTP server holds of these kinds of message: each outbox key with how often it came (a mail carries
     * one for each message it joins), and how many mails each recipient got.
     */
    record Received(Map<String, Integer> keys, Map<String, Integer> perRecipient) {
        int messages() {
            return keys.values().stream().mapToInt(i -> i).sum();
        }

        int twice() {
            return (int) keys.values().stream().filter(n -> n > 1).count();
        }

        int mails() {
            return perRecipient.values().stream().mapToInt(i -> i).sum();
        }

        int recipients() {
            return perRecipient.size();
        }

        int fewest() {
            return perRecipient.values().stream().mapToInt(i -> i).min().orElse(0);
        }

        int most() {
            return perRecipient.values().stream().mapToInt(i -> i).max().orElse(0);
        }
    }

    static Received received(String... kinds) throws MessagingException {
        Map<String, Integer> keys = new HashMap<>();
        Map<String, Integer> perRecipient = new HashMap<>();
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            String[] carried = m.getHeader("X-NAP-Outbox-Key");
            boolean counted = false;
            for (String key : carried == null ? new String[0] : carried) {
                if (java.util.Arrays.stream(kinds).anyMatch(kind -> key.contains(" " + kind + "|"))) {
                    keys.merge(key, 1, Integer::sum);
                    counted = true;
                }
            }
            if (counted) {
                perRecipient.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
            }
        }
        return new Received(keys, perRecipient);
    }

    // ---- reminders ----------------------------------------------------------------------------------------------

    /**
     * The plan's reminders come due at once: from the moment the clock passes their time (the reminder poller, every
     * {@code nap.notification.reminder-poll}, raises them from the worklist) until the SMTP server has accepted every
     * reminder mail (the outbox rows SENT), then checked against what the server received.
     */
    Run reminders(String plan, Instant due, int tasks) throws Exception {
        settleOutbox();
        SMTP.purgeEmailFromAllMailboxes();
        at(due.plusSeconds(1));
        acquisitionPoll(plan, tasks);
        Meter meter = start();
        long start = meter.start;
        String raised = "select count(*) from deadline_event where kind = 'REMINDER' and measure_id in "
                + "(select id from measure where plan_code = ?)";
        String sent = "select count(*) from mail_outbox where kind = 'REMINDER' and status = 'SENT' and measure_id in "
                + "(select id from measure where plan_code = ?)";
        long first = 0;
        long allRaised = 0;
        long deadline = start + reminderTimeout().toNanos();
        int done = 0;
        while (System.nanoTime() < deadline) {
            done = count(sent, plan);
            if (first == 0 && done > 0) {
                first = System.nanoTime() - start;
            }
            if (allRaised == 0 && count(raised, plan) >= tasks) {
                allRaised = System.nanoTime() - start;
            }
            if (done >= tasks) {
                break;
            }
            sleep();
        }
        meter.stop();
        long nanos = meter.nanos;
        long statements = meter.statements;
        double cpu = meter.cpuSeconds;
        settle();
        int events = count(raised, plan);
        // one key per outbox message the mail carries: several reminders to one address leave as one mail
        Received reminders = received("REMINDER");
        int received = reminders.messages();
        int twice = reminders.twice();
        int queued = count("select count(*) from mail_outbox where kind = 'REMINDER' and measure_id in "
                + "(select id from measure where plan_code = ?)", plan);
        String raisedAfter = allRaised == 0 ? "–" : String.format(Locale.ROOT, "%.1f s", allRaised / 1e9);
        notes.add(String.format(Locale.ROOT, "reminders of plan %s: %,d raised (deadline events, all after %s), %,d "
                        + "queued, %,d accepted by SMTP after %.1f s (first after %.1f s); GreenMail received %,d "
                        + "reminders in %,d mails, %,d distinct outbox keys, %d twice, %d recipients with %d–%d mails "
                        + "each; %.1f SQL statements per reminder; the machine busy for %.0f CPU seconds", plan, events,
                raisedAfter, queued, done, nanos / 1e9, first / 1e9, received, reminders.mails(),
                reminders.keys().size(), twice, reminders.recipients(), reminders.fewest(), reminders.most(),
                (double) statements / tasks, cpu));
        assertThat(events).as("deadline events of " + plan).isEqualTo(tasks);
        return new Run(plan, nanos, (double) statements / tasks, done, 0, 0, received, twice, cpu);
    }

    // ---- escalations --------------------------------------------------------------------------------------------

    /**
     * The plans' first escalations come due at once, the day after their due date: every executor's report is
     * overdue (none was submitted). Since model 1.3.0 the deadline poller raises them from the worklist (every
     * {@code nap.notification.reminder-poll}), as it does the reminders; before, each was the report task's escalation
     * timer, then the asynchronous "raise escalation" task. Measured from the moment the clock passes their time until
     * every escalation is recorded (its deadline event) and every escalation mail accepted by SMTP. The background's
     * timers that would fall due by then are moved a month on first, so that none of them runs meanwhile.
     */
    Run escalations(List<String> plans, int expected) throws Exception {
        settleOutbox();
        SMTP.purgeEmailFromAllMailboxes();
        int moved = jdbc.update("update " + table("ACT_RU_JOB") + " set DUEDATE_ = DUEDATE_ + interval '30' day"
                + " where HANDLER_TYPE_ = 'bench-reminder' and DUEDATE_ <= ?",
                java.sql.Timestamp.from(ESCALATIONS.plus(Duration.ofDays(1))));
        at(ESCALATIONS.plusSeconds(1));
        String inPlans = " and measure_id in (select id from measure where plan_code in ("
                + String.join(", ", plans.stream().map(p -> "?").toList()) + "))";
        Object[] codes = plans.toArray();
        String raised = "select count(*) from deadline_event where kind = 'ESCALATION'" + inPlans;
        String unsent = "select count(*) from mail_outbox where kind = 'ESCALATION' and status <> 'SENT'" + inPlans;
        Meter meter = start();
        long first = 0;
        long allRaised = 0;
        long deadline = meter.start + reminderTimeout().toNanos();
        int done = 0;
        while (System.nanoTime() < deadline) {
            done = count(raised, codes);
            if (first == 0 && done > 0) {
                first = System.nanoTime() - meter.start;
            }
            if (allRaised == 0 && done >= expected) {
                allRaised = System.nanoTime() - meter.start;
            }
            if (allRaised > 0 && count(unsent, codes) == 0) {
                break;
            }
            sleep();
        }
        meter.stop();
        settle();
        int queued = count("select count(*) from mail_outbox where kind = 'ESCALATION'" + inPlans, codes);
        Received mails = received("ESCALATION");
        notes.add(String.format(Locale.ROOT, "first escalations of plan(s) %s, %,d due at once (raised from the "
                        + "worklist; %,d background timers moved on a month first): %,d raised, the first "
                        + "after %.1f s, all after %s; %,d escalation mails queued, all accepted by SMTP after %.1f s; "
                        + "GreenMail received %,d in %,d mails, %d twice; %.1f SQL statements per escalation; the "
                        + "machine busy for %.0f CPU seconds", String.join(" and ", plans), expected, moved, done,
                first / 1e9, allRaised == 0 ? "– (not within " + reminderTimeout().toSeconds() + " s)"
                        : String.format(Locale.ROOT, "%.1f s", allRaised / 1e9), queued, meter.nanos / 1e9,
                mails.messages(), mails.mails(), mails.twice(), (double) meter.statements / expected,
                meter.cpuSeconds));
        Run run = new Run("escalations", allRaised == 0 ? meter.nanos : allRaised,
                (double) meter.statements / expected, done, 0, 0, mails.messages(), mails.twice(), meter.cpuSeconds);
        results.add(BenchHarness.result(String.format(Locale.ROOT, "%,d first escalations due at once (%d plan(s)): "
                        + "until every one is recorded (SQL/op per escalation)", expected, plans.size()),
                "raised from the worklist by the deadline poller",
                Bench.runs(List.<long[]>of(run.sample())), "–", null, "– (measured, no target)", true));
        return run;
    }

    /**
     * The polls at the moment the reminders are due, before anything runs, each timed alone: the reminder poll's
     * select of the first batch of due reminders from the worklist (locked, then rolled back), and the job executor's
     * acquisition poll (the engine's select of the next jobs to lock, as many as one acquisition takes with the
     * settings in force), with no job due then. (The acquisition poll with 9,000 timers due at once is the national
     * bench's scenario; moving the clock to this plan's escalations here would let the pollers running meanwhile act
     * at that time.)
     */
    void acquisitionPoll(String plan, int tasks) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        java.util.concurrent.atomic.AtomicInteger found = new java.util.concurrent.atomic.AtomicInteger();
        // the reminder poller runs meanwhile (its rows are skipped here, and these there): a batch or what is left
        Stats reminderPoll = Bench.alone(10, 100, () -> tx.executeWithoutResult(s -> {
            found.set(worklist.remindersDue(az.opengov.nap.shared.Clock.now(), List.of(), 150).size());
            assertThat(found.get()).isLessThanOrEqualTo(Math.min(150, tasks));
            s.setRollbackOnly();
        }));
        int perAcquisition = executor().getMaxJobsPerAcquisition();
        Stats none = acquisition(perAcquisition, 0);
        notes.add(String.format(Locale.ROOT, "polls with the %,d reminders of plan %s due: the reminder poll (a "
                        + "batch of up to 150 from the worklist, locked; %d in the last) %s p50, %s p95; the job "
                        + "executor's acquisition poll (%d jobs per acquisition, by due date %s), no job due then, %s "
                        + "p50, %s p95", tasks, plan, found.get(),
                Bench.ms(reminderPoll.p50()), Bench.ms(reminderPoll.p95()), perAcquisition,
                configuration().isJobExecutorAcquireByDueDate() ? "on" : "off", Bench.ms(none.p50()),
                Bench.ms(none.p95())));
    }

    private Stats acquisition(int perAcquisition, int expected) {
        var page = new org.camunda.bpm.engine.impl.Page(0, perAcquisition);
        return Bench.alone(10, 100, () -> {
            var jobs = configuration().getCommandExecutorTxRequired().execute(context -> context.getJobManager()
                    .findNextJobsToExecute(page));
            assertThat(jobs).hasSize(expected);
        });
    }

    void reminderResult(int tasks, Run ours, Run defaults) {
        Stats mine = Bench.runs(List.of(ours.sample()));
        Stats theirs = Bench.runs(List.of(defaults.sample()));
        boolean met = ours.done() == tasks && ours.seconds() < 30 && ours.twice() == 0;
        results.add(BenchHarness.result(String.format(Locale.ROOT, "%,d reminders due at once, %,d open tasks in all: "
                        + "until every reminder mail is accepted by SMTP (SQL/op per reminder)", tasks,
                        tasks * 2 + set().open()), "job executor as configured", mine,
                "engine's default job executor settings", theirs, "all sent < 30 s, none twice", met));
        if (!shapeReminders.isEmpty()) {
            results.add(BenchHarness.result(String.format(Locale.ROOT, "… the same against the engine alone firing "
                            + "the reminder timers of our model's former shape (%d runs)", shapeReminders.size()),
                    "as above", mine, "the fan-out with our model's former shape, its reminder timers due at once, "
                            + "no delegate, no mail",
                    Bench.runs(shapeReminders.stream().map(Run::sample).toList()), "all sent < 30 s, none twice",
                    met));
        }
        if (!calledReminders.isEmpty()) {
            results.add(BenchHarness.result(String.format(Locale.ROOT, "… and against the same with each agency's "
                            + "report a called process instance (%d runs)", calledReminders.size()), "as above", mine,
                    "the called reports' reminder timers due at once, no delegate, no mail",
                    Bench.runs(calledReminders.stream().map(Run::sample).toList()), "all sent < 30 s, none twice",
                    met));
        }
    }

    /**
     * The runs of the engine alone with our model's shape, its former shape (and that one's timers), and the former
     * shape with called reports.
     */
    void engineAloneNotes(List<Run> shape, List<Run> formerShape, List<Run> shapeTimers, List<Run> called) {
        shape.forEach(r -> fanOutNote("a job per measure, our model's shape (1.5.0)", r));
        formerShape.forEach(r -> fanOutNote("a job per measure, our model's former shape (timers and a message on "
                + "each task, up to 1.2.0)", r));
        shapeTimers.forEach(r -> timersNote("our model's former shape", r));
        called.forEach(r -> fanOutNote("a job per measure, each agency's report a called process instance of the "
                + "same shape", r));
        (called.isEmpty() ? List.<Run>of() : calledReminders)
                .forEach(r -> timersNote("each agency's report a called process instance", r));
    }

    /** A run of the engine's fan-out alone, {@code how} it was opened. */
    private void fanOutNote(String how, Run r) {
        notes.add(String.format(Locale.ROOT, "engine fan-out alone, %s: %,d tasks in %.1f s (%.0f tasks/s), %.1f SQL "
                + "statements per task, at most %d task(s) per transaction, %s", how, r.done(), r.seconds(),
                r.done() / r.seconds(), r.sqlPerTask(), r.maxTasksPerTransaction(), cpu(r)));
    }

    /** A run of the engine alone firing the reminder timers of {@code shape}. */
    private void timersNote(String shape, Run r) {
        notes.add(String.format(Locale.ROOT, "engine alone, %s: %,d reminder timers due at once (no delegate, no mail) "
                + "fired in %.1f s, %.1f SQL statements per timer, %.0f CPU seconds", shape, r.done(), r.seconds(),
                r.sqlPerTask(), r.cpuSeconds()));
    }

    /**
     * Runs {@code run} with the engine's own job executor defaults (acquisition in no particular order, 3 jobs per
     * acquisition, the starter's pool of 3 to 10 threads with a queue of 3), then restores ours. Our indexes stay.
     */
    <T> T withEngineDefaults(ThrowingSupplier<T> run) throws Exception {
        ProcessEngineConfigurationImpl configuration = configuration();
        JobExecutor executor = executor();
        ThreadPoolTaskExecutor pool = pool();
        boolean byDueDate = configuration.isJobExecutorAcquireByDueDate();
        int perAcquisition = executor.getMaxJobsPerAcquisition();
        int core = pool.getCorePoolSize();
        int max = pool.getMaxPoolSize();
        int waitTime = executor.getWaitTimeInMillis();
        long maxWait = executor.getMaxWait();
        try {
            configuration.setJobExecutorAcquireByDueDate(false);
            executor.setMaxJobsPerAcquisition(3);
            executor.setWaitTimeInMillis(5000);
            executor.setMaxWait(60_000);
            pool.setMaxPoolSize(10);
            pool.setCorePoolSize(3);
            notes.add("engine defaults: " + describeExecutor());
            return run.get();
        } finally {
            configuration.setJobExecutorAcquireByDueDate(byDueDate);
            executor.setMaxJobsPerAcquisition(perAcquisition);
            executor.setWaitTimeInMillis(waitTime);
            executor.setMaxWait(maxWait);
            pool.setCorePoolSize(core);
            pool.setMaxPoolSize(max);
        }
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    // ---- set-up -------------------------------------------------------------------------------------------------

    /** The agencies and their collective through the registry, as an administrator would add them. */
    void registerAgencies(BenchSet set) {
        List<String> codes = new ArrayList<>();
        for (int a = 0; a < set.agencies(); a++) {
            agencies.create(new Agency(BenchData.agency(a), AgencyKind.LOCAL_EXECUTIVE, "Bench agentliyi " + a,
                    "Bench agency " + a, "Агентство " + a, List.of(BenchData.email(a)), null), List.of(), List.of());
            codes.add(BenchData.agency(a));
        }
        agencies.create(new Agency(BenchData.COLLECTIVE, AgencyKind.COLLECTIVE, BenchData.COLLECTIVE_NAME, null, null,
                List.of(), null), List.of(), codes);
    }

    /** A plan of the set's measures, each executed by the collective, through the plan import (which starts them). */
    void importPlan(String code, PlanCalendar calendar, BenchSet set) {
        importPlan(code, calendar, set, set.measuresPerPlan());
    }

    void importPlan(String code, PlanCalendar calendar, BenchSet set, int measures) {
        StringBuilder csv = new StringBuilder("section,section_title,subsection,subsection_title,code,printed_code,"
                + "title,indicators,executors,recommended,period\n");
        for (int m = 0; m < measures; m++) {
            String measure = BenchData.measureCode(m);
            csv.append(m / 6 + 1).append(",Bölmə ").append(m / 6 + 1).append(",,,").append(measure).append(',')
                    .append(measure).append(",Tədbir ").append(measure).append(": elektron xidmətlər,İndikator,\"")
                    .append(BenchData.COLLECTIVE_NAME).append("\",,2016\n");
        }
        imports.commit(new ImportRequest(code, "Bench plan " + code, 2016, 2016, 10, calendar, false,
                csv.toString().getBytes(StandardCharsets.UTF_8), code + ".csv", "bench"));
        assertThat(count("select count(*) from measure where plan_code = ? and process_instance_id is not null", code))
                .isEqualTo(measures);
    }

    void deployFanOut() {
        BpmnModelInstance perAgency = Bpmn.createExecutableProcess(FAN_OUT).name("Engine fan-out alone")
                .camundaHistoryTimeToLive(1)
                .startEvent("Start_FanOut")
                .userTask(FAN_OUT_TASK).name("Agency report").camundaCandidateGroups("${agencyCode}")
                .multiInstance().parallel().camundaCollection("${agencies}").camundaElementVariable("agencyCode")
                .camundaAsyncBefore().multiInstanceDone()
                .endEvent("End_FanOut")
                .done();
        BpmnModelInstance perMeasure = Bpmn.createExecutableProcess(FAN_OUT_PER_MEASURE)
                .name("Engine fan-out alone, a job per measure")
                .camundaHistoryTimeToLive(1)
                .startEvent("Start_FanOut")
                .userTask(FAN_OUT_TASK).name("Agency report").camundaCandidateGroups("${agencyCode}")
                .camundaAsyncBefore()
                // the start's variables are transient (no serialization format here): the job reads the same list
                .multiInstance().parallel().camundaCollection("${benchFanOutAgencies.codes}")
                .camundaElementVariable("agencyCode")
                .multiInstanceDone()
                .endEvent("End_FanOut")
                .done();
        engine.getRepositoryService().createDeployment().name("bench fan-out")
                .addModelInstance(FAN_OUT + ".bpmn", perAgency)
                .addModelInstance(FAN_OUT_PER_MEASURE + ".bpmn", perMeasure)
                .addClasspathResource("bench/" + FAN_OUT_MODEL_SHAPE + ".bpmn")
                .addClasspathResource("bench/" + FAN_OUT_OUR_SHAPE + ".bpmn")
                .addClasspathResource("bench/" + FAN_OUT_CALLED + ".bpmn")
                .addClasspathResource("bench/" + CALLED_REPORT + ".bpmn").deploy();
    }

    /**
     * The cycle's "report requested" mails went out days before the reminders: what the poller has not sent yet is
     * recorded as sent here rather than spending minutes of SMTP time on it; then the poller's round in flight ends.
     */
    void settleOutbox() {
        jdbc.update("update mail_outbox set status = 'SENT', sent_at = ? where status = 'PENDING'",
                java.sql.Timestamp.from(az.opengov.nap.shared.Clock.now()));
        long deadline = System.nanoTime() + timeout().toNanos();
        while (count("select count(*) from mail_outbox where status = 'SENDING'") > 0) {
            assertThat(System.nanoTime()).as("outbox settled in time").isLessThan(deadline);
            sleep();
        }
    }

    // ---- the job executor and the clock -------------------------------------------------------------------------

    ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    JobExecutor executor() {
        return configuration().getJobExecutor();
    }

    ThreadPoolTaskExecutor pool() {
        return (ThreadPoolTaskExecutor) ((SpringJobExecutor) executor()).getTaskExecutor();
    }

    String describeExecutor() {
        return String.format(Locale.ROOT, "%d–%d threads, queue %d, %d jobs per acquisition, acquisition by due date "
                        + "%s, lock %d s, idle wait %d–%d ms", pool().getCorePoolSize(), pool().getMaxPoolSize(),
                pool().getQueueCapacity(), executor().getMaxJobsPerAcquisition(),
                configuration().isJobExecutorAcquireByDueDate() ? "on" : "off", executor().getLockTimeInMillis() / 1000,
                executor().getWaitTimeInMillis(), executor().getMaxWait());
    }

    /** Waits until no job is due and no job thread busy, then stops the job executor so that the clock may move. */
    void settle() {
        var jobs = engine.getManagementService();
        long deadline = System.nanoTime() + timeout().toNanos();
        while (jobs.createJobQuery().executable().count() > 0 || pool().getActiveCount() > 0) {
            long failed = jobs.createJobQuery().withException().count();
            assertThat(failed).as("failed jobs: " + jobs.createJobQuery().withException().listPage(0, 3).stream()
                    .map(j -> jobs.getJobExceptionStacktrace(j.getId()).lines().findFirst().orElse("")).toList())
                    .isZero();
            assertThat(System.nanoTime()).as("jobs settled in time").isLessThan(deadline);
            sleep();
        }
        executor().shutdown();
    }

    /**
     * Every run starts with the statistics the server's autovacuum would have by then ({@link Autoanalyze#beforeRun})
     * and right after a PostgreSQL checkpoint. A run writes some hundred megabytes of WAL; with the
     * server's default {@code max_wal_size} (1 GB) the generation before and the runs in turn start checkpoints, and
     * one that falls into a run (its writes, and a full-page image in the WAL for every page first changed after it)
     * made the same run take 36 s or 60 s. A checkpoint needs a superuser (or {@code pg_checkpoint}); without one the
     * runs go on as they are, and the notes say so.
     */
    void beforeRun() {
        if (!postgres()) {
            return;
        }
        autoanalyze.beforeRun();
        try {
            jdbc.execute("checkpoint");
        } catch (org.springframework.dao.DataAccessException e) {
            if (checkpointRefused++ == 0) {
                notes.add("no checkpoint before each run (" + e.getMostSpecificCause().getMessage() + "): a server "
                        + "checkpoint may fall into a run");
            }
        }
    }

    private int checkpointRefused;
    /** On PostgreSQL, the statistics' upkeep while {@link #cycleAndReminders} runs. */
    private Autoanalyze autoanalyze;

    /** The engine clock (and so ours) runs on from {@code instant}. */
    static void at(Instant instant) {
        ClockUtil.offset(instant.toEpochMilli() - System.currentTimeMillis());
    }

    /**
     * Polls {@code progress} every {@link #POLL} until it reaches {@code expected}. Failed jobs are looked for every
     * {@link #FAILED_JOBS_EVERY} polls only: that count scans the job table (15 ms of the database's time at 78,000
     * jobs), which every 100 ms took 4 s from a run it was watching.
     */
    int await(int expected, LongSupplier progress) {
        long deadline = System.nanoTime() + timeout().toNanos();
        long done = 0;
        for (int poll = 1; System.nanoTime() < deadline; poll++) {
            done = progress.getAsLong();
            if (done >= expected) {
                break;
            }
            if (poll % FAILED_JOBS_EVERY == 0) {
                long failed = engine.getManagementService().createJobQuery().withException().count();
                ownStatements++;
                assertThat(failed).as("failed jobs").isZero();
            }
            sleep();
        }
        assertThat(engine.getManagementService().createJobQuery().withException().count()).as("failed jobs").isZero();
        ownStatements++;
        return (int) done;
    }

    int count(String sql, Object... args) {
        ownStatements++;
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    String table(String name) {
        String prefix = configuration().getDatabaseTablePrefix();
        return (prefix == null ? "" : prefix) + name;
    }

    boolean postgres() {
        return BenchData.postgres(jdbc);
    }

    static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The agencies of the fan-out with a job per measure: its multi-instance body starts in the job, after the start's
     * transient variable is gone, so it reads them here (an expression, as the other fan-out reads its variable).
     */
    @org.springframework.stereotype.Component("benchFanOutAgencies")
    public static class FanOutAgencies {

        volatile List<String> codes = List.of();

        public List<String> getCodes() {
            return codes;
        }
    }

    /**
     * Counts the user tasks each transaction creates, from the engine's task events (Camunda's Spring event bridge,
     * called in the creating transaction): a counter bound to the transaction, read when it completes.
     */
    static class Counting {

        private final AtomicInteger max = new AtomicInteger();
        private final AtomicLong transactions = new AtomicLong();

        @EventListener
        void on(DelegateTask task) {
            if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
                return;
            }
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                throw new IllegalStateException("a task created outside a Spring transaction cannot be counted");
            }
            AtomicInteger inThis = (AtomicInteger) TransactionSynchronizationManager.getResource(this);
            if (inThis == null) {
                AtomicInteger counter = new AtomicInteger();
                TransactionSynchronizationManager.bindResource(this, counter);
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        TransactionSynchronizationManager.unbindResourceIfPossible(Counting.this);
                        if (status == STATUS_COMMITTED) {
                            max.accumulateAndGet(counter.get(), Math::max);
                            transactions.incrementAndGet();
                        }
                    }
                });
                inThis = counter;
            }
            inThis.incrementAndGet();
        }

        void reset() {
            max.set(0);
            transactions.set(0);
        }

        int maxPerTransaction() {
            return max.get();
        }

        long transactions() {
            return transactions.get();
        }
    }
}
