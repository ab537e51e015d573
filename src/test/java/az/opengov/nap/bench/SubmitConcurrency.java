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
import org.camunda.bpm.engine.task.Task;
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
 * that the worklist does not follow them), each instance started at the submit task with the variables of a real
 * agency report, so that the same timers, subscriptions and next task (the review) are there;</li>
 * <li>for the record: the same plain {@code complete} with variables on the real process (Camunda Tasklist's way in:
 * our listener validates and stores the content, the worklist and outbox follow).</li>
 * </ul>
 */
final class SubmitConcurrency {

    static final String BASELINE_KEY = "MeasureExecutionBaseline";
    static final String BASELINE_SUBMIT = "Baseline_SubmitProgressReport";
    static final String BASELINE_REVIEW = "Baseline_ReviewProgressReport";

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
        List<String> bare = new ArrayList<>();
        for (WorkItem w : ours) {
            bare.add(startBaseline(w));
        }
        notes.add(String.format(Locale.ROOT, "set-up in %.0f s: %d measures × %d agencies = %,d open report tasks "
                + "(plan imported, first cycle opened by the engine's jobs), %,d baseline instances",
                (System.nanoTime() - start) / 1e9, sizes.measures(), sizes.agencies(), open.size(), bare.size()));
        RealMeasures.at(Instant.parse("2026-07-05T06:00:00Z"));
        int threads = sizes.threads();
        Map<String, Object> variables = RealMeasures.CONTENT.asFormValues();

        Stats[] s = Bench.concurrent(threads, sizes.warmupRounds(), sizes.rounds(), sizes.perThread(),
                (thread, i) -> {
                    WorkItem w = ours.get(i * threads + thread);
                    measures.execution.submit(w.taskId(), RealMeasures.CONTENT,
                            RealMeasures.agencyUser(w.agencyCode()));
                },
                (thread, i) -> complete(bare.get(i * threads + thread), ours.get(i * threads + thread).agencyCode(),
                        variables),
                (thread, i) -> {
                    WorkItem w = tasklist.get(i * threads + thread);
                    complete(w.taskId(), w.agencyCode(), variables);
                });

        // one more submit of each side alone, statement by statement
        WorkItem last = ours.get(n);
        Map<String, int[]> where = new java.util.TreeMap<>();
        tally(where, 0, SqlCount.trace(() -> measures.execution.submit(last.taskId(), RealMeasures.CONTENT,
                RealMeasures.agencyUser(last.agencyCode()))));
        tally(where, 1, SqlCount.trace(() -> complete(bare.get(n), last.agencyCode(), variables)));
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
        return List.of(
                BenchHarness.result(scenario, ours_, s[0], "plain `TaskService.complete` with the content as "
                        + "variables, same process without our listeners", s[1], "≥ 1.0× rate, ≤ 1.2× SQL", met),
                new Result(scenario, ours_, "for the record: the same plain `complete` on the real process "
                        + "(Tasklist's way in; our listener stores the report)", s[0], s[2], "–", "–"));
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

    /** A plain completion as Camunda Tasklist makes one: as the signed-in user, the form's values as variables. */
    private void complete(String taskId, String agencyCode, Map<String, Object> variables) {
        AppUser user = RealMeasures.agencyUser(agencyCode);
        identity.setAuthentication(user.username(), user.groups());
        try {
            tasks.complete(taskId, variables);
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
        model.<BaseElement>getModelElementById(Elements.TASK_SUBMIT_PROGRESS_REPORT).setId(BASELINE_SUBMIT);
        model.<BaseElement>getModelElementById(Elements.TASK_REVIEW_PROGRESS_REPORT).setId(BASELINE_REVIEW);
        Bpmn.validateModel(model);
        engine.getRepositoryService().createDeployment().name("bench-baseline")
                .addModelInstance(BASELINE_KEY + ".bpmn", model)
                .addClasspathResource("forms/ProgressReport.form")
                .addClasspathResource("forms/ProgressReview.form")
                .deploy();
    }

    /** An instance of the baseline process waiting at its submit task with the variables of a real agency report. */
    private String startBaseline(WorkItem like) {
        Map<String, Object> variables = tasks.getVariables(like.taskId(), List.of(Variables.PLAN_CODE,
                Variables.MEASURE_ID, Variables.CYCLE_NUMBER, Variables.AGENCY_CODE, Variables.ROLE,
                Variables.DUE_DATE, Variables.REMINDER_AT, Variables.ESCALATION_CYCLE, Variables.WINDOW_CLOSES_AT));
        String instance = runtime.createProcessInstanceByKey(BASELINE_KEY).startBeforeActivity(BASELINE_SUBMIT)
                .setVariables(variables).execute().getId();
        Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo(BASELINE_SUBMIT);
        return task.getId();
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
