package az.opengov.nap.bench;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * National-scale data, the same for a given {@link BenchSet} and seed: the collective's agencies, plans of 60
 * measures, the cycles' participants, open report tasks (a third overdue; some returned; some waiting for review) and
 * finished ones (published, approved, returned) with their reports, reviews and publications. Our own tables are
 * written directly in JDBC batches; the engine's state that the baselines read (the same tasks as
 * {@code ACT_RU_TASK} rows with their candidate group, due date and variables; the finished ones in
 * {@code ACT_HI_*}) is written through the engine, many tasks per command.
 */
final class BenchData {

    static final String COMMISSION = "commission";
    /** The collective every generated measure names as its executor; its members are the generated agencies. */
    static final String COLLECTIVE = "BCOLL";
    static final String COLLECTIVE_NAME = "Mərkəzi və yerli icra hakimiyyəti orqanları (bench)";
    static final int CHUNK = 500;

    private final BenchSet set;
    private final JdbcTemplate jdbc;
    private final ProcessEngine engine;
    private final Instant now;

    BenchData(BenchSet set, JdbcTemplate jdbc, ProcessEngine engine, Instant now) {
        this.set = set;
        this.jdbc = jdbc;
        this.engine = engine;
        this.now = now;
    }

    /** Whether the application's database is PostgreSQL (else H2). */
    static boolean postgres(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.execute((java.sql.Connection c) ->
                c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")));
    }

    static String agency(int a) {
        return "B" + String.format("%03d", a);
    }

    static String plan(int p) {
        return "BENCH-" + (p + 1);
    }

    static String measureCode(int m) {
        return (m / 6 + 1) + "." + (m % 6 + 1);
    }

    /** The first measure id of the generated plans (ids are given, far from the ones the application makes). */
    static final long FIRST_MEASURE = 1_000_000L;

    long measureId(int p, int m) {
        return FIRST_MEASURE + (long) p * set.measuresPerPlan() + m;
    }

    /** What was generated, for the scenarios to pick their inputs. */
    record Generated(int openTasks, int overdue, int finished, int published, long millis) {
    }

    Generated generate() {
        long start = System.nanoTime();
        agencies();
        return work(start);
    }

    /** The plans, cycles and tasks of {@link #generate()}, for agencies already registered (codes {@link #agency}). */
    Generated generateForRegisteredAgencies() {
        return work(System.nanoTime());
    }

    static String email(int a) {
        return "b" + a + "@bench.localhost";
    }

    private Generated work(long start) {
        Random random = new Random(set.seed());
        plans();
        int cycles = (set.finished() + set.open()) / set.slots() + 2;
        cycles(cycles);
        int[] counts = finished(random);
        int overdue = open(random, set.finished() / set.slots() + 1);
        return new Generated(set.open(), overdue, set.finished(), counts[0],
                (System.nanoTime() - start) / 1_000_000);
    }

    private void agencies() {
        List<Object[]> rows = new ArrayList<>();
        for (int a = 0; a < set.agencies(); a++) {
            rows.add(new Object[] {agency(a), "LOCAL_EXECUTIVE", "Bench agentliyi " + a, "Bench agency " + a,
                    "Агентство " + a, email(a)});
        }
        jdbc.batchUpdate("insert into agency (code, kind, name_az, name_en, name_ru, emails) values (?,?,?,?,?,?)",
                rows);
        jdbc.update("insert into agency (code, kind, name_az, collective) values (?, 'COLLECTIVE', ?, true)",
                COLLECTIVE, COLLECTIVE_NAME);
        List<Object[]> members = new ArrayList<>();
        for (int a = 0; a < set.agencies(); a++) {
            members.add(new Object[] {COLLECTIVE, agency(a)});
        }
        jdbc.batchUpdate("insert into agency_member (collective_code, member_code) values (?,?)", members);
    }

    private void plans() {
        LocalDate year = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int p = 0; p < set.plans(); p++) {
            jdbc.update("""
                    insert into plan (code, title, first_year, last_year, frequency_months, due_offset_days,
                        reminder_days, escalation_days, revision_days, window_days, imported_at, imported_by)
                    values (?, ?, ?, ?, 6, 15, 7, 7, 14, 30, ?, 'bench')""",
                    plan(p), "Bench plan " + (p + 1), year.getYear() - 1, year.getYear() + 1, Timestamp.from(now));
            for (int s = 1; s <= (set.measuresPerPlan() + 5) / 6; s++) {
                jdbc.update("insert into plan_section (plan_code, number, title) values (?,?,?)", plan(p), s,
                        "Bölmə " + s);
            }
            List<Object[]> measures = new ArrayList<>();
            List<Object[]> parties = new ArrayList<>();
            List<Object[]> members = new ArrayList<>();
            for (int m = 0; m < set.measuresPerPlan(); m++) {
                long id = measureId(p, m);
                measures.add(new Object[] {id, plan(p), measureCode(m), measureCode(m), m / 6 + 1,
                        "Tədbir " + measureCode(m) + ": elektron xidmətlərin təkmilləşdirilməsi (bench)",
                        "Görülən tədbirlər", year.getYear() - 1, year.getYear() + 1, "RUNNING", m});
                parties.add(new Object[] {id, "EXECUTOR", 0, COLLECTIVE});
                for (int a = 0; a < set.agencies(); a++) {
                    members.add(new Object[] {id, agency(a), "EXECUTOR", COLLECTIVE});
                }
            }
            jdbc.batchUpdate("""
                    insert into measure (id, plan_code, code, printed_code, section, title, indicators, first_year,
                        last_year, status, sort_key) values (?,?,?,?,?,?,?,?,?,?,?)""", measures);
            jdbc.batchUpdate("insert into measure_party (measure_id, role, position, agency_code) values (?,?,?,?)",
                    parties);
            batches("insert into measure_agency (measure_id, agency_code, role, named_as) values (?,?,?,?)",
                    members);
        }
    }

    private void cycles(int cycles) {
        List<Object[]> rows = new ArrayList<>();
        LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC).minusMonths(6L * cycles);
        for (int p = 0; p < set.plans(); p++) {
            for (int m = 0; m < set.measuresPerPlan(); m++) {
                for (int c = 1; c <= cycles; c++) {
                    LocalDate start = first.plusMonths(6L * (c - 1));
                    rows.add(new Object[] {measureId(p, m), c, Date.valueOf(start),
                            Date.valueOf(start.plusMonths(6).minusDays(1)), Date.valueOf(start.plusMonths(6)
                            .plusDays(14)), c == cycles,
                            Timestamp.from(start.atStartOfDay().toInstant(ZoneOffset.UTC))});
                }
            }
        }
        batches("""
                insert into reporting_cycle (measure_id, number, period_start, period_end, due_date, final_cycle,
                    opened_at)
                values (?,?,?,?,?,?,?)""", rows);
    }

    private record Slot(int plan, int measure, int agency, int cycle) {
    }

    private Slot slot(int i) {
        int perPlan = set.measuresPerPlan() * set.agencies();
        int s = i % set.slots();
        return new Slot(s / perPlan, s % perPlan / set.agencies(), s % set.agencies(), i / set.slots() + 1);
    }

    /** Finished report tasks: 60 % published, 25 % approved, 15 % returned (a later version then published). */
    private int[] finished(Random random) {
        int published = 0;
        TaskService tasks = engine.getTaskService();
        List<Object[]> reports = new ArrayList<>();
        List<Object[]> reviews = new ArrayList<>();
        List<Object[]> publications = new ArrayList<>();
        List<Object[]> participants = new ArrayList<>();
        List<Object[]> items = new ArrayList<>();
        long reportId = 1_000_000L;
        for (int from = 0; from < set.finished(); from += CHUNK) {
            int to = Math.min(set.finished(), from + CHUNK);
            List<Slot> slots = new ArrayList<>();
            List<String> outcomes = new ArrayList<>();
            for (int i = from; i < to; i++) {
                slots.add(slot(i));
                int r = random.nextInt(100);
                outcomes.add(r < 60 ? "PUBLISHED" : r < 85 ? "APPROVED" : "RETURNED");
            }
            List<String> ids = inEngine(() -> {
                List<String> made = new ArrayList<>();
                for (int k = 0; k < slots.size(); k++) {
                    Slot s = slots.get(k);
                    Task t = tasks.newTask();
                    t.setName("Tərəqqi hesabatı " + measureCode(s.measure()));
                    t.setDueDate(java.util.Date.from(now.minus(200L * s.cycle(), ChronoUnit.DAYS)));
                    tasks.saveTask(t);
                    tasks.addCandidateGroup(t.getId(), agency(s.agency()));
                    tasks.setVariablesLocal(t.getId(), Map.of("measureId", measureId(s.plan(), s.measure()),
                            "measureCode", plan(s.plan()) + ":" + measureCode(s.measure()),
                            "agencyCode", agency(s.agency()), "cycleNumber", s.cycle(),
                            "outcome", outcomes.get(k), "whatWasDone", text(s)));
                    tasks.complete(t.getId());
                    made.add(t.getId());
                }
                return made;
            });
            for (int k = 0; k < slots.size(); k++) {
                Slot s = slots.get(k);
                String outcome = outcomes.get(k);
                long id = reportId++;
                long measure = measureId(s.plan(), s.measure());
                Instant submitted = now.minus(200L * s.cycle() + 3, ChronoUnit.DAYS);
                String status = "RETURNED".equals(outcome) ? "RETURNED" : outcome;
                reports.add(new Object[] {id, measure, s.cycle(), agency(s.agency()), 1, status, "SUBSTANTIAL",
                        text(s), "İndikator: 3 xidmət", "bench-user", ts(submitted), ts(submitted), "bench-user",
                        ts(submitted)});
                reviews.add(new Object[] {id, "RETURNED".equals(outcome) ? "RETURNED" : "APPROVED",
                        "RETURNED".equals(outcome) ? "Rəqəmləri əlavə edin" : null, "commission-user",
                        ts(submitted.plus(2, ChronoUnit.DAYS))});
                if ("PUBLISHED".equals(outcome)) {
                    publications.add(new Object[] {id, measure, s.cycle(), agency(s.agency()),
                            ts(submitted.plus(2, ChronoUnit.DAYS))});
                    published++;
                }
                participants.add(new Object[] {measure, s.cycle(), agency(s.agency()), s.agency(), "EXECUTOR",
                        "PUBLISHED".equals(outcome) ? "PUBLISHED" : "OPEN", Date.valueOf(LocalDate.ofInstant(
                        now.minus(200L * s.cycle(), ChronoUnit.DAYS), ZoneOffset.UTC))});
                items.add(new Object[] {ids.get(k), "bench-finished", "REPORT", plan(s.plan()), measure,
                        measureCode(s.measure()), s.measure() / 6 + 1, s.cycle(), agency(s.agency()), "EXECUTOR",
                        agency(s.agency()), null, false, "COMPLETED", ts(submitted.minus(30, ChronoUnit.DAYS)),
                        ts(now.minus(200L * s.cycle(), ChronoUnit.DAYS)), ts(submitted)});
            }
            flush(reports, reviews, publications, participants, items);
        }
        return new int[] {published};
    }

    /** Open report tasks of the next cycle: a third overdue, one in ten returned, one in twenty waiting for review. */
    private int open(Random random, int firstOpenCycle) {
        int overdue = 0;
        TaskService tasks = engine.getTaskService();
        List<Object[]> items = new ArrayList<>();
        List<Object[]> participants = new ArrayList<>();
        for (int from = 0; from < set.open(); from += CHUNK) {
            int to = Math.min(set.open(), from + CHUNK);
            List<Slot> slots = new ArrayList<>();
            List<Instant> dues = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            for (int i = from; i < to; i++) {
                Slot s = slot(i + set.finished());
                slots.add(s);
                boolean late = i % 3 == 0;
                dues.add(late ? now.minus(1 + random.nextInt(60), ChronoUnit.DAYS)
                        : now.plus(1 + random.nextInt(90), ChronoUnit.DAYS));
                kinds.add(random.nextInt(20) == 0 ? "REVIEW" : "REPORT");
            }
            List<String> ids = inEngine(() -> {
                List<String> made = new ArrayList<>();
                for (int k = 0; k < slots.size(); k++) {
                    Slot s = slots.get(k);
                    Task t = tasks.newTask();
                    t.setName("Tərəqqi hesabatı " + measureCode(s.measure()));
                    t.setDueDate(java.util.Date.from(dues.get(k)));
                    tasks.saveTask(t);
                    tasks.addCandidateGroup(t.getId(), "REVIEW".equals(kinds.get(k)) ? COMMISSION : agency(s.agency()));
                    tasks.setVariablesLocal(t.getId(), Map.of("measureId", measureId(s.plan(), s.measure()),
                            "measureCode", plan(s.plan()) + ":" + measureCode(s.measure()),
                            "agencyCode", agency(s.agency()), "cycleNumber", s.cycle()));
                    made.add(t.getId());
                }
                return made;
            });
            for (int k = 0; k < slots.size(); k++) {
                Slot s = slots.get(k);
                long measure = measureId(s.plan(), s.measure());
                boolean review = "REVIEW".equals(kinds.get(k));
                if (dues.get(k).isBefore(now)) {
                    overdue++;
                }
                participants.add(new Object[] {measure, s.cycle(), agency(s.agency()), s.agency(), "EXECUTOR", "OPEN",
                        Date.valueOf(LocalDate.ofInstant(dues.get(k), ZoneOffset.UTC))});
                items.add(new Object[] {ids.get(k), "bench-open", kinds.get(k), plan(s.plan()), measure,
                        measureCode(s.measure()), s.measure() / 6 + 1, s.cycle(), agency(s.agency()), "EXECUTOR",
                        review ? COMMISSION : agency(s.agency()), null, !review && random.nextInt(10) == 0, "OPEN",
                        ts(dues.get(k).minus(30, ChronoUnit.DAYS)), ts(dues.get(k)), null});
            }
            flush(List.of(), List.of(), List.of(), participants, items);
        }
        return overdue;
    }

    /**
     * The variables of the open report tasks where the application's process keeps them: on the tasks' executions,
     * with no task id. The generated tasks stand alone, so their variables are task-local (the baselines read them
     * there); alone, they would tell PostgreSQL's planner that a variable with no task id is rare, and the engine's
     * read of an execution's variables ({@code where EXECUTION_ID_ = ? and TASK_ID_ is null}) would then walk the
     * task-id index, 20 ms a read, which no deployment of the application sees. {@code perTask} rows for each open
     * task, in scopes of their own (no execution, so no engine query finds them); returns how many.
     */
    int executionVariables(int perTask) {
        String prefix = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine
                .getProcessEngineConfiguration()).getDatabaseTablePrefix();
        String table = (prefix == null ? "" : prefix) + "ACT_RU_VARIABLE";
        int rows = set.open() * perTask;
        boolean postgres = postgres(jdbc);
        String i = postgres ? "i" : "X";
        return jdbc.update("insert into " + table + " (ID_, REV_, TYPE_, NAME_, VAR_SCOPE_, SEQUENCE_COUNTER_, "
                + "IS_CONCURRENT_LOCAL_, TEXT_) select 'bench-var-' || " + i + ", 1, 'string', 'v' || mod(" + i
                + ", ?), 'bench-scope-' || (" + i + " / ?), 1, false, 'B' || mod(" + i + ", 150) from "
                + (postgres ? "generate_series(0, ? - 1) as g(i)" : "system_range(0, ? - 1)"), perTask, perTask, rows);
    }

    /**
     * The timers of the open report tasks as the engine keeps them: a reminder and an escalation per task, in the
     * process instance of its measure (exclusive jobs), {@code due} of them due now, the rest spread over 90 days, in
     * no particular order. Returns how many are due.
     */
    int timerJobs(int total, int due) {
        Random random = new Random(set.seed() + 1);
        int measures = set.plans() * set.measuresPerPlan();
        int made = 0;
        for (int from = 0; from < total; from += CHUNK) {
            int to = Math.min(total, from + CHUNK);
            List<java.util.Date> dues = new ArrayList<>();
            for (int i = from; i < to; i++) {
                dues.add(java.util.Date.from(random.nextInt(total) < due ? now.minus(1, ChronoUnit.MINUTES)
                        : now.plus(1 + random.nextInt(90 * 24), ChronoUnit.HOURS)));
            }
            int first = from;
            inEngine(() -> {
                var context = org.camunda.bpm.engine.impl.context.Context.getCommandContext();
                for (int k = 0; k < dues.size(); k++) {
                    var timer = new org.camunda.bpm.engine.impl.persistence.entity.TimerEntity();
                    timer.setJobHandlerType("bench-reminder");
                    timer.setDuedate(dues.get(k));
                    timer.setRetries(3);
                    timer.setExclusive(true);
                    String instance = "bench-measure-" + ((first + k) % measures);
                    timer.setProcessInstanceId(instance);
                    timer.setRootProcessInstanceId(instance);
                    context.getJobManager().insertJob(timer);
                }
                return null;
            });
            for (java.util.Date d : dues) {
                made += d.toInstant().isBefore(now) ? 1 : 0;
            }
        }
        return made;
    }

    private static String text(Slot s) {
        return "Hesabat dövründə " + measureCode(s.measure()) + " tədbiri üzrə elektron xidmətlər portalında 3 yeni "
                + "xidmət istifadəyə verilib, vətəndaş müraciətlərinin onlayn qəbulu genişləndirilib, "
                + "əməkdaşlar üçün təlimlər keçirilib (dövr " + s.cycle() + ", agentlik " + agency(s.agency()) + ").";
    }

    private <T> T inEngine(java.util.function.Supplier<T> work) {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequired().execute(context -> work.get());
    }

    private void flush(List<Object[]> reports, List<Object[]> reviews, List<Object[]> publications,
                       List<Object[]> participants, List<Object[]> items) {
        batches("""
                insert into progress_report (id, measure_id, cycle_number, agency_code, version, status,
                    completion_level, what_was_done, indicator_values, created_by, created_at, updated_at,
                    submitted_by, submitted_at)
                values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", reports);
        batches("insert into review_decision (report_id, decision, comment, reviewer, decided_at) values (?,?,?,?,?)",
                reviews);
        batches("""
                insert into publication (report_id, measure_id, cycle_number, agency_code, published_at)
                values (?,?,?,?,?)""", publications);
        batches("""
                insert into cycle_participant (measure_id, cycle_number, agency_code, position, role, status, due_date)
                values (?,?,?,?,?,?,?)""", participants);
        batches("""
                insert into work_item (task_id, process_instance_id, kind, plan_code, measure_id, measure_code, section,
                    cycle_number, agency_code, role, candidate_group, assignee, returned, state, created_at, due_at,
                    ended_at)
                values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""", items);
        for (List<Object[]> l : List.of(reports, reviews, publications, participants, items)) {
            if (!l.isEmpty()) {
                l.clear();
            }
        }
    }

    private void batches(String sql, List<Object[]> rows) {
        for (int i = 0; i < rows.size(); i += 1000) {
            jdbc.batchUpdate(sql, rows.subList(i, Math.min(rows.size(), i + 1000)));
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
