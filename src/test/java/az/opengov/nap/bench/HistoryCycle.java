package az.opengov.nap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.measure.MeasureAction;
import az.opengov.nap.measure.process.MeasureExecution;
import az.opengov.nap.measure.process.MeasureExecution.Elements;
import az.opengov.nap.plan.AgencyRole;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorkKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One measure's first reporting cycle, start to end, through the application: the cycle opens for a collective of
 * agencies; an administrator extends one agency's due date and adds an agency; a third report early, reminders go
 * to the rest, who then report; the commission returns every {@code returnEvery}-th report, approves the others and
 * then the revised versions; the engine publishes them all and the cycle closes. The history the cycle left is
 * measured table by table, and the audit questions are asked of it.
 */
final class HistoryCycle {

    /** The forms' content fields, which our level keeps out of history. */
    static final String[] CONTENT = {"completionLevel", "whatWasDone", "indicatorValues", "obstacles", "nextSteps",
            "evidenceLinks", "comment", "summary"};

    /** An agency outside the collective, added to the running measure by an administrator. */
    static final String ADDED = "BAX01";

    /** What a cycle left behind: its history table by table, and how the audit questions were answered. */
    record Figures(String level, int agencies, int returned, int reminded, Map<String, HistoryBytes.Table> delta,
                   List<String> audit) {
        HistoryBytes.Table total() {
            return HistoryBytes.total(delta);
        }
    }

    private final RealMeasures measures;
    private final HistoryService history;
    private final RepositoryService repository;
    private final JdbcTemplate jdbc;
    private final HistoryBytes bytes;
    private final String level;

    HistoryCycle(ApplicationContext context) {
        measures = new RealMeasures(context);
        ProcessEngine engine = context.getBean(ProcessEngine.class);
        history = engine.getHistoryService();
        repository = engine.getRepositoryService();
        jdbc = context.getBean(JdbcTemplate.class);
        bytes = new HistoryBytes(jdbc);
        level = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                engine.getProcessEngineConfiguration()).getHistoryLevel().getName();
    }

    Figures run(int agencies, int returnEvery) {
        measures.ensureRegistry(agencies);
        if (measures.registry.find(ADDED).isEmpty()) {
            measures.registry.create(new az.opengov.nap.agency.Agency(ADDED, az.opengov.nap.agency.AgencyKind.MINISTRY,
                    "Bench əlavə nazirliyi", null, null, List.of("added@bench.localhost"), null), List.of(), List.of());
        }
        Measure measure = measures.importPlan("HIST", 1).get(0);
        String instance = measure.processInstanceId();
        Map<String, HistoryBytes.Table> before = bytes.snapshot(instance);

        measures.runJobs(List.of(measure));
        assertThat(measures.open(measure, WorkKind.REPORT)).hasSize(agencies);
        RealMeasures.at(Instant.parse("2026-07-03T06:00:00Z"));
        measures.execution.extendDueDate(measure.id(), 1, RealMeasures.agency(1), LocalDate.of(2026, 7, 31),
                "Məzuniyyət dövrü", RealMeasures.ADMIN);
        measures.execution.addAgency(measure.id(), ADDED, AgencyRole.EXECUTOR, "Plana dəyişiklik", RealMeasures.ADMIN);
        measures.runJobs(List.of(measure));
        assertThat(measures.open(measure, WorkKind.REPORT)).hasSize(agencies + 1);

        RealMeasures.at(Instant.parse("2026-07-05T06:00:00Z"));
        List<WorkItem> reports = measures.open(measure, WorkKind.REPORT);
        for (int i = 0; i < reports.size(); i += 3) {
            submit(reports.get(i));
        }
        RealMeasures.at(Instant.parse("2026-07-08T06:00:00Z")); // seven days before due, 10:00 in Baku
        int remindedBefore = measures.remindersRaised(measure);
        measures.runJobs(List.of(measure));
        measures.reminders.raiseDue();
        int reminded = measures.remindersRaised(measure) - remindedBefore;
        assertThat(reminded).isPositive();
        RealMeasures.at(Instant.parse("2026-07-10T06:00:00Z"));
        measures.open(measure, WorkKind.REPORT).forEach(this::submit);

        RealMeasures.at(Instant.parse("2026-07-12T06:00:00Z"));
        List<WorkItem> reviews = measures.open(measure, WorkKind.REVIEW);
        assertThat(reviews).hasSize(agencies + 1);
        int returned = 0;
        for (int i = 0; i < reviews.size(); i++) {
            if (i % returnEvery == returnEvery - 1) {
                measures.execution.review(reviews.get(i).taskId(), "RETURNED", "İndikatorlar üzrə rəqəmləri əlavə "
                        + "edin", null, RealMeasures.REVIEWER);
                returned++;
            } else {
                measures.execution.review(reviews.get(i).taskId(), "APPROVED", null, "SUBSTANTIAL",
                        RealMeasures.REVIEWER);
            }
        }
        measures.runJobs(List.of(measure));
        RealMeasures.at(Instant.parse("2026-07-14T06:00:00Z"));
        List<WorkItem> revisions = measures.open(measure, WorkKind.REPORT);
        assertThat(revisions).hasSize(returned);
        revisions.forEach(this::submit);
        for (WorkItem review : measures.open(measure, WorkKind.REVIEW)) {
            measures.execution.review(review.taskId(), "APPROVED", null, "SUBSTANTIAL", RealMeasures.REVIEWER);
        }
        measures.runJobs(List.of(measure));
        assertThat(measures.worklist.openForMeasure(measure.id())).isEmpty();

        Map<String, HistoryBytes.Table> delta = HistoryBytes.delta(before, bytes.snapshot(instance));
        List<String> audit = audit(measure, agencies + 1, returned, reminded, delta);
        return new Figures(level, agencies, returned, reminded, delta, audit);
    }

    private void submit(WorkItem task) {
        measures.execution.submit(task.taskId(), RealMeasures.CONTENT, RealMeasures.agencyUser(task.agencyCode()));
    }

    /**
     * The audit questions, asked of what the cycle left: who completed each task and when, the path each report
     * took, the administrators' actions, the report versions, and whether cleanup can find every history row.
     */
    private List<String> audit(Measure measure, int agencies, int returned, int reminded,
                               Map<String, HistoryBytes.Table> delta) {
        String instance = measure.processInstanceId();
        List<String> answers = new ArrayList<>();

        // who completed each task, and when: the task's end time and the user operation log's user
        List<HistoricTaskInstance> completed = history.createHistoricTaskInstanceQuery().processInstanceId(instance)
                .finished().list().stream().filter(t -> "completed".equals(t.getDeleteReason())).toList();
        Map<String, String> completedBy = new HashMap<>();
        for (UserOperationLogEntry e : history.createUserOperationLogQuery().processInstanceId(instance)
                .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list()) {
            completedBy.put(e.getTaskId(), e.getUserId());
        }
        int submits = agencies + returned;
        assertThat(completed).hasSize(2 * submits);
        Set<String> reporters = new HashSet<>();
        for (HistoricTaskInstance t : completed) {
            assertThat(t.getEndTime()).as("end time of task %s", t.getId()).isNotNull();
            String user = completedBy.get(t.getId());
            if (Elements.TASK_SUBMIT_PROGRESS_REPORT.equals(t.getTaskDefinitionKey())) {
                WorkItem item = measures.worklist.find(t.getId()).orElseThrow();
                assertThat(user).as("who submitted task %s", t.getId())
                        .isEqualTo(RealMeasures.agencyUser(item.agencyCode()).username());
                reporters.add(user);
            } else {
                assertThat(user).as("who reviewed task %s", t.getId()).isEqualTo(RealMeasures.REVIEWER.username());
            }
        }
        assertThat(reporters).hasSize(agencies);
        answers.add(String.format("who completed each task and when: %d completed tasks, each with its end time "
                + "(`ACT_HI_TASKINST`) and its user (`ACT_HI_OPLOG` Complete: %d agency users, the reviewer)",
                completed.size(), reporters.size()));

        // the path: activity instances by element
        Map<String, Long> path = new HashMap<>();
        for (String id : List.of(Elements.TASK_SUBMIT_PROGRESS_REPORT, Elements.TASK_REVIEW_PROGRESS_REPORT,
                Elements.TASK_RETURN_FOR_REVISION, Elements.TASK_PUBLISH_PROGRESS_REPORT,
                Elements.END_REPORT_PUBLISHED, Elements.SUBPROCESS_REPORTING_CYCLE)) {
            path.put(id, history.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId(id)
                    .finished().count());
        }
        assertThat(path.get(Elements.TASK_REVIEW_PROGRESS_REPORT)).isEqualTo(submits);
        assertThat(path.get(Elements.TASK_RETURN_FOR_REVISION)).isEqualTo(returned);
        assertThat(path.get(Elements.TASK_PUBLISH_PROGRESS_REPORT)).isEqualTo(agencies);
        assertThat(path.get(Elements.END_REPORT_PUBLISHED)).isEqualTo(agencies);
        assertThat(path.get(Elements.SUBPROCESS_REPORTING_CYCLE)).isEqualTo(1);
        assertThat(measures.remindersRaised(measure)).isEqualTo(reminded);
        answers.add(String.format("the path (`ACT_HI_ACTINST`): %d reviews, %d returns, %d publications, the cycle "
                + "closed; %d reminders (`deadline_event`, raised from the worklist, not the model)",
                path.get(Elements.TASK_REVIEW_PROGRESS_REPORT), returned, agencies, reminded));

        // administrators' actions: the engine's operation log (process instance modification) and ours
        long modifications = history.createUserOperationLogQuery().processInstanceId(instance)
                .userId(RealMeasures.ADMIN.username())
                .operationType(UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE).count();
        assertThat(modifications).isPositive();
        List<MeasureAction> actions = measures.execution.actions(measure.id());
        assertThat(actions).extracting(MeasureAction::action).contains("DUE_DATE_EXTENDED", "AGENCY_ADDED");
        assertThat(actions).allSatisfy(a -> assertThat(a.actor()).isEqualTo(RealMeasures.ADMIN.username()));
        answers.add(String.format("administrators' actions: the agency added is in the engine's operation log "
                + "(`ModifyProcessInstance` by %s); the due date extension and the addition with their reasons in "
                + "`measure_action` (%d rows)", RealMeasures.ADMIN.username(), actions.size()));

        // our own report versions, decisions, publications and audit trail
        long versions = count("select count(*) from progress_report where measure_id = ?", measure.id());
        long decisions = count("select count(*) from review_decision d join progress_report r on r.id = d.report_id "
                + "where r.measure_id = ?", measure.id());
        long published = count("select count(*) from publication where measure_id = ?", measure.id());
        long trail = count("select count(*) from audit_event where action = 'REPORT_SUBMITTED' and target_id in "
                + "(select cast(id as varchar) from progress_report where measure_id = ?)", measure.id());
        assertThat(versions).isEqualTo(submits);
        assertThat(count("select count(*) from progress_report where measure_id = ? and status = 'RETURNED'",
                measure.id())).isEqualTo(returned);
        assertThat(decisions).isEqualTo(submits);
        assertThat(published).isEqualTo(agencies);
        assertThat(trail).isEqualTo(submits);
        answers.add(String.format("report versions (`progress_report`: %d, %d of them returned), decisions "
                + "(`review_decision`: %d), publications (%d), submissions in `audit_event` (%d)", versions, returned,
                decisions, published, trail));

        // cleanup reaches every row: the instance's rows are all the tables gained; the definition has a TTL
        delta.forEach((table, d) -> assertThat(d.rows()).as("rows of %s found by their root process instance", table)
                .isEqualTo(d.tableRows()));
        String definition = history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult()
                .getProcessDefinitionId();
        Integer ttl = repository.getProcessDefinition(definition).getHistoryTimeToLive();
        assertThat(ttl).isEqualTo(3650);
        answers.add("history cleanup: every history row of the cycle carries its root process instance (removal "
                + "time is set on all of them when the measure ends), history time to live " + ttl + " days");
        if (level.equals("full-without-details")) {
            assertThat(delta.get("act_hi_detail").rows()).isZero();
            assertThat(history.createHistoricVariableInstanceQuery().processInstanceIdIn(instance)
                    .variableNameIn(CONTENT).count()).isZero();
            long decided = history.createHistoricVariableInstanceQuery().processInstanceIdIn(instance)
                    .variableName(MeasureExecution.Variables.DECISION).list().stream()
                    .filter(v -> v.getValue() != null).count();
            assertThat(decided).isEqualTo(agencies);
            answers.add("report content: none in the engine's history (`ACT_HI_DETAIL` empty, no `ACT_HI_VARINST` row "
                    + "of a content field); the routing variables are there (the last decision of each of the "
                    + agencies + " agencies); the versions are in `progress_report`");
        }
        return answers;
    }

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }
}
