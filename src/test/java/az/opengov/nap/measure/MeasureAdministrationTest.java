package az.opengov.nap.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.opengov.nap.measure.process.MeasureExecution;
import az.opengov.nap.notification.DeadlineEventService;
import az.opengov.nap.notification.DeadlineKind;
import az.opengov.nap.notification.DeadlineReached;
import az.opengov.nap.plan.AgencyRole;
import az.opengov.nap.plan.ImportRequest;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.MeasureStatus;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.reporting.ReportContent;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.support.EngineJobs;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorklistService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The measure process running for real in the application: deadlines raised on the right days as the engine clock
 * moves, and the administrators' operations on a running measure, each recorded, each followed by the engine.
 */
// the test raises the deadlines itself as it moves the clock; the scheduled deadline poller, on the same moved clock,
// would race it: an item the poller holds locked is skipped by the test's own raise, and seen only after it looked
@SpringBootTest(properties = "nap.notification.scheduling-enabled=false")
@ActiveProfiles("test")
class MeasureAdministrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    az.opengov.nap.notification.Reminders reminders;
    @org.springframework.beans.factory.annotation.Autowired
    az.opengov.nap.notification.Escalations escalations;

    /** The measure's due jobs, then its due reminders: what the job executor and the reminder poller do. */
    private void runDue(String processInstanceId) {
        EngineJobs.runDue(management, reminders, escalations, processInstanceId);
    }

    static final String PLAN = """
            section,section_title,subsection,subsection_title,code,printed_code,title,indicators,executors,recommended,\
            period
            1,Elektron xidmətlər,,,1.1,1.1,Birinci tədbir,İndikator,\
            Rabitə və Yüksək Texnologiyalar Nazirliyi;Təhsil Nazirliyi,Milli Məclis,2016
            """;
    static final AppUser ADMIN = new AppUser("adm", "Admin", null, "az", null, false, true, true);
    static final AppUser REVIEWER = new AppUser("rev", "Reviewer", null, "az", "ACC", true, false, true);

    @Autowired
    PlanImportService imports;
    @Autowired
    PlanService plans;
    @Autowired
    MeasureExecutionService execution;
    @Autowired
    WorklistService worklist;
    @Autowired
    DeadlineEventService deadlines;
    @Autowired
    CycleService cycles;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ModelMigration migration;
    @Autowired
    az.opengov.nap.security.UserDirectory users;
    @Autowired
    org.camunda.bpm.engine.HistoryService history;
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("remindersHealthIndicator")
    org.springframework.boot.actuate.health.HealthIndicator remindersHealth;
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("escalationsHealthIndicator")
    org.springframework.boot.actuate.health.HealthIndicator escalationsHealth;

    private static int planCounter;
    private Measure measure;

    @BeforeEach
    void importPlan() {
        // 2016 becomes 2026: the first half-year's reports are asked for on 1 July and due on 15 July 2026
        at("2026-07-01T08:00:00");
        measure = importMeasure();
        runDue(measure.processInstanceId());
    }

    private Measure importMeasure() {
        String code = "ADM-" + (++planCounter) + "-" + System.nanoTime();
        imports.commit(new ImportRequest(code, "Test plan", 2016, 2016, 10, PlanCalendar.DEFAULT, false,
                PLAN.getBytes(StandardCharsets.UTF_8), "plan.csv", "test"));
        return plans.findMeasure(code, "1.1").orElseThrow();
    }

    /**
     * A new measure whose first cycle's timer has fired (the cycle is opened, its participants recorded) while the one
     * job that starts all its reports has not run yet.
     */
    private Measure openedWithReportsWaiting() {
        Measure opening = importMeasure();
        String pi = opening.processInstanceId();
        management.executeJob(management.createJobQuery().processInstanceId(pi)
                .activityId(MeasureExecution.Elements.TIMER_CYCLE_OPENS).executable().singleResult().getId());
        assertThat(management.createJobQuery().processInstanceId(pi)
                .activityId(MeasureExecution.Elements.AGENCY_REPORTS).count()).isEqualTo(1);
        assertThat(worklist.openForMeasure(opening.id())).isEmpty();
        return opening;
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void everyAgencyIsAskedWhenTheCycleOpensWithItsDueDate() {
        assertThat(open().stream().map(WorkItem::agencyCode)).containsExactlyInAnyOrder("MCHT", "EDU", "MILLI_MECLIS");
        WorkItem mcht = item("MCHT");
        assertThat(mcht.kind().name()).isEqualTo("REPORT");
        assertThat(mcht.dueAt()).isEqualTo(ZonedDateTime.parse("2026-07-15T23:59:59+04:00").toInstant());
        assertThat(item("MILLI_MECLIS").kind().name()).isEqualTo("INVITED_REPORT");
        assertThat(tasks.createTaskQuery().processInstanceId(measure.processInstanceId()).taskCandidateGroup("MCHT")
                .singleResult().getDueDate())
                .isEqualTo(Date.from(mcht.dueAt()));
    }

    @Test
    void anOpenedCycleLeavesEachAgencysReportAndCodeInHistoryNotTheEnginesCountsNorItsNoneStartEvents() {
        String pi = measure.processInstanceId();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi)
                .variableName(MeasureExecution.Variables.AGENCY_CODE).list())
                .extracting(v -> v.getValue()).containsExactlyInAnyOrder("MCHT", "EDU", "MILLI_MECLIS");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi)
                .variableNameIn(MeasureExecution.Variables.MULTI_INSTANCE.toArray(String[]::new)).count())
                .as("the loop counter and instance counts, in the runtime only").isZero();
        assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(pi)
                .variableName(MeasureExecution.Variables.LOOP_COUNTER).count()).as("one per agency and per cycle")
                .isGreaterThanOrEqualTo(3);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi)
                .activityId(MeasureExecution.Elements.SUBPROCESS_AGENCY_REPORT).count()).isEqualTo(3);
        assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(pi)
                .variableName(MeasureExecution.Variables.ROLE).count())
                .as("model 1.5.0 routes on the participants' roles, not on a variable of each report").isZero();
        assertThat(open()).extracting(WorkItem::agencyCode, WorkItem::role).containsExactlyInAnyOrder(
                tuple("MCHT", "EXECUTOR"), tuple("EDU", "EXECUTOR"), tuple("MILLI_MECLIS", "RECOMMENDED"));
        for (String start : List.of(MeasureExecution.Elements.START_MEASURE_STARTED,
                MeasureExecution.Elements.START_CYCLE_SCHEDULED,
                MeasureExecution.Elements.START_AGENCY_REPORT_REQUESTED)) {
            assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi).activityId(start).count())
                    .as(start).isZero();
        }
        // a start event that waited for something keeps its row
        execution.removeAgency(measure.id(), "EDU", "Səlahiyyət başqa quruma keçib", ADMIN);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi)
                .activityId(MeasureExecution.Elements.START_AGENCY_REMOVED).count()).isEqualTo(1);
    }

    @Test
    void remindersBeforeDueAndEscalationsCountedInDaysOverdueForExecutorsOnly() {
        at("2026-07-08T06:00:00"); // 10:00 in Baku, seven days before due
        runDue(measure.processInstanceId());
        assertThat(kinds()).containsOnly(DeadlineKind.REMINDER);
        assertThat(events().stream().map(DeadlineReached::agencyCode))
                .containsExactlyInAnyOrder("MCHT", "EDU", "MILLI_MECLIS");

        at("2026-07-16T06:00:00"); // the day after due
        runDue(measure.processInstanceId());
        List<DeadlineReached> escalations = events().stream().filter(e -> e.kind() == DeadlineKind.ESCALATION).toList();
        assertThat(escalations.stream().map(DeadlineReached::agencyCode)).containsExactlyInAnyOrder("MCHT", "EDU");
        assertThat(escalations).allSatisfy(e -> {
            assertThat(e.daysOverdue()).isEqualTo(1);
            assertThat(e.sequence()).isEqualTo(1);
        });

        at("2026-07-23T06:00:00"); // seven days later: the second escalation
        runDue(measure.processInstanceId());
        runDue(measure.processInstanceId());
        assertThat(events().stream().filter(e -> e.sequence() == 2).map(DeadlineReached::daysOverdue))
                .containsExactly(6, 6); // working days: 16-17 and 20-23 July
        assertThat(events()).hasSize(3 + 2 + 2);

        // the invited body's window closes 30 days after due: "not reported", never escalated
        at("2026-08-15T06:00:00");
        runDue(measure.processInstanceId());
        assertThat(cycles.participant(measure.id(), 1, "MILLI_MECLIS").status())
                .isEqualTo(ParticipantStatus.NOT_REPORTED);
        assertThat(events().stream().filter(e -> e.agencyCode().equals("MILLI_MECLIS")).map(DeadlineReached::kind))
                .containsOnly(DeadlineKind.REMINDER);
        assertThat(open().stream().map(WorkItem::agencyCode)).containsExactlyInAnyOrder("MCHT", "EDU");
    }

    /**
     * An agency's hand-over of its task, its submission and its review through the facade read the executions they
     * touch by id, not the measure's whole execution tree ({@link ExecutionsAsNeeded}); the same completion made the
     * Tasklist way (plain {@code TaskService.complete}) still reads the tree, as every other command does. Both
     * reports go on to review, the approved one to publication.
     */
    @Test
    void aHandOverASubmissionAndItsReviewThroughTheFacadeReadTheirOwnExecutionsNotTheMeasuresWholeTree() {
        az.opengov.nap.reporting.ReportContent content = new az.opengov.nap.reporting.ReportContent("COMPLETE",
                "Hazırdır", "Bütün indikatorlar", null, null, null);
        AppUser edu = new AppUser("e", "E", null, "az", "EDU", false, false, true);
        String eduTask = item("EDU").taskId();
        String suffix = "-" + System.nanoTime();
        AppUser coordinator = new AppUser("edu-coordinator" + suffix, "Koordinator", null, "az", "EDU", false, false,
                true);
        AppUser colleague = new AppUser("edu-colleague" + suffix, "Həmkar", null, "az", "EDU", false, false, true);
        users.createAll(List.of(coordinator, colleague), "coordinator-password-2026");
        users.setCoordinator(coordinator.username(), true);
        List<String> handedOver = executionStatements(() -> execution.assign(eduTask, colleague.username(),
                coordinator));
        assertThat(handedOver).contains("selectExecution").doesNotContain(WHOLE_TREE);
        assertThat(tasks.createTaskQuery().taskId(eduTask).singleResult().getAssignee())
                .isEqualTo(colleague.username());
        assertThat(item("EDU").assignee()).isEqualTo(colleague.username());
        List<String> facade = executionStatements(() -> execution.submit(eduTask, content, edu));
        assertThat(facade).contains("selectExecution").doesNotContain(WHOLE_TREE);
        assertThat(ExecutionsAsNeeded.active()).isFalse();

        String mchtTask = item("MCHT").taskId();
        List<String> tasklist = executionStatements(() -> tasks.complete(mchtTask, content.asFormValues()));
        assertThat(tasklist).contains(WHOLE_TREE);

        assertThat(open()).filteredOn(w -> w.kind() == az.opengov.nap.worklist.WorkKind.REVIEW)
                .extracting(WorkItem::agencyCode).containsExactlyInAnyOrder("EDU", "MCHT");
        assertThat(tasks.createTaskQuery().processInstanceId(measure.processInstanceId())
                .taskDefinitionKey(MeasureExecution.Elements.TASK_REVIEW_PROGRESS_REPORT).count()).isEqualTo(2);

        WorkItem review = open().stream().filter(w -> w.kind() == az.opengov.nap.worklist.WorkKind.REVIEW
                && w.agencyCode().equals("EDU")).findFirst().orElseThrow();
        List<String> reviewed = executionStatements(() -> execution.review(review.taskId(), "APPROVED", null,
                "SUBSTANTIAL", REVIEWER));
        assertThat(reviewed).contains("selectExecution").doesNotContain(WHOLE_TREE);
        runDue(measure.processInstanceId()); // the publication, a job of its own
        assertThat(jdbc.sql("select status from progress_report where id = ?").param(review.reportId())
                .query(String.class).single()).isEqualTo("PUBLISHED");
        assertThat(open()).extracting(WorkItem::agencyCode).doesNotContain("EDU");
    }

    /** The engine's statement that reads a process instance's whole execution tree (its MyBatis mapping's id). */
    static final String WHOLE_TREE = "selectExecutionsByProcessInstanceId";

    /**
     * The engine's statements on executions while {@code work} runs, by their mapping's id: MyBatis logs each
     * statement at debug level under the id of its mapping, which names the entity.
     */
    static List<String> executionStatements(Runnable work) {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
                new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        logger.addAppender(seen);
        try {
            work.run();
        } finally {
            logger.detachAppender(seen);
            logger.setLevel(level);
        }
        return seen.list.stream().filter(e -> e.getFormattedMessage().contains("Preparing:"))
                .map(e -> e.getLoggerName().substring(e.getLoggerName().lastIndexOf('.') + 1)).distinct().toList();
    }

    @Test
    void aReminderIsRaisedOnceFromTheWorklistAtItsTaskFollowUpDateAndNotForASubmittedReport() {
        AppUser edu = new AppUser("e", "E", null, "az", "EDU", false, false, true);
        execution.submit(item("EDU").taskId(), new az.opengov.nap.reporting.ReportContent("COMPLETE", "Hazırdır",
                "Bütün indikatorlar", null, null, null), edu);
        Instant reminderAt = ZonedDateTime.parse("2026-07-08T09:00:00+04:00").toInstant();
        assertThat(remindAt("MCHT")).isEqualTo(reminderAt);

        at("2026-07-08T04:59:59"); // a second before the reminder point
        assertThat(reminders.raiseDueOf(List.of(measure.processInstanceId()))).isZero();
        assertThat(events()).isEmpty();

        at("2026-07-08T05:00:00");
        assertThat(reminders.raiseDueOf(List.of(measure.processInstanceId()))).isEqualTo(2);
        assertThat(events()).extracting(DeadlineReached::agencyCode, DeadlineReached::kind, DeadlineReached::dueDate)
                .containsExactlyInAnyOrder(tuple("MCHT", DeadlineKind.REMINDER, LocalDate.of(2026, 7, 15)),
                        tuple("MILLI_MECLIS", DeadlineKind.REMINDER, LocalDate.of(2026, 7, 15)));
        assertThat(remindAt("MCHT")).isNull();
        assertThat(jdbc.sql("select reminded_at from work_item where task_id = ?").param(item("MCHT").taskId())
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(reminderAt);
        assertThat(jdbc.sql("select count(*) from mail_outbox where measure_id = ? and kind in ('REMINDER', "
                + "'INVITED_REMINDER')").param(measure.id()).query(Long.class).single()).isPositive();
        // the model has no reminder timer: nothing of the engine's ran for it
        assertThat(management.createJobQuery().processInstanceId(measure.processInstanceId()).executable().count())
                .isZero();

        // polled again (the next round, another node): nothing twice
        at("2026-07-08T06:00:00");
        assertThat(reminders.raiseDueOf(List.of(measure.processInstanceId()))).isZero();
        assertThat(events()).hasSize(2);
    }

    @Test
    void aReminderThatCannotBeRaisedHoldsUpNoOtherAndIsTriedAgainLater() {
        // MCHT's item names a cycle the measure does not have: its reminder's mail cannot be written
        String mcht = item("MCHT").taskId();
        jdbc.sql("update work_item set cycle_number = 99 where task_id = ?").param(mcht).update();

        at("2026-07-08T05:00:00");
        assertThat(reminders.raiseDueOf(List.of(measure.processInstanceId()))).isEqualTo(2);
        assertThat(events()).extracting(DeadlineReached::agencyCode).containsExactlyInAnyOrder("EDU", "MILLI_MECLIS");
        assertThat(remindAt("MCHT")).isEqualTo(Instant.parse("2026-07-08T05:10:00Z"));
        assertThat(jdbc.sql("select reminder_error from work_item where task_id = ?").param(mcht).query(String.class)
                .single()).contains("participant");
        assertThat(jdbc.sql("select count(*) from deadline_event where cycle_number = 99 and measure_id = ?")
                .param(measure.id()).query(Long.class).single()).isZero();
        // operators see it: the reminders' health warns
        assertThat(remindersHealth.health()).satisfies(h -> {
            assertThat(h.getStatus().getCode()).isEqualTo("WARN");
            assertThat(h.getDetails()).containsEntry("failing", 1L);
        });

        // not before its retry; then, mended, it is raised once
        at("2026-07-08T05:09:00");
        assertThat(reminders.raiseDueOf(List.of(measure.processInstanceId()))).isZero();
        jdbc.sql("update work_item set cycle_number = 1 where task_id = ?").param(mcht).update();
        at("2026-07-08T05:10:00");
        assertThat(reminders.raiseDueOf(List.of(measure.processInstanceId()))).isEqualTo(1);
        assertThat(events()).extracting(DeadlineReached::agencyCode)
                .containsExactlyInAnyOrder("EDU", "MILLI_MECLIS", "MCHT");
        assertThat(jdbc.sql("select reminder_error from work_item where task_id = ?").param(mcht).query(String.class)
                .optional()).isEmpty();
        assertThat(remindersHealth.health().getDetails()).containsEntry("failing", 0L);
    }

    @Test
    void twoPollersAtOnceRaiseEachReminderOnce() throws Exception {
        at("2026-07-08T05:00:00");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> polls = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                polls.add(pool.submit(() -> {
                    start.await();
                    return reminders.raiseDueOf(List.of(measure.processInstanceId()));
                }));
            }
            start.countDown();
            int raised = 0;
            for (var poll : polls) {
                raised += poll.get(1, java.util.concurrent.TimeUnit.MINUTES);
            }
            assertThat(raised).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(events()).extracting(DeadlineReached::agencyCode)
                .containsExactlyInAnyOrder("MCHT", "EDU", "MILLI_MECLIS");
    }

    @Test
    void anExecutorIsEscalatedFromTheWorklistTheDayAfterDueAndEveryWeekWhileItsReportIsOpen() {
        AppUser edu = new AppUser("e", "E", null, "az", "EDU", false, false, true);
        execution.submit(item("EDU").taskId(), new az.opengov.nap.reporting.ReportContent("COMPLETE", "Hazırdır",
                "Bütün indikatorlar", null, null, null), edu);
        Instant first = ZonedDateTime.parse("2026-07-16T09:00:00+04:00").toInstant();
        assertThat(escalateAt("MCHT")).isEqualTo(first);
        // an invited body is never escalated
        assertThat(escalateAt("MILLI_MECLIS")).isNull();

        at("2026-07-16T04:59:59"); // a second before the first point
        assertThat(escalations.raiseDueOf(List.of(measure.processInstanceId()))).isZero();
        at("2026-07-16T05:00:00");
        assertThat(escalations.raiseDueOf(List.of(measure.processInstanceId()))).isEqualTo(1);
        assertThat(events()).filteredOn(e -> e.kind() == DeadlineKind.ESCALATION)
                .extracting(DeadlineReached::agencyCode, DeadlineReached::sequence, DeadlineReached::daysOverdue)
                .containsExactly(tuple("MCHT", 1, 1));
        assertThat(escalateAt("MCHT")).isEqualTo(first.plus(java.time.Duration.ofDays(7)));
        assertThat(jdbc.sql("select escalated_at from work_item where task_id = ?").param(item("MCHT").taskId())
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(first);
        assertThat(jdbc.sql("select count(*) from mail_outbox where measure_id = ? and kind = 'ESCALATION'")
                .param(measure.id()).query(Long.class).single()).isPositive();
        // the model has no escalation timer: nothing of the engine's is due for it
        assertThat(management.createJobQuery().processInstanceId(measure.processInstanceId()).executable().count())
                .isZero();

        // polled again (the next round, another node): nothing twice
        assertThat(escalations.raiseDueOf(List.of(measure.processInstanceId()))).isZero();
        at("2026-07-23T05:00:00");
        assertThat(escalations.raiseDueOf(List.of(measure.processInstanceId()))).isEqualTo(1);
        assertThat(events()).filteredOn(e -> e.kind() == DeadlineKind.ESCALATION)
                .extracting(DeadlineReached::sequence).containsExactly(1, 2);

        // submitted: no escalation point is left
        AppUser mcht = new AppUser("m", "M", null, "az", "MCHT", false, false, true);
        String task = item("MCHT").taskId();
        execution.submit(task, new az.opengov.nap.reporting.ReportContent("COMPLETE", "Gecikmə ilə hazırdır",
                "Hamısı", null, null, null), mcht);
        assertThat(jdbc.sql("select escalate_at from work_item where task_id = ?").param(task)
                .query(java.sql.Timestamp.class).optional()).isEmpty();
        at("2026-07-30T05:00:00");
        assertThat(escalations.raiseDueOf(List.of(measure.processInstanceId()))).isZero();
    }

    @Test
    void aDueDateChangedOnTheTaskMovesItsEscalationsAndOtherChangesLeaveThem() {
        // as Camunda Tasklist changes it: on the engine's task
        String mcht = item("MCHT").taskId();
        org.camunda.bpm.engine.task.Task task = tasks.createTaskQuery().taskId(mcht).singleResult();
        task.setDueDate(Date.from(ZonedDateTime.parse("2026-07-20T23:59:59+04:00").toInstant()));
        tasks.saveTask(task);
        assertThat(escalateAt("MCHT")).isEqualTo(ZonedDateTime.parse("2026-07-21T09:00:00+04:00").toInstant());

        at("2026-07-21T05:00:00");
        assertThat(escalations.raiseDueOf(List.of(measure.processInstanceId()))).isEqualTo(2); // EDU's too
        assertThat(events()).filteredOn(e -> e.agencyCode().equals("MCHT")).extracting(DeadlineReached::dueDate,
                DeadlineReached::sequence).containsExactly(tuple(LocalDate.of(2026, 7, 20), 1));
        Instant next = ZonedDateTime.parse("2026-07-28T09:00:00+04:00").toInstant();
        assertThat(escalateAt("MCHT")).isEqualTo(next);

        // another change (its priority) keeps the due date and so the next escalation point
        task = tasks.createTaskQuery().taskId(mcht).singleResult();
        task.setPriority(80);
        tasks.saveTask(task);
        assertThat(escalateAt("MCHT")).isEqualTo(next);
    }

    @Test
    void anEscalationThatCannotBeRaisedHoldsUpNoOtherAndIsTriedAgainLater() {
        // MCHT's item names a cycle the measure does not have: its escalation's mail cannot be written
        String mcht = item("MCHT").taskId();
        jdbc.sql("update work_item set cycle_number = 99 where task_id = ?").param(mcht).update();

        at("2026-07-16T05:00:00");
        assertThat(escalations.raiseDueOf(List.of(measure.processInstanceId()))).isEqualTo(1);
        assertThat(events()).extracting(DeadlineReached::agencyCode).containsExactly("EDU");
        assertThat(escalateAt("MCHT")).isEqualTo(Instant.parse("2026-07-16T05:10:00Z"));
        assertThat(jdbc.sql("select escalation_error from work_item where task_id = ?").param(mcht)
                .query(String.class).single()).contains("participant");
        assertThat(escalationsHealth.health()).satisfies(h -> {
            assertThat(h.getStatus().getCode()).isEqualTo("WARN");
            assertThat(h.getDetails()).containsEntry("failing", 1L);
        });

        // not before its retry; then, mended, it is raised once
        at("2026-07-16T05:09:00");
        assertThat(escalations.raiseDueOf(List.of(measure.processInstanceId()))).isZero();
        jdbc.sql("update work_item set cycle_number = 1 where task_id = ?").param(mcht).update();
        at("2026-07-16T05:10:00");
        assertThat(escalations.raiseDueOf(List.of(measure.processInstanceId()))).isEqualTo(1);
        assertThat(events()).extracting(DeadlineReached::agencyCode).containsExactlyInAnyOrder("EDU", "MCHT");
        assertThat(jdbc.sql("select escalation_error from work_item where task_id = ?").param(mcht)
                .query(String.class).optional()).isEmpty();
        assertThat(escalateAt("MCHT")).isEqualTo(ZonedDateTime.parse("2026-07-23T09:00:00+04:00").toInstant());
        assertThat(escalationsHealth.health().getDetails()).containsEntry("failing", 0L);
    }

    @Test
    void extendingADueDateMovesTheSameTaskItsReminderAndEscalationsAndTellsTheAgency() {
        String before = item("MCHT").taskId();
        tasks.claim(before, "mcht");
        // MCHT's reminder for 15 July is raised on 8 July
        at("2026-07-08T05:10:00");
        runDue(measure.processInstanceId());
        assertThat(events()).filteredOn(e -> e.kind() == DeadlineKind.REMINDER).extracting(DeadlineReached::agencyCode)
                .contains("EDU", "MCHT");

        at("2026-07-10T06:00:00");
        // the agency's scope is found from its task's execution up, reading those executions by id alone, not the
        // measure's whole tree (ExecutionsAsNeeded)
        List<String> read = executionStatements(() -> execution.extendDueDate(measure.id(), 1, "MCHT",
                LocalDate.of(2026, 8, 31), "Məzuniyyət dövrü", ADMIN));
        assertThat(read).contains("selectExecution").doesNotContain(WHOLE_TREE);
        assertThat(ExecutionsAsNeeded.active()).isFalse();

        // the same task, still with its assignee and link, due on the new date
        WorkItem after = item("MCHT");
        assertThat(after.taskId()).isEqualTo(before);
        assertThat(after.assignee()).isEqualTo("mcht");
        assertThat(tasks.createTaskQuery().taskId(before).singleResult().getAssignee()).isEqualTo("mcht");
        assertThat(after.dueAt()).isEqualTo(ZonedDateTime.parse("2026-08-31T23:59:59+04:00").toInstant());
        assertThat(cycles.participant(measure.id(), 1, "MCHT").dueDate()).isEqualTo(LocalDate.of(2026, 8, 31));
        // the new deadlines are MCHT's alone: EDU's report still sees the cycle's
        assertThat(tasks.getVariable(after.taskId(), "dueDate"))
                .isEqualTo(java.util.Date.from(ZonedDateTime.parse("2026-08-31T23:59:59+04:00").toInstant()));
        assertThat(tasks.getVariable(item("EDU").taskId(), "dueDate"))
                .isEqualTo(java.util.Date.from(ZonedDateTime.parse("2026-07-15T23:59:59+04:00").toInstant()));
        // the agency is told the new date, with the same task's link
        assertThat(jdbc.sql("select kind, due_date, link from mail_outbox where measure_id = ? and agency_code = ?"
                        + " and kind = 'DUE_DATE_EXTENDED'").params(measure.id(), "MCHT")
                .query((rs, n) -> tuple(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getString(3))).list())
                .isNotEmpty().allSatisfy(row -> {
                    assertThat(row.toList().get(1)).isEqualTo(LocalDate.of(2026, 8, 31));
                    assertThat((String) row.toList().get(2)).endsWith("/workspace/tasks/" + before);
                });
        // the old due date passes: MCHT is not escalated, EDU is
        at("2026-07-16T06:00:00");
        runDue(measure.processInstanceId());
        assertThat(events().stream().filter(e -> e.kind() == DeadlineKind.ESCALATION).map(DeadlineReached::agencyCode))
                .containsExactly("EDU");
        // MCHT's reminder, raised for the old date, is due again seven days before the new one, and raised then
        assertThat(remindAt("MCHT")).isEqualTo(ZonedDateTime.parse("2026-08-24T09:00:00+04:00").toInstant());
        assertThat(escalateAt("MCHT")).isEqualTo(ZonedDateTime.parse("2026-09-01T09:00:00+04:00").toInstant());
        at("2026-08-24T05:00:00");
        runDue(measure.processInstanceId());
        assertThat(events()).filteredOn(e -> e.kind() == DeadlineKind.REMINDER && e.agencyCode().equals("MCHT"))
                .extracting(DeadlineReached::dueDate)
                .containsExactlyInAnyOrder(LocalDate.of(2026, 7, 15), LocalDate.of(2026, 8, 31));
        assertThat(execution.actions(measure.id())).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("DUE_DATE_EXTENDED");
            assertThat(a.reason()).isEqualTo("Məzuniyyət dövrü");
            assertThat(a.actor()).isEqualTo("adm");
            assertThat(a.details()).isEqualTo("2026-07-15 -> 2026-08-31");
        });
    }

    /**
     * An invited body's due date moved by the facade, its executions read as needed: its task and its reporting
     * window's timer (whose job belongs to the task's own scope execution) move with it.
     */
    @Test
    void anInvitedBodysNewDueDateMovesItsReportingWindowToo() {
        String invited = item("MILLI_MECLIS").taskId();
        java.util.function.Supplier<org.camunda.bpm.engine.runtime.Job> window = () -> management.createJobQuery()
                .processInstanceId(measure.processInstanceId())
                .activityId(MeasureExecution.Elements.BOUNDARY_REPORTING_WINDOW_CLOSED).singleResult();
        java.util.Date closedAt = window.get().getDuedate();
        at("2026-07-10T06:00:00");
        List<String> read = executionStatements(() -> execution.extendDueDate(measure.id(), 1, "MILLI_MECLIS",
                LocalDate.of(2026, 8, 31), "Sessiya fasiləsi", ADMIN));
        assertThat(read).doesNotContain(WHOLE_TREE);
        WorkItem after = item("MILLI_MECLIS");
        assertThat(after.taskId()).isEqualTo(invited);
        assertThat(after.dueAt()).isEqualTo(ZonedDateTime.parse("2026-08-31T23:59:59+04:00").toInstant());
        // the window closes as long after the new date as it did after the old one (15 July)
        long windowDays = java.time.Duration.between(ZonedDateTime.parse("2026-07-15T23:59:59+04:00").toInstant(),
                closedAt.toInstant()).toDays();
        assertThat(window.get().getDuedate().toInstant()).isEqualTo(
                ZonedDateTime.parse("2026-08-31T23:59:59+04:00").plusDays(windowDays).toInstant());
        assertThat(tasks.getVariable(invited, "dueDate"))
                .isEqualTo(java.util.Date.from(ZonedDateTime.parse("2026-08-31T23:59:59+04:00").toInstant()));
    }

    @Test
    void aMeasureStartedOnModel130HasItsTaskRecreatedByTheExtensionsMessage() {
        // a deployment running since before 1.4.0 has measures on 1.3.0, whose submit tasks have a message boundary
        String legacy = repository.createDeployment().name("MeasureExecution 1.3.0")
                .addClasspathResource("legacy/MeasureExecution-1.3.0.bpmn")
                .addClasspathResource("forms/ProgressReport.form").addClasspathResource("forms/ProgressReview.form")
                .addClasspathResource("forms/FinalAssessment.form").deploy().getId();
        try {
            Measure old = importMeasure();
            runDue(old.processInstanceId());
            assertThat(repository.getProcessDefinition(runtime.createProcessInstanceQuery()
                    .processInstanceId(old.processInstanceId()).singleResult().getProcessDefinitionId())
                    .getVersionTag()).isEqualTo("1.3.0");
            String before = worklist.openReport(old.id(), 1, "MCHT").orElseThrow().taskId();
            // its gateway routes on the role variable, which its reports still get
            assertThat(tasks.getVariable(before, MeasureExecution.Variables.ROLE)).isEqualTo("EXECUTOR");

            at("2026-07-10T06:00:00");
            execution.extendDueDate(old.id(), 1, "MCHT", LocalDate.of(2026, 8, 31), "Məzuniyyət dövrü", ADMIN);

            WorkItem after = worklist.openReport(old.id(), 1, "MCHT").orElseThrow();
            assertThat(after.taskId()).isNotEqualTo(before);
            assertThat(worklist.find(before).orElseThrow().state()).isEqualTo("DELETED");
            assertThat(after.dueAt()).isEqualTo(ZonedDateTime.parse("2026-08-31T23:59:59+04:00").toInstant());
            assertThat(tasks.getVariable(after.taskId(), "dueDate"))
                    .isEqualTo(java.util.Date.from(ZonedDateTime.parse("2026-08-31T23:59:59+04:00").toInstant()));
            assertThat(tasks.getVariable(worklist.openReport(old.id(), 1, "EDU").orElseThrow().taskId(), "dueDate"))
                    .isEqualTo(java.util.Date.from(ZonedDateTime.parse("2026-07-15T23:59:59+04:00").toInstant()));
            // the new task is told to the agency as the extension, with its link, not as a new request
            assertThat(jdbc.sql("select kind, link from mail_outbox where measure_id = ? and agency_code = ?"
                            + " and due_date = ?").params(old.id(), "MCHT", LocalDate.of(2026, 8, 31))
                    .query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).list()).isNotEmpty()
                    .allSatisfy(row -> assertThat(row).startsWith("DUE_DATE_EXTENDED ")
                            .endsWith("/workspace/tasks/" + after.taskId()));
        } finally {
            repository.deleteDeployment(legacy, true);
        }
        // the application's model is the latest again: new measures start on it
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(MeasureExecution.PROCESS_KEY)
                .latestVersion().singleResult().getVersionTag()).isEqualTo("1.5.0");
    }

    @Test
    void measuresOfModels130And140MoveOntoTheCurrentModelAllOrNone() throws Exception {
        // a deployment upgraded from before 1.4.0: a measure on 1.3.0 with its reports asked, and a model tagged
        // 1.4.0 whose one measure waits in an activity the current model does not have
        org.camunda.bpm.model.bpmn.BpmnModelInstance oddModel;
        try (var in = getClass().getResourceAsStream("/legacy/MeasureExecution-1.3.0.bpmn")) {
            oddModel = org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(in);
        }
        oddModel.<org.camunda.bpm.model.bpmn.instance.Process>getModelElementById(MeasureExecution.PROCESS_KEY)
                .setCamundaVersionTag("1.4.0");
        oddModel.<org.camunda.bpm.model.bpmn.instance.BaseElement>getModelElementById("Task_FinalAssessment")
                .setId("Task_FinalAssessmentOfOldModel");
        String odd = repository.createDeployment().name("MeasureExecution 1.4.0, odd")
                .addModelInstance("MeasureExecution.bpmn", oddModel).addClasspathResource("forms/ProgressReport.form")
                .addClasspathResource("forms/ProgressReview.form").addClasspathResource("forms/FinalAssessment.form")
                .deploy().getId();
        String model140 = repository.createDeployment().name("MeasureExecution 1.4.0")
                .addClasspathResource("legacy/MeasureExecution-1.4.0.bpmn")
                .addClasspathResource("forms/ProgressReport.form").addClasspathResource("forms/ProgressReview.form")
                .addClasspathResource("forms/FinalAssessment.form").deploy().getId();
        Measure on140 = importMeasure();
        runDue(on140.processInstanceId());
        String legacy = repository.createDeployment().name("MeasureExecution 1.3.0")
                .addClasspathResource("legacy/MeasureExecution-1.3.0.bpmn")
                .addClasspathResource("forms/ProgressReport.form").addClasspathResource("forms/ProgressReview.form")
                .addClasspathResource("forms/FinalAssessment.form").deploy().getId();
        try {
            assertThat(tag(on140.processInstanceId())).isEqualTo("1.4.0");
            String oddDefinition = repository.createProcessDefinitionQuery().deploymentId(odd).singleResult().getId();
            String stuck = runtime.createProcessInstanceById(oddDefinition)
                    .startBeforeActivity("Task_FinalAssessmentOfOldModel").execute().getId();
            Measure old = importMeasure();
            runDue(old.processInstanceId());
            String pi = old.processInstanceId();
            assertThat(tag(pi)).isEqualTo("1.3.0");
            String mcht = worklist.openReport(old.id(), 1, "MCHT").orElseThrow().taskId();
            long executionsBefore = runtime.createExecutionQuery().processInstanceId(pi).count();
            assertThat(boundaries(pi)).isEqualTo(3); // the message boundary of each agency's report task
            assertThat(migration.versions()).filteredOn(v -> v.versionTag().equals("1.3.0") && v.running() > 0)
                    .singleElement().satisfies(v -> assertThat(v.movable()).isTrue());
            assertThat(migration.versions()).filteredOn(ModelMigration.Version::current).singleElement()
                    .satisfies(v -> assertThat(v.versionTag()).isEqualTo(MeasureExecution.MODEL_VERSION));

            long audited = migrationsAudited();
            // the odd measure cannot move: none moves, and the administrator is told why, in their language
            assertThatThrownBy(() -> migration.moveToCurrent(ADMIN)).isInstanceOfSatisfying(NapException.class,
                    e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                        assertThat(e.messageKey()).isEqualTo("error.migration.refused");
                    });
            assertThat(tag(pi)).isEqualTo("1.3.0");
            assertThat(tag(on140.processInstanceId())).isEqualTo("1.4.0");
            assertThat(boundaries(pi)).isEqualTo(3);
            assertThat(migrationsAudited()).as("the first version's audit entry rolled back").isEqualTo(audited);
            assertThatThrownBy(() -> migration.moveToCurrent(REVIEWER)).isInstanceOf(NapException.class);

            runtime.deleteProcessInstance(stuck, "test");
            assertThat(migration.moveToCurrent(ADMIN)).extracting(m -> m.versionTag() + ": " + m.measures())
                    .containsExactly("1.3.0: 1", "1.4.0: 1");
            assertThat(tag(pi)).isEqualTo(MeasureExecution.MODEL_VERSION);
            assertThat(tag(on140.processInstanceId())).isEqualTo(MeasureExecution.MODEL_VERSION);
            // the 1.4.0 measure's reports keep their role variable, which nothing reads any more; its gateway asks
            // the participants: a report returned for revision is routed again
            String edu = worklist.openReport(on140.id(), 1, "EDU").orElseThrow().taskId();
            execution.submit(edu, new ReportContent("SUBSTANTIAL", "Portal", "3 xidmət", null, null, null),
                    new AppUser("m-edu", "EDU", null, "az", "EDU", false, false, true));
            execution.review(worklist.openForMeasure(on140.id()).stream()
                    .filter(w -> w.kind().name().equals("REVIEW")).findFirst().orElseThrow().taskId(), "RETURNED",
                    "Rəqəmləri əlavə edin", null, REVIEWER);
            assertThat(worklist.openReport(on140.id(), 1, "EDU").orElseThrow().returned()).isTrue();
            assertThat(boundaries(pi)).isZero();
            // the report tasks are no longer scopes of their own: the tree of a measure started on the current model
            assertThat(runtime.createExecutionQuery().processInstanceId(pi).count()).isLessThan(executionsBefore)
                    .isEqualTo(runtime.createExecutionQuery().processInstanceId(measure.processInstanceId()).count());
            assertThat(worklist.openReport(old.id(), 1, "MCHT").orElseThrow().taskId()).isEqualTo(mcht);
            assertThat(migration.moveToCurrent(ADMIN)).isEmpty();
            assertThat(migrationsAudited()).isEqualTo(audited + 2);

            // and it runs on as a measure of the current model: an extension moves the dates in place, a submitted
            // report goes to review, the invited body is still invited
            at("2026-07-10T06:00:00");
            execution.extendDueDate(old.id(), 1, "MCHT", LocalDate.of(2026, 8, 31), "Məzuniyyət dövrü", ADMIN);
            assertThat(worklist.openReport(old.id(), 1, "MCHT").orElseThrow().taskId()).isEqualTo(mcht);
            execution.submit(mcht, new ReportContent("SUBSTANTIAL", "Portal işə salınıb", "3 xidmət", null, null,
                    null), new AppUser("m-mcht", "MCHT", null, "az", "MCHT", false, false, true));
            assertThat(worklist.openForMeasure(old.id())).extracting(w -> w.kind() + " " + w.agencyCode())
                    .containsExactlyInAnyOrder("REVIEW MCHT", "REPORT EDU", "INVITED_REPORT MILLI_MECLIS");
        } finally {
            repository.deleteDeployment(legacy, true);
            repository.deleteDeployment(model140, true);
            repository.deleteDeployment(odd, true);
        }
    }

    private String tag(String processInstanceId) {
        return repository.getProcessDefinition(runtime.createProcessInstanceQuery().processInstanceId(
                processInstanceId).singleResult().getProcessDefinitionId()).getVersionTag();
    }

    private long migrationsAudited() {
        return jdbc.sql("select count(*) from audit_event where action = 'MEASURES_MIGRATED'").query(Long.class)
                .single();
    }

    private long boundaries(String processInstanceId) {
        return runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId)
                .eventName(MeasureExecution.LegacyMessages.DUE_DATE_EXTENDED).count();
    }

    @Test
    void addingAnAgencyAsksItForAReportInTheOpenCycle() {
        execution.addAgency(measure.id(), "JUSTICE", AgencyRole.EXECUTOR, "Plana dəyişiklik", ADMIN);
        runDue(measure.processInstanceId());
        assertThat(open().stream().map(WorkItem::agencyCode)).contains("JUSTICE");
        assertThat(cycles.participant(measure.id(), 1, "JUSTICE").status()).isEqualTo(ParticipantStatus.OPEN);
        assertThat(plans.agency(measure.id(), "JUSTICE").orElseThrow().active()).isTrue();
        assertThat(execution.actions(measure.id()).get(0).action()).isEqualTo("AGENCY_ADDED");
    }

    @Test
    void anAgencyAddedWhileTheCycleOpensIsAskedOnceWithTheOthers() {
        Measure opening = openedWithReportsWaiting();
        String pi = opening.processInstanceId();

        execution.addAgency(opening.id(), "JUSTICE", AgencyRole.EXECUTOR, "Plana dəyişiklik", ADMIN);
        runDue(pi);

        assertThat(worklist.openForMeasure(opening.id()).stream().map(WorkItem::agencyCode))
                .containsExactlyInAnyOrder("MCHT", "EDU", "MILLI_MECLIS", "JUSTICE");
        assertThat(tasks.createTaskQuery().processInstanceId(pi).taskCandidateGroup("JUSTICE").count()).isEqualTo(1);
        assertThat(cycles.participants(opening.id(), 1)).extracting(Participant::agencyCode, Participant::position)
                .hasSize(4).contains(org.assertj.core.groups.Tuple.tuple("JUSTICE", 3));
    }

    @Test
    void removingAnAgencyEndsItsOpenReportAsRemovedByAmendment() {
        String eduTask = item("EDU").taskId();
        execution.removeAgency(measure.id(), "EDU", "Səlahiyyət başqa quruma keçib", ADMIN);
        assertThat(open().stream().map(WorkItem::agencyCode)).doesNotContain("EDU");
        assertThat(worklist.find(eduTask).orElseThrow().state()).isEqualTo("DELETED");
        assertThat(cycles.participant(measure.id(), 1, "EDU").status()).isEqualTo(ParticipantStatus.REMOVED);
        assertThat(plans.agency(measure.id(), "EDU").orElseThrow().active()).isFalse();
        assertThat(execution.actions(measure.id()).get(0).action()).isEqualTo("AGENCY_REMOVED");
    }

    @Test
    void anAgencyRemovedWhileTheCycleOpensIsNotAsked() {
        Measure opening = openedWithReportsWaiting();
        String pi = opening.processInstanceId();
        assertThat(cycles.participants(opening.id(), 1)).hasSize(3);

        execution.removeAgency(opening.id(), "EDU", "Səlahiyyət başqa quruma keçib", ADMIN);
        runDue(pi);

        assertThat(worklist.openForMeasure(opening.id()).stream().map(WorkItem::agencyCode))
                .containsExactlyInAnyOrder("MCHT", "MILLI_MECLIS");
        assertThat(tasks.createTaskQuery().processInstanceId(pi).taskCandidateGroup("EDU").count()).isZero();
        assertThat(cycles.participant(opening.id(), 1, "EDU").status()).isEqualTo(ParticipantStatus.REMOVED);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi)
                .activityId(MeasureExecution.Elements.END_REMOVED_BEFORE_ASKED).count()).isEqualTo(1);
        // the others' reports carry the cycle on
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi).active().count()).isEqualTo(1);
    }

    @Test
    void cancellingAMeasureEndsItsProcessAndItsTasks() {
        execution.cancel(measure.id(), "Tədbir ləğv edilib", ADMIN);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(measure.processInstanceId()).count())
                .isZero();
        assertThat(plans.measure(measure.id()).status()).isEqualTo(MeasureStatus.CANCELLED);
        assertThat(open()).isEmpty();
        assertThat(tasks.createTaskQuery().processInstanceId(measure.processInstanceId()).list()).isEmpty();
        assertThat(execution.actions(measure.id()).get(0).reason()).isEqualTo("Tədbir ləğv edilib");
    }

    @Test
    void administrativeChangesNeedAnAdministratorAndAReasonAndChangeNothingOtherwise() {
        assertThatThrownBy(() -> execution.cancel(measure.id(), "x", REVIEWER))
                .isInstanceOfSatisfying(NapException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThatThrownBy(() -> execution.cancel(measure.id(), " ", ADMIN))
                .isInstanceOfSatisfying(NapException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("reason"));
        assertThatThrownBy(() -> execution.extendDueDate(measure.id(), 1, "MCHT", LocalDate.of(2026, 6, 1), "x", ADMIN))
                .isInstanceOfSatisfying(NapException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("dueDate"));
        assertThat(execution.actions(measure.id())).isEmpty();
        assertThat(plans.measure(measure.id()).status()).isEqualTo(MeasureStatus.RUNNING);
        assertThat(open()).hasSize(3);
    }

    @Test
    void theWholeMeasureToItsFinalAssessment() {
        AppUser mcht = new AppUser("m", "M", null, "az", "MCHT", false, false, true);
        AppUser edu = new AppUser("e", "E", null, "az", "EDU", false, false, true);
        var content = new az.opengov.nap.reporting.ReportContent("COMPLETE", "Hazırdır", "Bütün indikatorlar", null,
                null, null);
        for (AppUser agency : List.of(mcht, edu)) {
            execution.submit(item(agency.agencyCode()).taskId(), content, agency);
        }
        for (WorkItem review : worklist.reviewQueue(0, 10)) {
            execution.review(review.taskId(), "APPROVED", null, null, REVIEWER);
        }
        runDue(measure.processInstanceId());
        // the second half-year: opened on 1 January 2027 (its invited body never reports)
        at("2027-01-01T08:00:00");
        runDue(measure.processInstanceId());
        for (AppUser agency : List.of(mcht, edu)) {
            execution.submit(item(agency.agencyCode()).taskId(), content, agency);
        }
        worklist.reviewQueue(0, 10).forEach(r -> execution.review(r.taskId(), "APPROVED", null, null, REVIEWER));
        at("2027-02-15T08:00:00");
        runDue(measure.processInstanceId());
        WorkItem assessment = worklist.reviewQueue(0, 10).stream()
                .filter(w -> w.kind().name().equals("FINAL_ASSESSMENT")).findFirst().orElseThrow();
        assertThatThrownBy(() -> execution.assess(assessment.taskId(), "NO_EVIDENCE", "Heç nə", REVIEWER))
                .isInstanceOf(NapException.class);
        execution.assess(assessment.taskId(), "COMPLETE", "Tədbir tam icra olunub", REVIEWER);
        runDue(measure.processInstanceId());
        assertThat(plans.measure(measure.id()).status()).isEqualTo(MeasureStatus.COMPLETED);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(measure.processInstanceId()).count())
                .isZero();
        assertThat(jdbc.sql("select count(*) from publication where measure_id = ?").param(measure.id())
                .query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select published_at is not null from final_assessment where measure_id = ?")
                .param(measure.id()).query(Boolean.class).single()).isTrue();
    }

    private List<WorkItem> open() {
        return worklist.openForMeasure(measure.id());
    }

    private WorkItem item(String agency) {
        return open().stream().filter(w -> agency.equals(w.agencyCode())).findFirst().orElseThrow();
    }

    /** When the agency's open report item is next escalated ({@code null}: never). */
    private Instant escalateAt(String agency) {
        java.sql.Timestamp at = jdbc.sql("select escalate_at from work_item where task_id = ?")
                .param(item(agency).taskId()).query(java.sql.Timestamp.class).optional().orElse(null);
        return at == null ? null : at.toInstant();
    }

    /** When the agency's open report item is to be reminded ({@code null}: raised, or none). */
    private Instant remindAt(String agency) {
        java.sql.Timestamp at = jdbc.sql("select remind_at from work_item where task_id = ?")
                .param(item(agency).taskId()).query(java.sql.Timestamp.class).optional().orElse(null);
        return at == null ? null : at.toInstant();
    }

    private List<DeadlineReached> events() {
        return deadlines.events(measure.id());
    }

    private List<DeadlineKind> kinds() {
        return events().stream().map(DeadlineReached::kind).toList();
    }

    private static void at(String utc) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(utc + "Z")));
    }
}
