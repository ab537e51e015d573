package az.opengov.nap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.bench.Bench.Result;
import az.opengov.nap.bench.Bench.Stats;
import az.opengov.nap.measure.process.MeasureExecution;
import az.opengov.nap.measure.process.MeasureExecution.Elements;
import az.opengov.nap.measure.process.MeasureExecution.Variables;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorkKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Agencies submitting their reports, {@code threads} clients at once, each on report tasks of its own, in real
 * measures whose first cycle the engine opened. Three sides, interleaved round by round after a warm-up:
 * <ul>
 * <li>ours: the facade's {@code MeasureExecutionService.submit} as the agency's user, the door the JSON API and the
 * workspace use (the content is checked and stored as a report version, the task completed; the process's listener
 * marks the version submitted, the worklist and the outbox follow);</li>
 * <li>the baseline of the target: plain {@code TaskService.complete(taskId, variables)} with the report's content as
 * variables, as an application of bare Camunda would keep it, on the same process without anything of ours: a copy of
 * {@code MeasureExecution} made from the real file with its listeners taken out (and its two user tasks renamed, so
 * that the worklist does not follow them, and the form's fields declared in the agency report's scope, as a bare
 * application would keep 150 agencies' values apart), an instance per measure with its agencies' reports waiting at
 * their submit tasks under one multi-instance body and the variables of the real ones, so that each completion meets
 * the same execution tree (the engine reads a measure's executions, two per agency, when a report moves on),
 * subscriptions and next task (the review). Until 29 Nov each baseline instance held one agency's report: a tree the
 * engine reads in a fraction of the time, which no measure of 150 agencies has;</li>
 * <li>for the record: the same plain {@code complete} with variables on the real process (Camunda Tasklist's way in:
 * our listener validates and stores the content, the worklist and outbox follow).</li>
 * </ul>
 */
final class SubmitConcurrency {

    static final String BASELINE_KEY = "MeasureExecutionBaseline";
    static final String BASELINE_SUBMIT = "Baseline_SubmitProgressReport";
    static final String BASELINE_REVIEW = "Baseline_ReviewProgressReport";
    /** The engine clock while agencies submit; the background's timers fall due after it. */
    static final Instant SUBMITS_AT = Instant.parse("2026-07-05T06:00:00Z");
    /**
     * {@code -Dnap.bench.parent-task-index=false}: the runs without the index on {@code ACT_RU_TASK(PARENT_TASK_ID_)}
     * that the application adds to the engine's schema ({@code NAP_IDX_TASK_PARENT}), for a before figure.
     */
    static final String PARENT_TASK_INDEX = "nap.bench.parent-task-index";
    /**
     * {@code -Dnap.bench.baseline-executions-as-needed=true}: the baseline's completions read the executions they
     * touch by id, as our facade's submit does ({@code ExecutionsAsNeeded}), not the measure's whole execution tree
     * (the engine's default): the baseline given the same engine setting, for the share of our gain that is that
     * setting's.
     */
    static final String BASELINE_EXECUTIONS_AS_NEEDED = "nap.bench.baseline-executions-as-needed";

    /** How much to measure: measures × agencies open report tasks; per side threads × perThread per round. */
    record Sizes(int measures, int agencies, int threads, int perThread, int warmupRounds, int rounds) {
        int perSide() {
            return threads * perThread * (warmupRounds + rounds);
        }
    }

    private final RealMeasures measures;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final ProcessEngine engine;
    private final JdbcTemplate jdbc;
    /** After {@link #run}: a table of where one submit's statements go, for each side. */
    String statements = "";

    SubmitConcurrency(ApplicationContext context) {
        measures = new RealMeasures(context);
        engine = context.getBean(ProcessEngine.class);
        tasks = engine.getTaskService();
        runtime = engine.getRuntimeService();
        identity = engine.getIdentityService();
        jdbc = context.getBean(JdbcTemplate.class);
    }

    /**
     * The rest of the country around the measures that submit: {@code set}'s open report tasks (a third overdue) and
     * finished ones as {@link BenchData} writes them, with the timers and execution variables
     * {@link CycleHarness} gives them (none of the timers due while agencies submit), so that each completion meets
     * the engine's tables at national size.
     */
    void background(BenchSet set, List<String> notes) {
        var data = new BenchData(set, jdbc, engine, SUBMITS_AT);
        BenchData.Generated generated = data.generate();
        int timers = data.timerJobs(set.open() * 2, 0);
        int variables = data.executionVariables(CycleHarness.EXECUTION_VARIABLES_PER_TASK);
        assertThat(timers).as("background timers due while agencies submit").isZero();
        notes.add(String.format(Locale.ROOT, "around them the %s set, generated in %.1f s: %,d other open report "
                        + "tasks (%,d overdue), %,d finished, %,d timers (none due in the runs), %,d variables where "
                        + "the process keeps them", set.name(), generated.millis() / 1000.0, generated.openTasks(),
                generated.overdue(), generated.finished(), set.open() * 2, variables));
    }

    List<Result> run(Sizes sizes, List<String> notes) throws Exception {
        measures.ensureRegistry(sizes.agencies());
        long start = System.nanoTime();
        List<Measure> plan = measures.importPlan("SUBMIT", sizes.measures());
        measures.runJobs(plan);
        List<WorkItem> open = interleaved(plan);
        assertThat(open).hasSize(sizes.measures() * sizes.agencies());
        int n = sizes.perSide();
        assertThat(open.size()).as("open report tasks for two sides").isGreaterThanOrEqualTo(2 * n);
        assertThat(open.size()).as("open report tasks for two sides and a traced submit each")
                .isGreaterThanOrEqualTo(2 * n + 2);
        List<WorkItem> ours = open.subList(0, n + 1);
        List<WorkItem> tasklist = open.subList(n + 1, 2 * n + 2);
        deployBaseline();
        Map<Long, String> baselines = new java.util.HashMap<>();
        for (Measure m : plan) {
            baselines.put(m.id(), startBaseline(measures.open(m, WorkKind.REPORT)));
        }
        List<String> bare = new ArrayList<>();
        for (WorkItem w : ours) {
            bare.add(tasks.createTaskQuery().processInstanceId(baselines.get(w.measureId()))
                    .taskDefinitionKey(BASELINE_SUBMIT).taskCandidateGroup(w.agencyCode()).singleResult().getId());
        }
        notes.add(String.format(Locale.ROOT, "set-up in %.0f s: %d measures × %d agencies = %,d open report tasks "
                + "(plan imported, first cycle opened by the engine's jobs); the baseline: %d instances of the "
                + "process without our listeners, one per measure with the same %d agencies' report tasks in one "
                + "cycle (%,d open), so that each completion meets a measure's execution tree as ours does",
                (System.nanoTime() - start) / 1e9, sizes.measures(), sizes.agencies(), open.size(), baselines.size(),
                sizes.agencies(), tasks.createTaskQuery().processDefinitionKey(BASELINE_KEY).count()));
        boolean postgres = BenchData.postgres(jdbc);
        jdbc.execute(postgres ? "vacuum analyze" : "analyze");
        long openTasks = tasks.createTaskQuery().count();
        if (!Boolean.parseBoolean(System.getProperty(PARENT_TASK_INDEX, "true"))) {
            jdbc.execute("drop index NAP_IDX_TASK_PARENT");
            notes.add("**without the index on the tasks' parent** (`-D" + PARENT_TASK_INDEX + "=false`): each "
                    + "completion's look-up of the task's subtasks reads the open tasks");
        }
        notes.add(String.format(Locale.ROOT, "%,d open tasks in the engine when the runs start, its tables %s",
                openTasks, postgres ? "vacuumed and analyzed" : "analyzed"));
        boolean baselineAsNeeded = Boolean.getBoolean(BASELINE_EXECUTIONS_AS_NEEDED);
        if (baselineAsNeeded) {
            notes.add("**the baseline with the executions read as needed** (`-D" + BASELINE_EXECUTIONS_AS_NEEDED
                    + "=true`): its completions read the executions they touch by id, as our submit does, not the "
                    + "measure's whole execution tree");
        }
        RealMeasures.at(SUBMITS_AT);
        int threads = sizes.threads();
        Map<String, Object> variables = RealMeasures.CONTENT.asFormValues();

        double[][] cpu = new double[3][2];
        Stats[] s = Bench.concurrent(threads, sizes.warmupRounds(), sizes.rounds(), sizes.perThread(), cpu,
                (thread, i) -> {
                    WorkItem w = ours.get(i * threads + thread);
                    measures.execution.submit(w.taskId(), RealMeasures.CONTENT,
                            RealMeasures.agencyUser(w.agencyCode()));
                },
                (thread, i) -> bare(baselineAsNeeded, () -> complete(bare.get(i * threads + thread),
                        ours.get(i * threads + thread).agencyCode(), variables)),
                (thread, i) -> {
                    WorkItem w = tasklist.get(i * threads + thread);
                    complete(w.taskId(), w.agencyCode(), variables);
                });

        notes.add(String.format(Locale.ROOT, "CPU per submit in the measured rounds, the machine's (of it this "
                        + "JVM's; the rest is PostgreSQL's): ours %.2f ms (%.2f), the baseline %.2f ms (%.2f), plain "
                        + "complete on the real process %.2f ms (%.2f)", cpu[0][0] * 1e3 / s[0].n(),
                cpu[0][1] * 1e3 / s[0].n(), cpu[1][0] * 1e3 / s[1].n(), cpu[1][1] * 1e3 / s[1].n(),
                cpu[2][0] * 1e3 / s[2].n(), cpu[2][1] * 1e3 / s[2].n()));

        // one more submit of each side alone, statement by statement
        WorkItem last = ours.get(n);
        Map<String, int[]> where = new java.util.TreeMap<>();
        tally(where, 0, SqlCount.trace(() -> measures.execution.submit(last.taskId(), RealMeasures.CONTENT,
                RealMeasures.agencyUser(last.agencyCode()))));
        tally(where, 1, SqlCount.trace(() -> bare(baselineAsNeeded, () -> complete(bare.get(n), last.agencyCode(),
                variables))));
        tally(where, 2, SqlCount.trace(() -> complete(tasklist.get(n).taskId(), tasklist.get(n).agencyCode(),
                variables)));
        statements = breakdown(where);

        // everything submitted went where it should
        assertThat(count("select count(*) from progress_report r join measure m on m.id = r.measure_id "
                + "where m.plan_code = 'SUBMIT' and r.status = 'SUBMITTED'")).isEqualTo(2L * n + 2);
        assertThat(tasks.createTaskQuery().processDefinitionKey(BASELINE_KEY).taskDefinitionKey(BASELINE_REVIEW)
                .count()).isEqualTo(n + 1);
        assertThat(plan.stream().mapToLong(m -> measures.open(m, WorkKind.REVIEW).size()).sum())
                .isEqualTo(2L * n + 2);

        String scenario = String.format(Locale.ROOT, "Submit a report, %d concurrent clients (%,d submits per side, "
                + "%d measures × %d agencies)", threads, s[0].n(), sizes.measures(), sizes.agencies());
        String ours_ = "facade `MeasureExecutionService.submit` as the agency's user";
        boolean met = s[0].perSecond() >= s[1].perSecond() && s[0].sqlPerOp() <= 1.2 * s[1].sqlPerOp();
        List<Result> results = new ArrayList<>(List.of(
                BenchHarness.result(scenario, ours_, s[0], "plain `TaskService.complete` with the content as "
                        + "variables, same process without our listeners", s[1], "≥ 1.0× rate, ≤ 1.2× SQL", met),
                new Result(scenario, ours_, "for the record: the same plain `complete` on the real process "
                        + "(Tasklist's way in; our listener stores the report)", s[0], s[2], "–", "–")));
        results.addAll(administer(sizes, open.subList(2 * n + 2, open.size()), baselines, notes));
        return results;
    }

    /**
     * On reports still open after the submits, {@code threads} clients at once, each on reports of its own: agencies'
     * coordinators hand their report tasks to a colleague (the facade's {@code assign}, the workspace's delegation,
     * against plain {@code TaskService.setAssignee} on the same agency's task of the baseline process), then an
     * administrator moves their due dates (the facade's {@code extendDueDate}, as the monitoring page's action does
     * for each selected row; no bare counterpart: the engine has no agency's deadlines to move). Each is a write to one
     * agency's report in a measure of {@code agencies}.
     */
    private List<Result> administer(Sizes sizes, List<WorkItem> reports, Map<Long, String> baselines,
                                    List<String> notes) throws Exception {
        int n = sizes.perSide();
        assertThat(reports.size()).as("open report tasks left for the administration's runs").isGreaterThanOrEqualTo(n);
        List<WorkItem> mine = reports.subList(0, n);
        List<AppUser> people = new ArrayList<>();
        for (String agency : mine.stream().map(WorkItem::agencyCode).distinct().toList()) {
            people.add(coordinator(agency));
            people.add(colleague(agency));
        }
        measures.users.createAll(people, RealMeasures.PASSWORD);
        people.stream().filter(u -> u.username().equals(coordinator(u.agencyCode()).username()))
                .forEach(u -> measures.users.setCoordinator(u.username(), true));
        List<String> bare = new ArrayList<>();
        for (WorkItem w : mine) {
            bare.add(tasks.createTaskQuery().processInstanceId(baselines.get(w.measureId()))
                    .taskDefinitionKey(BASELINE_SUBMIT).taskCandidateGroup(w.agencyCode()).singleResult().getId());
        }
        int threads = sizes.threads();
        Stats[] assigned = Bench.concurrent(threads, sizes.warmupRounds(), sizes.rounds(), sizes.perThread(),
                (thread, i) -> {
                    WorkItem w = mine.get(i * threads + thread);
                    measures.execution.assign(w.taskId(), colleague(w.agencyCode()).username(),
                            coordinator(w.agencyCode()));
                },
                (thread, i) -> {
                    WorkItem w = mine.get(i * threads + thread);
                    as(coordinator(w.agencyCode()), () -> tasks.setAssignee(bare.get(i * threads + thread),
                            colleague(w.agencyCode()).username()));
                });
        java.time.LocalDate due = java.time.LocalDate.of(2026, 8, 31);
        Stats[] extended = Bench.concurrent(threads, sizes.warmupRounds(), sizes.rounds(), sizes.perThread(),
                (thread, i) -> {
                    WorkItem w = mine.get(i * threads + thread);
                    measures.execution.extendDueDate(w.measureId(), w.cycleNumber(), w.agencyCode(), due,
                            "Bench: məzuniyyət dövrü", RealMeasures.ADMIN);
                });
        // each went where it should: the colleague holds the task, due on the new date
        for (WorkItem w : mine) {
            WorkItem now = measures.worklist.openReport(w.measureId(), w.cycleNumber(), w.agencyCode()).orElseThrow();
            assertThat(now.taskId()).isEqualTo(w.taskId());
            assertThat(now.assignee()).isEqualTo(colleague(w.agencyCode()).username());
            assertThat(now.dueAt()).isEqualTo(Instant.parse("2026-08-31T19:59:59Z")); // the day's end in Baku
        }
        assertThat(bare.stream().map(id -> tasks.createTaskQuery().taskId(id).singleResult().getAssignee()))
                .doesNotContainNull();
        notes.add(String.format(Locale.ROOT, "then, on %,d reports still open, %d clients at once: each agency's "
                + "coordinator hands the report task to a colleague, then an administrator moves its due date",
                n, threads));
        String assign = String.format(Locale.ROOT, "Hand a report task to a colleague, %d concurrent clients (%,d "
                + "per side)", threads, assigned[0].n());
        String extend = String.format(Locale.ROOT, "Move an agency's due date, %d concurrent clients (%,d)", threads,
                extended[0].n());
        return List.of(new Result(assign, "facade `MeasureExecutionService.assign` as the agency's coordinator",
                        "plain `TaskService.setAssignee`, same process without our listeners", assigned[0],
                        assigned[1], "–", "–"),
                new Result(extend, "facade `MeasureExecutionService.extendDueDate` as an administrator", "–",
                        extended[0], null, "–", "–"));
    }

    /** An agency's coordinator, who hands its report tasks to colleagues. */
    private static AppUser coordinator(String agencyCode) {
        return RealMeasures.agencyUser(agencyCode);
    }

    private static AppUser colleague(String agencyCode) {
        AppUser coordinator = coordinator(agencyCode);
        return new AppUser(coordinator.username() + "-colleague", "Bench colleague " + agencyCode, null, "az",
                agencyCode, false, false, true);
    }

    private static final java.util.regex.Pattern TABLE = java.util.regex.Pattern.compile(
            "(?is)^\\s*(?:(select|delete)\\b.*?\\bfrom|(insert)\\s+into|(update))\\s+([a-z0-9_.\"]+)");

    /** Counts statements by what they do and to which table (the engine's {@code ACT_*} or ours). */
    private static void tally(Map<String, int[]> where, int side, List<String> statements) {
        for (String sql : statements) {
            java.util.regex.Matcher m = TABLE.matcher(sql);
            String verb = !m.find() ? null
                    : m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String key = verb != null ? verb.toLowerCase(Locale.ROOT) + " " + m.group(4).replace("\"", "")
                    .replaceFirst("^.*\\.", "").toLowerCase(Locale.ROOT) : sql.strip().split("\\s+")[0];
            where.computeIfAbsent(key, k -> new int[3])[side]++;
        }
    }

    private static String breakdown(Map<String, int[]> where) {
        int[] total = new int[3];
        int[] engine = new int[3];
        StringBuilder rows = new StringBuilder();
        where.forEach((key, n) -> {
            boolean ofEngine = key.contains(" act_");
            for (int i = 0; i < 3; i++) {
                total[i] += n[i];
                engine[i] += ofEngine ? n[i] : 0;
            }
            rows.append(String.format(Locale.ROOT, "| `%s` | %d | %d | %d |%n", key, n[0], n[1], n[2]));
        });
        return String.format(Locale.ROOT, "Where one submit's statements go (one more of each side, alone): ours %d "
                + "(engine %d, application %d); plain complete on the bare process %d (engine %d); plain complete on "
                + "the real process %d (engine %d, application %d).%n%n| statement | ours | plain, bare process | "
                + "plain, real process |%n|---|---|---|---|%n", total[0], engine[0], total[0] - engine[0], total[1],
                engine[1], total[2], engine[2], total[2] - engine[2]) + rows;
    }

    /** A baseline's completion, with the executions read as needed where the run asks for it. */
    private static void bare(boolean asNeeded, Runnable completion) {
        if (asNeeded) {
            az.opengov.nap.measure.ExecutionsAsNeeded.run(() -> {
                completion.run();
                return null;
            });
        } else {
            completion.run();
        }
    }

    /** A plain completion as Camunda Tasklist makes one: as the signed-in user, the form's values as variables. */
    private void complete(String taskId, String agencyCode, Map<String, Object> variables) {
        as(RealMeasures.agencyUser(agencyCode), () -> tasks.complete(taskId, variables));
    }

    /** Engine calls made as the signed-in user, as Camunda's webapps make them. */
    private void as(AppUser user, Runnable calls) {
        identity.setAuthentication(user.username(), user.groups());
        try {
            calls.run();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** The report tasks of the measures, taking one measure after another, so that clients spread over them. */
    private List<WorkItem> interleaved(List<Measure> plan) {
        List<List<WorkItem>> byMeasure = plan.stream().map(m -> measures.open(m, WorkKind.REPORT)).toList();
        List<WorkItem> all = new ArrayList<>();
        int most = byMeasure.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < most; i++) {
            for (List<WorkItem> l : byMeasure) {
                if (i < l.size()) {
                    all.add(l.get(i));
                }
            }
        }
        return all;
    }

    /** The measure process made from the real file, without our listeners, under its own key. */
    private void deployBaseline() throws java.io.IOException {
        BpmnModelInstance model;
        try (var in = getClass().getResourceAsStream("/processes/MeasureExecution.bpmn")) {
            model = Bpmn.readModelFromStream(in);
        }
        Process process = model.getModelElementById(MeasureExecution.PROCESS_KEY);
        process.setId(BASELINE_KEY);
        for (Class<? extends ModelElementInstance> type : List.of(CamundaTaskListener.class,
                CamundaExecutionListener.class)) {
            for (ModelElementInstance listener : model.getModelElementsByType(type)) {
                listener.getParentElement().removeChildElement(listener);
            }
        }
        // as a bare application would model it: each agency's form values in its report's scope, declared there (as
        // null), so that the agencies of a measure completing at once do not all write the measure's instance
        var inputs = model.newInstance(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class);
        for (String field : RealMeasures.CONTENT.asFormValues().keySet()) {
            var input = model.newInstance(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter.class);
            input.setCamundaName(field);
            inputs.getCamundaInputParameters().add(input);
        }
        model.<BaseElement>getModelElementById(Elements.SUBPROCESS_AGENCY_REPORT).getExtensionElements()
                .addChildElement(inputs);
        model.<BaseElement>getModelElementById(Elements.TASK_SUBMIT_PROGRESS_REPORT).setId(BASELINE_SUBMIT);
        model.<BaseElement>getModelElementById(Elements.TASK_REVIEW_PROGRESS_REPORT).setId(BASELINE_REVIEW);
        Bpmn.validateModel(model);
        engine.getRepositoryService().createDeployment().name("bench-baseline")
                .addModelInstance(BASELINE_KEY + ".bpmn", model)
                .addClasspathResource("forms/ProgressReport.form")
                .addClasspathResource("forms/ProgressReview.form")
                .deploy();
    }

    /**
     * An instance of the baseline process shaped as the real measure's: one reporting cycle whose agency reports wait
     * at their submit tasks, one for each of the measure's open reports, under one multi-instance body (an execution
     * and a scope execution per agency, its event subprocess's subscription), with the variables the real ones have:
     * the measure's and the cycle's deadlines on the instance, the agency's code on its report's scope. The first
     * report starts the instance, the others are added to its body in one modification. Returns the instance's id.
     */
    private String startBaseline(List<WorkItem> reports) {
        Map<String, Object> variables = new java.util.HashMap<>(tasks.getVariables(reports.get(0).taskId(),
                List.of(Variables.PLAN_CODE, Variables.MEASURE_ID, Variables.CYCLE_NUMBER, Variables.DUE_DATE,
                        Variables.REMINDER_AT, Variables.ESCALATION_CYCLE, Variables.WINDOW_CLOSES_AT)));
        String instance = runtime.createProcessInstanceByKey(BASELINE_KEY).setVariables(variables)
                .startBeforeActivity(BASELINE_SUBMIT)
                .setVariableLocal(Variables.AGENCY_CODE, reports.get(0).agencyCode()).execute().getId();
        String body = body(runtime.getActivityInstance(instance));
        var added = runtime.createProcessInstanceModification(instance);
        for (WorkItem w : reports.subList(1, reports.size())) {
            added.startBeforeActivity(BASELINE_SUBMIT, body).setVariableLocal(Variables.AGENCY_CODE, w.agencyCode());
        }
        added.execute();
        assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(BASELINE_SUBMIT).count())
                .isEqualTo(reports.size());
        return instance;
    }

    /** The activity instance of the agency reports' multi-instance body. */
    private static String body(org.camunda.bpm.engine.runtime.ActivityInstance instance) {
        if (Elements.AGENCY_REPORTS.equals(instance.getActivityId())) {
            return instance.getId();
        }
        for (var child : instance.getChildActivityInstances()) {
            String found = body(child);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
