package az.opengov.nap.measure.process;

import static az.opengov.nap.measure.process.MeasureExecution.Elements.BOUNDARY_REPORTING_WINDOW_CLOSED;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.END_AGENCY_REMOVED;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.END_MEASURE_CANCELLED;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.END_MEASURE_COMPLETED;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.END_NOT_REPORTED;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.END_REMOVED_BEFORE_ASKED;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.END_REPORT_PUBLISHED;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.GATEWAY_PARTICIPANT_ROLE;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.GATEWAY_REVIEW_DECISION;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.START_AGENCY_REMOVED;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.START_MEASURE_CANCELLED;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.START_MEASURE_STARTED;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.AGENCY_REPORTS;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.SUBPROCESS_AGENCY_REPORT;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.SUBPROCESS_REPORTING_CYCLE;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.TASK_FINAL_ASSESSMENT;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.TASK_OPEN_REPORTING_CYCLE;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.TASK_PLAN_REPORTING_CYCLES;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.TASK_PUBLISH_FINAL_ASSESSMENT;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.TASK_PUBLISH_PROGRESS_REPORT;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.TASK_RECORD_NOT_REPORTED;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.TASK_RETURN_FOR_REVISION;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.TASK_REVIEW_PROGRESS_REPORT;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.TASK_SUBMIT_INVITED_REPORT;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.TASK_SUBMIT_PROGRESS_REPORT;
import static az.opengov.nap.measure.process.MeasureExecution.Elements.TIMER_CYCLE_OPENS;
import static az.opengov.nap.measure.process.MeasureExecution.Variables.AGENCY_CODE;
import static az.opengov.nap.measure.process.MeasureExecution.Variables.CYCLE_COUNT;
import static az.opengov.nap.measure.process.MeasureExecution.Variables.CYCLE_NUMBER;
import static az.opengov.nap.measure.process.MeasureExecution.Variables.CYCLE_OPENS_AT;
import static az.opengov.nap.measure.process.MeasureExecution.Variables.DECISION;
import static az.opengov.nap.measure.process.MeasureExecution.Variables.DUE_DATE;
import static az.opengov.nap.measure.process.MeasureExecution.Variables.ESCALATION_CYCLE;
import static az.opengov.nap.measure.process.MeasureExecution.Variables.MEASURE_ID;
import static az.opengov.nap.measure.process.MeasureExecution.Variables.PARTICIPANT_COUNT;
import static az.opengov.nap.measure.process.MeasureExecution.Variables.PLAN_CODE;
import static az.opengov.nap.measure.process.MeasureExecution.Variables.REMINDER_AT;
import static az.opengov.nap.measure.process.MeasureExecution.Variables.REPORT_ID;
import static az.opengov.nap.measure.process.MeasureExecution.Variables.ROLE;
import static az.opengov.nap.measure.process.MeasureExecution.Variables.WINDOW_CLOSES_AT;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.Deadlines;
import az.opengov.nap.measure.Participant;
import az.opengov.nap.measure.ParticipantStatus;
import az.opengov.nap.measure.process.MeasureExecution.Messages;
import az.opengov.nap.plan.AgencyRole;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.FormDefinitions;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.Mockito;

/**
 * Every path of {@code processes/MeasureExecution.bpmn}, run on an in-memory engine (see
 * {@code process-test.camunda.cfg.xml}) against the real file from {@code processes/} and the real forms from
 * {@code forms/}. The Spring beans behind {@code camunda:delegateExpression} are replaced by small fakes that set the
 * same variables as the real ones and record what they were called with; the two start listeners, which hold the
 * engine-facing logic (loopCounter, an agency added by process instance modification), also run for real over a mocked
 * CycleService, and the role the gateway routes on is always the real {@link ParticipantRole}'s over the participants
 * of the test's world. Time moves with the engine clock; jobs are executed by the test. The class fails unless every
 * flow node and sequence flow of the process was taken (camunda-process-test-coverage, report in
 * {@code target/process-test-coverage}).
 */
@Deployment(resources = {
        MeasureExecutionProcessTest.BPMN,
        "forms/ProgressReport.form",
        "forms/ProgressReview.form",
        "forms/FinalAssessment.form"})
class MeasureExecutionProcessTest {

    static final String BPMN = "processes/MeasureExecution.bpmn";

    @RegisterExtension
    static final ProcessEngineCoverageExtension ENGINE = ProcessEngineCoverageExtension.builder()
            .configurationResource("process-test.camunda.cfg.xml")
            .assertClassCoverageAtLeast(1.0)
            .build();

    // Element ids the descriptor MeasureExecution.Elements does not (yet) name; asserted to exist by
    // MeasureExecutionModelTest#elementsTheTestsNameExist.
    static final String START_CYCLE_SCHEDULED = "Start_CycleScheduled";
    static final String END_CYCLE_CLOSED = "End_CycleClosed";
    static final String START_AGENCY_REPORT_REQUESTED = "Start_AgencyReportRequested";
    static final String GATEWAY_REPORT_REQUESTED = "Gateway_ReportRequested";
    static final String GATEWAY_REPORT_SUBMITTED = "Gateway_ReportSubmitted";
    static final String EVENT_SUBPROCESS_AGENCY_REMOVED = "EventSubProcess_AgencyRemoved";
    static final String TASK_RECORD_AGENCY_REMOVAL = "Task_RecordAgencyRemoval";
    static final String EVENT_SUBPROCESS_MEASURE_CANCELLED = "EventSubProcess_MeasureCancelled";
    static final String TASK_RECORD_CANCELLATION = "Task_RecordCancellation";

    static final String BUSINESS_KEY = "NAP:1.1";
    static final String PLAN = "NAP-2026";
    static final long MEASURE = 11L;
    static final String COMMISSION = "commission";
    static final String EXECUTOR_A = "MIN-JUSTICE";
    static final String EXECUTOR_B = "MIN-FINANCE";
    static final String INVITED = "NGO-TRANSPARENCY";
    static final String APPROVED = "APPROVED";
    static final String RETURNED = "RETURNED";

    /** The engine clock when a measure starts: before its first reporting period ends. */
    static final Instant STARTED_AT = ZonedDateTime.of(2026, 6, 1, 9, 0, 0, 0, Clock.BAKU).toInstant();
    /** The last day of the first reporting period; the others follow every {@code frequencyMonths}. */
    static final LocalDate FIRST_PERIOD_ENDS = LocalDate.of(2026, 6, 30);
    static final PlanCalendar CALENDAR = PlanCalendar.DEFAULT;
    static final FormDefinitions FORMS = new FormDefinitions(new ObjectMapper());

    private final World world = new World();

    private RuntimeService runtime;
    private TaskService tasks;
    private ManagementService management;
    private FormService forms;
    private HistoryService history;

    @BeforeEach
    void setUp() {
        ProcessEngine engine = ENGINE.getProcessEngine();
        BpmnAwareTests.init(engine);
        runtime = engine.getRuntimeService();
        tasks = engine.getTaskService();
        management = engine.getManagementService();
        forms = engine.getFormService();
        history = engine.getHistoryService();
        setClock(STARTED_AT);
        world.registerFakes();
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        Mocks.reset();
        BpmnAwareTests.reset();
    }

    // ==== 1. the executor's happy path ==============================================================================

    @Test
    @DisplayName("executor: cycle opens, report submitted, approved, published; final assessment completes the measure")
    void executorReportIsSubmittedApprovedAndPublished() {
        world.cycle(1, executor(EXECUTOR_A));

        ProcessInstance pi = startMeasure();
        assertThat(pi).isStarted()
                .hasBusinessKey(BUSINESS_KEY)
                .hasPassed(START_MEASURE_STARTED, TASK_PLAN_REPORTING_CYCLES, START_CYCLE_SCHEDULED)
                .isWaitingAt(TIMER_CYCLE_OPENS)
                .hasVariables(PLAN_CODE, MEASURE_ID, CYCLE_COUNT);
        Assertions.assertThat(world.calls("planReportingCycles")).hasSize(1);
        Assertions.assertThat(world.calls("reportingCycleStarted")).singleElement()
                .satisfies(c -> Assertions.assertThat(c.variables()).contains(entry("loopCounter", 0)));
        Job cycleTimer = job(TIMER_CYCLE_OPENS, pi);
        assertThat(cycleTimer).hasDueDate(Date.from(world.opensAt(1)));

        // the reporting period has not ended yet: nothing is due
        Assertions.assertThat(management.createJobQuery().executable().count()).isZero();

        setClock(world.opensAt(1).plusSeconds(60));
        execute(cycleTimer);
        assertThat(pi).hasPassed(TIMER_CYCLE_OPENS, TASK_OPEN_REPORTING_CYCLE)
                .isWaitingAt(AGENCY_REPORTS);
        Assertions.assertThat(world.calls("openReportingCycle")).singleElement()
                .satisfies(c -> Assertions.assertThat(c.variables()).contains(entry(CYCLE_NUMBER, 1),
                        entry(CYCLE_OPENS_AT, Date.from(world.opensAt(1)))));

        startRequestedReports(pi, 1);
        assertThat(pi).hasPassed(START_AGENCY_REPORT_REQUESTED, GATEWAY_REPORT_REQUESTED, GATEWAY_PARTICIPANT_ROLE)
                .isWaitingAt(TASK_SUBMIT_PROGRESS_REPORT)
                .hasNotPassed(TASK_SUBMIT_INVITED_REPORT);

        Deadlines deadlines = world.deadlines(1, EXECUTOR_A);
        Task submit = task(TASK_SUBMIT_PROGRESS_REPORT, pi);
        assertThat(submit).hasName("Submit progress report")
                .hasCandidateGroup(EXECUTOR_A)
                .hasDueDate(Date.from(deadlines.dueAt()))
                .isNotAssigned();
        Assertions.assertThat(submit.getFollowUpDate()).isEqualTo(Date.from(deadlines.reminderAt()));
        assertFormRef(submit, FormDefinitions.PROGRESS_REPORT);
        // the agency's variables are local to its report, never process variables
        Assertions.assertThat(runtime.getVariables(pi.getId()))
                .doesNotContainKeys(AGENCY_CODE, ROLE, DUE_DATE, REPORT_ID, DECISION, CYCLE_NUMBER);
        Assertions.assertThat(tasks.getVariables(submit.getId())).contains(entry(AGENCY_CODE, EXECUTOR_A),
                entry(CYCLE_NUMBER, 1), entry(DUE_DATE, Date.from(deadlines.dueAt())),
                entry(ESCALATION_CYCLE, deadlines.escalationCycle()));
        // no report yet, so no report id; the forms' fields are declared nowhere; the role is the participants'
        Assertions.assertThat(tasks.getVariables(submit.getId())).doesNotContainKeys(REPORT_ID, DECISION,
                "whatWasDone", "comment", ROLE);
        // no timer: its reminder point is the task's follow-up date (above) and its escalations start the day after
        // its due date, both raised from the worklist
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isZero();

        submitReport(submit);
        Assertions.assertThat(world.calls("progressReportSubmitted")).singleElement()
                .satisfies(c -> Assertions.assertThat(c.variables()).contains(entry(AGENCY_CODE, EXECUTOR_A),
                        entry("whatWasDone", "Draft law sent to parliament")));
        assertThat(pi).hasPassed(TASK_SUBMIT_PROGRESS_REPORT, GATEWAY_REPORT_SUBMITTED)
                .isWaitingAt(TASK_REVIEW_PROGRESS_REPORT);
        Task review = task(TASK_REVIEW_PROGRESS_REPORT, pi);
        assertThat(review).hasCandidateGroup(COMMISSION);
        assertFormRef(review, FormDefinitions.PROGRESS_REVIEW);
        // the form's values left the process with the listener; only the report's id stays
        Assertions.assertThat(tasks.getVariables(review.getId())).contains(entry(REPORT_ID, 1001L))
                .doesNotContainKeys("whatWasDone", "completionLevel");
        Assertions.assertThat(runtime.getVariables(pi.getId())).doesNotContainKeys("whatWasDone", "completionLevel");
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isZero();

        reviewReport(review, APPROVED);
        assertThat(pi).hasPassed(GATEWAY_REVIEW_DECISION).isWaitingAt(TASK_PUBLISH_PROGRESS_REPORT);
        Assertions.assertThat(world.calls("progressReportReviewed")).singleElement()
                .satisfies(c -> Assertions.assertThat(c.variables()).contains(entry(DECISION, APPROVED),
                        entry(REPORT_ID, 1001L)));

        execute(job(TASK_PUBLISH_PROGRESS_REPORT, pi));
        assertThat(pi).hasPassed(TASK_PUBLISH_PROGRESS_REPORT, END_REPORT_PUBLISHED, END_CYCLE_CLOSED)
                .hasNotPassed(TASK_RETURN_FOR_REVISION)
                .isWaitingAt(TASK_FINAL_ASSESSMENT);
        Assertions.assertThat(world.calls("publishProgressReport")).singleElement()
                .satisfies(c -> Assertions.assertThat(c.variables()).contains(entry(REPORT_ID, 1001L),
                        entry(AGENCY_CODE, EXECUTOR_A), entry(CYCLE_NUMBER, 1), entry(MEASURE_ID, MEASURE)));

        completeMeasure(pi);
        Assertions.assertThat(world.calls("finalAssessmentGiven")).singleElement()
                .satisfies(c -> Assertions.assertThat(c.variables()).contains(entry("completionLevel", "COMPLETE"),
                        entry("summary", "Law adopted")));
        Assertions.assertThat(world.calls("raiseEscalation")).isEmpty();
    }

    // ==== 2. returned for revision ==================================================================================

    @Test
    @DisplayName("returned for revision: a new submit task with a new due date, again and again until approved")
    void returnedReportIsResubmittedUntilApproved() {
        world.cycle(1, executor(EXECUTOR_A));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);

        Task first = task(TASK_SUBMIT_PROGRESS_REPORT, pi);
        submitReport(first);

        // the first return, two days after the first report opened
        setClock(world.opensAt(1).plus(Duration.ofDays(2)));
        reviewReport(task(TASK_REVIEW_PROGRESS_REPORT, pi), RETURNED);
        assertThat(pi).hasPassed(GATEWAY_REVIEW_DECISION, TASK_RETURN_FOR_REVISION)
                .hasNotPassed(TASK_PUBLISH_PROGRESS_REPORT)
                .isWaitingAt(TASK_SUBMIT_PROGRESS_REPORT);
        Deadlines revision = world.deadlines(1, EXECUTOR_A);
        Assertions.assertThat(revision.dueDate()).isEqualTo(Clock.today().plusDays(CALENDAR.revisionDays()));
        Task second = task(TASK_SUBMIT_PROGRESS_REPORT, pi);
        Assertions.assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(second).hasCandidateGroup(EXECUTOR_A).hasDueDate(Date.from(revision.dueAt()));
        Assertions.assertThat(second.getFollowUpDate()).isEqualTo(Date.from(revision.reminderAt()));
        Assertions.assertThat(tasks.getVariables(second.getId())).contains(entry(DECISION, null),
                entry(REPORT_ID, 1001L), entry(ESCALATION_CYCLE, revision.escalationCycle()));
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).timers().count()).isZero();

        // the second return, ten days later
        submitReport(second);
        setClock(world.opensAt(1).plus(Duration.ofDays(12)));
        reviewReport(task(TASK_REVIEW_PROGRESS_REPORT, pi), RETURNED);
        Deadlines secondRevision = world.deadlines(1, EXECUTOR_A);
        Assertions.assertThat(secondRevision.dueDate()).isAfter(revision.dueDate());
        Task third = task(TASK_SUBMIT_PROGRESS_REPORT, pi);
        assertThat(third).hasDueDate(Date.from(secondRevision.dueAt()));

        submitReport(third);
        reviewReport(task(TASK_REVIEW_PROGRESS_REPORT, pi), APPROVED);
        execute(job(TASK_PUBLISH_PROGRESS_REPORT, pi));
        assertThat(pi).hasPassed(END_REPORT_PUBLISHED, END_CYCLE_CLOSED).isWaitingAt(TASK_FINAL_ASSESSMENT);

        Assertions.assertThat(world.calls("returnForRevision")).hasSize(2);
        Assertions.assertThat(world.calls("progressReportSubmitted")).hasSize(3);
        Assertions.assertThat(world.calls("progressReportReviewed")).extracting(c -> c.variables().get(DECISION))
                .containsExactly(RETURNED, RETURNED, APPROVED);
        // the last version submitted is the one published
        Assertions.assertThat(world.calls("publishProgressReport")).singleElement()
                .satisfies(c -> Assertions.assertThat(c.variables()).contains(entry(REPORT_ID, 1003L)));
        Assertions.assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(TASK_SUBMIT_PROGRESS_REPORT).count()).isEqualTo(3);
    }

    // ==== 3. reminder ===============================================================================================

    @Test
    @DisplayName("reminder: the report task's follow-up date; the model has no timer for it (raised from the worklist)")
    void theReminderPointIsTheTaskFollowUpDateAndNoTimerOfTheModel() {
        world.cycle(1, executor(EXECUTOR_A));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);
        Task submit = task(TASK_SUBMIT_PROGRESS_REPORT, pi);
        Deadlines deadlines = world.deadlines(1, EXECUTOR_A);
        Assertions.assertThat(submit.getFollowUpDate()).isEqualTo(Date.from(deadlines.reminderAt()));

        // the reminder point passes: nothing of the model's is due, the report stays as it was
        setClock(deadlines.reminderAt().plusSeconds(60));
        Assertions.assertThat(management.createJobQuery().executable().count()).isZero();
        assertThat(pi).isWaitingAt(TASK_SUBMIT_PROGRESS_REPORT);
        Assertions.assertThat(task(TASK_SUBMIT_PROGRESS_REPORT, pi).getId()).isEqualTo(submit.getId());
    }

    // ==== 4. escalation =============================================================================================

    @Test
    @DisplayName("escalation: from the day after the task's due date; the model has no timer for it (raised from the "
            + "worklist)")
    void escalationsStartAfterTheTaskDueDateAndNoTimerOfTheModel() {
        world.cycle(1, executor(EXECUTOR_A));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);
        Task submit = task(TASK_SUBMIT_PROGRESS_REPORT, pi);
        Deadlines deadlines = world.deadlines(1, EXECUTOR_A);
        assertThat(submit).hasDueDate(Date.from(deadlines.dueAt()));
        Instant first = Deadlines.firstEscalation(deadlines.dueDate());
        Assertions.assertThat(first).isEqualTo(Instant.parse("2026-07-17T05:00:00Z")); // 09:00 in Baku
        // still set for the instances of earlier versions, whose report tasks have an escalation timer cycle
        Assertions.assertThat(deadlines.escalationCycle()).isEqualTo("R/2026-07-17T09:00:00+04:00/P7D");
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isZero();

        // the first and the second escalation points pass: nothing of the model's is due, the report stays as it was
        setClock(first.plusSeconds(60));
        Assertions.assertThat(management.createJobQuery().executable().count()).isZero();
        setClock(first.plus(Duration.ofDays(CALENDAR.escalationDays())).plusSeconds(60));
        Assertions.assertThat(management.createJobQuery().executable().count()).isZero();
        assertThat(pi).isWaitingAt(TASK_SUBMIT_PROGRESS_REPORT);
        Assertions.assertThat(task(TASK_SUBMIT_PROGRESS_REPORT, pi).getId()).isEqualTo(submit.getId());

        submitReport(submit);
        assertThat(pi).isWaitingAt(TASK_REVIEW_PROGRESS_REPORT);
        Assertions.assertThat(world.calls("raiseEscalation")).isEmpty();
    }

    // ==== 5. recommended (invited) bodies ===========================================================================

    @Test
    @DisplayName("invited body: no escalation, window closes: not reported; then the final assessment")
    void invitedBodyThatDoesNotReportIsRecordedAsNotReported() {
        world.cycle(1, invited(INVITED));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);

        assertThat(pi).hasPassed(GATEWAY_PARTICIPANT_ROLE).isWaitingAt(TASK_SUBMIT_INVITED_REPORT)
                .hasNotPassed(TASK_SUBMIT_PROGRESS_REPORT);
        Deadlines deadlines = world.deadlines(1, INVITED);
        Task submit = task(TASK_SUBMIT_INVITED_REPORT, pi);
        assertThat(submit).hasName("Submit invited progress report")
                .hasCandidateGroup(INVITED)
                .hasDueDate(Date.from(deadlines.dueAt()));
        Assertions.assertThat(submit.getFollowUpDate()).isEqualTo(Date.from(deadlines.reminderAt()));
        assertFormRef(submit, FormDefinitions.PROGRESS_REPORT);
        // an invited body is never escalated: its one timer is the window's
        assertThat(job(BOUNDARY_REPORTING_WINDOW_CLOSED, pi)).hasDueDate(Date.from(deadlines.windowClosesAt()));
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);

        // past due and past every escalation point: still nothing but the window
        setClock(deadlines.windowClosesAt().minusSeconds(60));
        Assertions.assertThat(management.createJobQuery().executable().count()).isZero();

        setClock(deadlines.windowClosesAt().plusSeconds(60));
        execute(job(BOUNDARY_REPORTING_WINDOW_CLOSED, pi));
        assertThat(pi).hasPassed(BOUNDARY_REPORTING_WINDOW_CLOSED, TASK_RECORD_NOT_REPORTED, END_NOT_REPORTED,
                END_CYCLE_CLOSED).hasNotPassed(TASK_REVIEW_PROGRESS_REPORT).isWaitingAt(TASK_FINAL_ASSESSMENT);
        Assertions.assertThat(world.calls("recordNotReported")).singleElement()
                .satisfies(c -> Assertions.assertThat(c.variables()).contains(entry(AGENCY_CODE, INVITED),
                        entry(CYCLE_NUMBER, 1)));
        Assertions.assertThat(world.calls("raiseEscalation")).isEmpty();

        completeMeasure(pi);
    }

    @Test
    @DisplayName("invited body that reports: submitted, reviewed, published like an executor")
    void invitedBodyReportIsReviewedAndPublished() {
        world.cycle(1, invited(INVITED));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);

        submitReport(task(TASK_SUBMIT_INVITED_REPORT, pi));
        assertThat(pi).hasPassed(TASK_SUBMIT_INVITED_REPORT, GATEWAY_REPORT_SUBMITTED)
                .isWaitingAt(TASK_REVIEW_PROGRESS_REPORT);
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isZero();

        reviewReport(task(TASK_REVIEW_PROGRESS_REPORT, pi), APPROVED);
        execute(job(TASK_PUBLISH_PROGRESS_REPORT, pi));
        assertThat(pi).hasPassed(END_REPORT_PUBLISHED).hasNotPassed(TASK_RECORD_NOT_REPORTED)
                .isWaitingAt(TASK_FINAL_ASSESSMENT);
        Assertions.assertThat(world.calls("publishProgressReport")).singleElement()
                .satisfies(c -> Assertions.assertThat(c.variables()).contains(entry(AGENCY_CODE, INVITED)));
        completeMeasure(pi);
    }

    @Test
    @DisplayName("invited body returned for revision comes back to the invited task")
    void returnedInvitedReportComesBackToTheInvitedTask() {
        world.cycle(1, invited(INVITED));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);
        submitReport(task(TASK_SUBMIT_INVITED_REPORT, pi));
        reviewReport(task(TASK_REVIEW_PROGRESS_REPORT, pi), RETURNED);

        assertThat(pi).isWaitingAt(TASK_SUBMIT_INVITED_REPORT).hasNotPassed(TASK_SUBMIT_PROGRESS_REPORT);
        Deadlines revision = world.deadlines(1, INVITED);
        assertThat(task(TASK_SUBMIT_INVITED_REPORT, pi)).hasDueDate(Date.from(revision.dueAt()));
        assertThat(job(BOUNDARY_REPORTING_WINDOW_CLOSED, pi)).hasDueDate(Date.from(revision.windowClosesAt()));
    }

    // ==== 6. due date extended ======================================================================================

    @Test
    @DisplayName("due date extended (executor): the same task moves to the new due date (its escalations' start) and "
            + "reminder point; the agency's report keeps one scope and one subscription")
    void extendedDueDateMovesTheExecutorTaskInPlace() {
        world.cycle(1, executor(EXECUTOR_A));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);
        Task before = task(TASK_SUBMIT_PROGRESS_REPORT, pi);
        Deadlines old = world.deadlines(1, EXECUTOR_A);
        // the agency's report: its subprocess instance's scope alone (the task is no scope of its own since 1.4.0)
        // and the removal's subscription alone
        long executions = runtime.createExecutionQuery().processInstanceId(pi.getId()).count();
        Assertions.assertThat(runtime.createEventSubscriptionQuery().processInstanceId(pi.getId()).list())
                .extracting(EventSubscription::getEventName)
                .containsExactlyInAnyOrder(Messages.MEASURE_CANCELLED, Messages.AGENCY_REMOVED);
        Assertions.assertThat(before.getExecutionId()).isEqualTo(subscription(pi, Messages.AGENCY_REMOVED,
                EXECUTOR_A).getExecutionId());

        Deadlines extended = world.changeDueDate(1, EXECUTOR_A, old.dueDate().plusDays(14));
        extendDueDate(pi, EXECUTOR_A, extended);

        assertThat(pi).isWaitingAt(TASK_SUBMIT_PROGRESS_REPORT);
        Task after = task(TASK_SUBMIT_PROGRESS_REPORT, pi);
        Assertions.assertThat(after.getId()).isEqualTo(before.getId());
        assertThat(after).hasCandidateGroup(EXECUTOR_A).hasDueDate(Date.from(extended.dueAt()));
        Assertions.assertThat(after.getFollowUpDate()).isEqualTo(Date.from(extended.reminderAt()));
        Assertions.assertThat(runtime.createExecutionQuery().processInstanceId(pi.getId()).count())
                .isEqualTo(executions);

        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isZero();
        // the new dates replaced the report's own variables; nothing leaked to the process scope
        Assertions.assertThat(tasks.getVariables(after.getId())).contains(entry(DUE_DATE,
                Date.from(extended.dueAt())), entry(REMINDER_AT, Date.from(extended.reminderAt())),
                entry(ESCALATION_CYCLE, extended.escalationCycle()));
        Assertions.assertThat(runtime.getVariables(pi.getId())).doesNotContainKeys(DUE_DATE, REMINDER_AT,
                ESCALATION_CYCLE, WINDOW_CLOSES_AT);

        // the old reminder and due time pass silently
        setClock(old.dueAt().plusSeconds(60));
        Assertions.assertThat(management.createJobQuery().executable().count()).isZero();

        submitReport(after);
        assertThat(pi).isWaitingAt(TASK_REVIEW_PROGRESS_REPORT);
    }

    @Test
    @DisplayName("due date extended (invited body): the same invited task moves (its reminder point), and so does its "
            + "window's timer")
    void extendedDueDateMovesTheInvitedTaskAndItsWindow() {
        world.cycle(1, invited(INVITED));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);
        Task before = task(TASK_SUBMIT_INVITED_REPORT, pi);
        Job window = job(BOUNDARY_REPORTING_WINDOW_CLOSED, pi);
        Deadlines old = world.deadlines(1, INVITED);

        Deadlines extended = world.changeDueDate(1, INVITED, old.dueDate().plusDays(30));
        extendDueDate(pi, INVITED, extended);

        assertThat(pi).isWaitingAt(TASK_SUBMIT_INVITED_REPORT);
        Task after = task(TASK_SUBMIT_INVITED_REPORT, pi);
        Assertions.assertThat(after.getId()).isEqualTo(before.getId());
        assertThat(after).hasCandidateGroup(INVITED).hasDueDate(Date.from(extended.dueAt()));
        Assertions.assertThat(after.getFollowUpDate()).isEqualTo(Date.from(extended.reminderAt()));
        assertThat(job(BOUNDARY_REPORTING_WINDOW_CLOSED, pi)).hasDueDate(Date.from(extended.windowClosesAt()));
        Assertions.assertThat(job(BOUNDARY_REPORTING_WINDOW_CLOSED, pi).getId()).isEqualTo(window.getId());
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
        Assertions.assertThat(tasks.getVariables(after.getId())).contains(entry(WINDOW_CLOSES_AT,
                Date.from(extended.windowClosesAt())));

        // the old window closes without effect
        setClock(old.windowClosesAt().plusSeconds(60));
        Assertions.assertThat(management.createJobQuery().activityId(BOUNDARY_REPORTING_WINDOW_CLOSED)
                .executable().count()).isZero();
        assertThat(pi).isWaitingAt(TASK_SUBMIT_INVITED_REPORT);
        Assertions.assertThat(world.calls("recordNotReported")).isEmpty();

        // the new one closes it
        setClock(extended.windowClosesAt().plusSeconds(60));
        execute(job(BOUNDARY_REPORTING_WINDOW_CLOSED, pi));
        assertThat(pi).hasPassed(TASK_RECORD_NOT_REPORTED);
    }

    @Test
    @DisplayName("the cycle's deadlines are held once, on the cycle's scope; one agency's new due date (extended, or "
            + "returned for revision) moves its own report only")
    void oneAgencysNewDueDateLeavesTheOtherAgenciesAlone() {
        world.cycle(1, executor(EXECUTOR_A), executor(EXECUTOR_B));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);
        Deadlines cycle = world.cycleDeadlines(1);
        Assertions.assertThat(dueDateVariables(pi)).as("one due date for the cycle, none per agency")
                .containsExactly(Date.from(cycle.dueAt()));

        Deadlines extended = world.changeDueDate(1, EXECUTOR_A, cycle.dueDate().plusDays(14));
        extendDueDate(pi, EXECUTOR_A, extended);
        assertThat(submitTask(pi, EXECUTOR_A)).hasDueDate(Date.from(extended.dueAt()));
        assertThat(submitTask(pi, EXECUTOR_B)).hasDueDate(Date.from(cycle.dueAt()));
        Assertions.assertThat(List.of(submitTask(pi, EXECUTOR_A), submitTask(pi, EXECUTOR_B)))
                .extracting(Task::getFollowUpDate)
                .containsExactly(Date.from(extended.reminderAt()), Date.from(cycle.reminderAt()));

        submitReport(submitTask(pi, EXECUTOR_B));
        setClock(world.opensAt(1).plus(Duration.ofDays(2)));
        reviewReport(task(TASK_REVIEW_PROGRESS_REPORT, pi), RETURNED);
        Deadlines revision = world.deadlines(1, EXECUTOR_B);
        assertThat(submitTask(pi, EXECUTOR_B)).hasDueDate(Date.from(revision.dueAt()));
        assertThat(submitTask(pi, EXECUTOR_A)).hasDueDate(Date.from(extended.dueAt()));
        Assertions.assertThat(dueDateVariables(pi)).as("the cycle's, and each moved agency's own")
                .containsExactlyInAnyOrder(Date.from(cycle.dueAt()), Date.from(extended.dueAt()),
                        Date.from(revision.dueAt()));
        Assertions.assertThat(runtime.getVariables(pi.getId())).doesNotContainKeys(DUE_DATE, REMINDER_AT,
                ESCALATION_CYCLE, WINDOW_CLOSES_AT);
    }

    private Task submitTask(ProcessInstance pi, String agencyCode) {
        return tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(TASK_SUBMIT_PROGRESS_REPORT)
                .taskCandidateGroup(agencyCode).singleResult();
    }

    private List<Object> dueDateVariables(ProcessInstance pi) {
        return runtime.createVariableInstanceQuery().processInstanceIdIn(pi.getId()).variableName(DUE_DATE).list()
                .stream().map(v -> v.getValue()).toList();
    }

    // ==== 7. agency removed =========================================================================================

    @Test
    @DisplayName("agency removed: its report ends as removed, the other agency's report goes on, then the cycle closes")
    void removedAgencyReportEndsAndTheOthersContinue() {
        world.cycle(1, executor(EXECUTOR_A), executor(EXECUTOR_B));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);
        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(TASK_SUBMIT_PROGRESS_REPORT).count()).isEqualTo(2);

        removeAgency(pi, EXECUTOR_A);

        assertThat(pi).hasPassed(START_AGENCY_REMOVED, TASK_RECORD_AGENCY_REMOVAL, END_AGENCY_REMOVED)
                .isWaitingAt(TASK_SUBMIT_PROGRESS_REPORT);
        Assertions.assertThat(world.calls("recordAgencyRemoval")).singleElement()
                .satisfies(c -> Assertions.assertThat(c.activityId()).isEqualTo(TASK_RECORD_AGENCY_REMOVAL))
                .satisfies(c -> Assertions.assertThat(c.variables()).contains(entry(AGENCY_CODE, EXECUTOR_A),
                        entry(CYCLE_NUMBER, 1)));
        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateGroup(EXECUTOR_A)
                .count()).isZero();
        // the removed agency's event subscriptions went with its report; the other's stay
        Assertions.assertThat(runtime.createEventSubscriptionQuery().processInstanceId(pi.getId())
                .eventName(Messages.AGENCY_REMOVED).count()).isEqualTo(1);

        Task other = reportTask(pi, EXECUTOR_B);
        submitReport(other);
        reviewReport(task(TASK_REVIEW_PROGRESS_REPORT, pi), APPROVED);
        execute(job(TASK_PUBLISH_PROGRESS_REPORT, pi));
        assertThat(pi).hasPassed(END_CYCLE_CLOSED).isWaitingAt(TASK_FINAL_ASSESSMENT);
        Assertions.assertThat(world.calls("publishProgressReport")).singleElement()
                .satisfies(c -> Assertions.assertThat(c.variables()).contains(entry(AGENCY_CODE, EXECUTOR_B)));
        completeMeasure(pi);
    }

    @Test
    @DisplayName("agency removed while its report is under review: the review ends, nothing is published")
    void agencyRemovedDuringReviewEndsTheReview() {
        world.cycle(1, invited(INVITED));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);
        submitReport(task(TASK_SUBMIT_INVITED_REPORT, pi));
        assertThat(pi).isWaitingAt(TASK_REVIEW_PROGRESS_REPORT);

        removeAgency(pi, INVITED);

        assertThat(pi).hasPassed(END_AGENCY_REMOVED, END_CYCLE_CLOSED).isWaitingAt(TASK_FINAL_ASSESSMENT);
        Assertions.assertThat(world.calls("publishProgressReport")).isEmpty();
        Assertions.assertThat(world.calls("recordAgencyRemoval")).hasSize(1);
    }

    // ==== 8. measure cancelled ======================================================================================

    @Test
    @DisplayName("cancelled while waiting for the reporting period to end: ended, nothing left")
    void cancelWhileWaitingForTheCycle() {
        world.cycles(2).cycle(1, executor(EXECUTOR_A)).cycle(2, executor(EXECUTOR_A));
        ProcessInstance pi = startMeasure();
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).activityId(TIMER_CYCLE_OPENS)
                .count()).isEqualTo(2);

        cancel(pi);

        assertCancelled(pi);
        Assertions.assertThat(world.calls("openReportingCycle")).isEmpty();
    }

    @Test
    @DisplayName("cancelled while reports, reviews and timers are open: ended, no task, job or timer left")
    void cancelWhileReportsAreOpen() {
        world.cycles(2).cycle(1, executor(EXECUTOR_A), executor(EXECUTOR_B), invited(INVITED))
                .cycle(2, executor(EXECUTOR_A));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);
        submitReport(reportTask(pi, EXECUTOR_B));
        // the invited body's window is waiting, two submit tasks and one review are open, cycle 2 is scheduled
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId())
                .activityId(BOUNDARY_REPORTING_WINDOW_CLOSED).count()).isEqualTo(1);
        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count()).isEqualTo(3);

        cancel(pi);

        assertCancelled(pi);
        Assertions.assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(pi.getId())
                .taskDeleteReason("deleted").count()).isEqualTo(3);
    }

    @Test
    @DisplayName("cancelled at the final assessment: ended without publishing")
    void cancelAtTheFinalAssessment() {
        world.cycle(1);
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);
        assertThat(pi).isWaitingAt(TASK_FINAL_ASSESSMENT);

        cancel(pi);

        assertCancelled(pi);
        assertThat(pi).hasNotPassed(TASK_PUBLISH_FINAL_ASSESSMENT);
        Assertions.assertThat(world.calls("publishFinalAssessment")).isEmpty();
    }

    // ==== 9. two cycles, two participants ===========================================================================

    @Test
    @DisplayName("two cycles, an executor and an invited body: both cycles report, then the final assessment")
    void twoCyclesWithAnExecutorAndAnInvitedBody() {
        world.cycles(2).cycle(1, executor(EXECUTOR_A), invited(INVITED))
                .cycle(2, executor(EXECUTOR_A), invited(INVITED));
        ProcessInstance pi = startMeasure();

        // the cycles run side by side: both timers wait from the start, each at its own date
        List<Job> timers = management.createJobQuery().processInstanceId(pi.getId()).activityId(TIMER_CYCLE_OPENS)
                .orderByJobDuedate().asc().list();
        Assertions.assertThat(timers).extracting(Job::getDuedate)
                .containsExactly(Date.from(world.opensAt(1)), Date.from(world.opensAt(2)));
        Assertions.assertThat(world.calls("reportingCycleStarted")).extracting(c -> c.variables().get("loopCounter"))
                .containsExactlyInAnyOrder(0, 1);

        for (int cycle = 1; cycle <= 2; cycle++) {
            openCycle(pi, cycle);
            Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count()).isEqualTo(2);
            assertThat(reportTask(pi, EXECUTOR_A)).hasDefinitionKey(TASK_SUBMIT_PROGRESS_REPORT)
                    .hasDueDate(Date.from(world.deadlines(cycle, EXECUTOR_A).dueAt()));
            assertThat(reportTask(pi, INVITED)).hasDefinitionKey(TASK_SUBMIT_INVITED_REPORT)
                    .hasDueDate(Date.from(world.deadlines(cycle, INVITED).dueAt()));

            submitReport(reportTask(pi, EXECUTOR_A));
            submitReport(reportTask(pi, INVITED));
            reviewReport(reviewTask(pi, INVITED), APPROVED);
            reviewReport(reviewTask(pi, EXECUTOR_A), APPROVED);
            for (Job publish : management.createJobQuery().processInstanceId(pi.getId())
                    .activityId(TASK_PUBLISH_PROGRESS_REPORT).list()) {
                execute(publish);
            }
            if (cycle == 1) {
                // cycle 1 closed; the measure waits for the second period to end
                assertThat(pi).hasPassed(END_CYCLE_CLOSED).isWaitingAt(TIMER_CYCLE_OPENS)
                        .hasNotPassed(TASK_FINAL_ASSESSMENT);
            }
        }
        assertThat(pi).isWaitingAt(TASK_FINAL_ASSESSMENT);
        Assertions.assertThat(world.calls("publishProgressReport"))
                .extracting(c -> c.variables().get(CYCLE_NUMBER) + "/" + c.variables().get(AGENCY_CODE))
                .containsExactlyInAnyOrder("1/" + EXECUTOR_A, "1/" + INVITED, "2/" + EXECUTOR_A, "2/" + INVITED);
        Assertions.assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(END_CYCLE_CLOSED).count()).isEqualTo(2);
        completeMeasure(pi);
    }

    @Test
    @DisplayName("an agency removed after the cycle opened, before its report started, is not asked")
    void anAgencyRemovedBeforeItsReportStartedIsNotAsked() {
        world.cycle(1, executor(EXECUTOR_A), invited(INVITED));
        ProcessInstance pi = startMeasure();
        world.removed.add("1/" + INVITED);

        openCycle(pi, 1);

        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateGroup(INVITED).count())
                .isZero();
        assertThat(pi).hasPassed(END_REMOVED_BEFORE_ASKED);
        submitReport(reportTask(pi, EXECUTOR_A));
        reviewReport(reviewTask(pi, EXECUTOR_A), APPROVED);
        execute(management.createJobQuery().processInstanceId(pi.getId()).activityId(TASK_PUBLISH_PROGRESS_REPORT)
                .singleResult());
        // the cycle closes with the one agency asked
        assertThat(pi).hasPassed(END_CYCLE_CLOSED).isWaitingAt(TASK_FINAL_ASSESSMENT);
        completeMeasure(pi);
    }

    // ==== 10. no participants, no cycles ============================================================================

    @Test
    @DisplayName("a cycle without participants closes at once")
    void cycleWithoutParticipantsClosesAtOnce() {
        world.cycle(1);
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);

        assertThat(pi).hasPassed(TASK_OPEN_REPORTING_CYCLE, END_CYCLE_CLOSED).isWaitingAt(TASK_FINAL_ASSESSMENT);
        Assertions.assertThat(world.calls("agencyReportStarted")).isEmpty();
        Assertions.assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(SUBPROCESS_AGENCY_REPORT).count()).isZero();
        completeMeasure(pi);
    }

    @Test
    @DisplayName("a measure without reporting cycles goes straight to the final assessment")
    void measureWithoutCyclesGoesStraightToTheFinalAssessment() {
        world.cycles(0);
        ProcessInstance pi = startMeasure();

        assertThat(pi).hasPassed(TASK_PLAN_REPORTING_CYCLES).hasNotPassed(TIMER_CYCLE_OPENS)
                .isWaitingAt(TASK_FINAL_ASSESSMENT);
        Assertions.assertThat(world.calls("reportingCycleStarted")).isEmpty();
        completeMeasure(pi);
    }

    // ==== agency added by amendment (MeasureExecutionService#addAgency) =============================================

    @Test
    @DisplayName("agency added to an open cycle: a new report instance for the agency code given by the admin")
    void agencyAddedToAnOpenCycleGetsItsOwnReport() {
        world.cycle(1, executor(EXECUTOR_A));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);

        addAgency(pi, executor(EXECUTOR_B));

        // the reports of the cycle are open: the new one starts in the administrator's transaction, no job
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).executable().count()).isZero();
        Assertions.assertThat(world.calls("agencyReportStarted")).hasSize(2).last()
                .satisfies(c -> Assertions.assertThat(c.variables()).contains(entry("added", EXECUTOR_B)));
        assertThat(reportTask(pi, EXECUTOR_B)).hasDefinitionKey(TASK_SUBMIT_PROGRESS_REPORT)
                .hasDueDate(Date.from(world.deadlines(1, EXECUTOR_B).dueAt()));

        // the cycle now waits for both
        submitReport(reportTask(pi, EXECUTOR_A));
        reviewReport(task(TASK_REVIEW_PROGRESS_REPORT, pi), APPROVED);
        execute(job(TASK_PUBLISH_PROGRESS_REPORT, pi));
        assertThat(pi).hasNotPassed(END_CYCLE_CLOSED).isWaitingAt(TASK_SUBMIT_PROGRESS_REPORT);
        submitReport(reportTask(pi, EXECUTOR_B));
        reviewReport(task(TASK_REVIEW_PROGRESS_REPORT, pi), APPROVED);
        execute(job(TASK_PUBLISH_PROGRESS_REPORT, pi));
        assertThat(pi).hasPassed(END_CYCLE_CLOSED).isWaitingAt(TASK_FINAL_ASSESSMENT);
    }

    // ==== the real start listeners (they hold the engine-facing logic of loopCounter and added agencies) ==========

    @Test
    @DisplayName("real start listeners: cycles numbered from loopCounter, each participant asked by its position")
    void realStartListenersAskEveryParticipantOfEveryCycle() {
        world.cycles(2).cycle(1, executor(EXECUTOR_A), invited(INVITED)).cycle(2, executor(EXECUTOR_A));
        CycleService cycles = useRealStartListeners();
        ProcessInstance pi = startMeasure();

        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).activityId(TIMER_CYCLE_OPENS)
                .list()).extracting(Job::getDuedate)
                .containsExactlyInAnyOrder(Date.from(world.opensAt(1)), Date.from(world.opensAt(2)));
        openCycle(pi, 1);
        assertThat(reportTask(pi, EXECUTOR_A)).hasDefinitionKey(TASK_SUBMIT_PROGRESS_REPORT)
                .hasDueDate(Date.from(world.deadlines(1, EXECUTOR_A).dueAt()));
        assertThat(reportTask(pi, INVITED)).hasDefinitionKey(TASK_SUBMIT_INVITED_REPORT);
        Assertions.assertThat(tasks.getVariables(reportTask(pi, INVITED).getId())).contains(entry(CYCLE_NUMBER, 1))
                .as("model 1.5.0 routes on the participants' roles, not on a variable").doesNotContainKey(ROLE);
        Assertions.assertThat(tasks.getVariables(reportTask(pi, INVITED).getId()))
                .doesNotContainKeys("whatWasDone", DECISION, REPORT_ID);
        Mockito.verify(cycles).participantAt(MEASURE, 1, 0);
        Mockito.verify(cycles).participantAt(MEASURE, 1, 1);

        openCycle(pi, 2);
        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateGroup(EXECUTOR_A)
                .list()).extracting(t -> tasks.getVariable(t.getId(), CYCLE_NUMBER)).containsExactlyInAnyOrder(1, 2);
        Mockito.verify(cycles).participantAt(MEASURE, 2, 0);
    }

    @Test
    @DisplayName("real AgencyReportStartedListener: an agency removed and added again is asked by its code again")
    void reAddedAgencyIsAskedForItsReportAgain() {
        world.cycle(1, executor(EXECUTOR_A), executor(EXECUTOR_B));
        CycleService cycles = useRealStartListeners();
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);
        removeAgency(pi, EXECUTOR_A);

        // CycleService#addParticipant keeps the agency's position 0; the new instance has loopCounter 2
        Assertions.assertThatCode(() -> addAgency(pi, executor(EXECUTOR_A)))
                .as("AgencyReportStartedListener must find the agency code set by the modification "
                        + "(getVariable, not getVariableLocal) instead of asking for the participant at loopCounter")
                .doesNotThrowAnyException();

        Mockito.verify(cycles, Mockito.atLeastOnce()).participant(MEASURE, 1, EXECUTOR_A);
        assertThat(reportTask(pi, EXECUTOR_A)).hasDefinitionKey(TASK_SUBMIT_PROGRESS_REPORT)
                .hasDueDate(Date.from(world.deadlines(1, EXECUTOR_A).dueAt()));
    }

    // ==== a decision the gateway does not know ======================================================================

    @Test
    @DisplayName("a review without APPROVED or RETURNED is refused; the review task stays open")
    void reviewWithAnUnknownDecisionIsRefused() {
        world.cycle(1, executor(EXECUTOR_A));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);
        submitReport(task(TASK_SUBMIT_PROGRESS_REPORT, pi));
        Task review = task(TASK_REVIEW_PROGRESS_REPORT, pi);

        assertThatThrownBy(() -> complete(review, withVariables(DECISION, "MAYBE")))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining(GATEWAY_REVIEW_DECISION);

        assertThat(pi).isWaitingAt(TASK_REVIEW_PROGRESS_REPORT);
        Assertions.assertThat(task(TASK_REVIEW_PROGRESS_REPORT, pi).getId()).isEqualTo(review.getId());
        Assertions.assertThat(tasks.getVariable(review.getId(), DECISION)).isNull();
    }

    // ==== 12. a failing service task ================================================================================

    @Test
    @DisplayName("publication fails: retried every minute, five attempts, then an incident; a retry after the fix")
    void failingPublicationIsRetriedAndThenRaisesAnIncident() {
        world.cycle(1, executor(EXECUTOR_A));
        ProcessInstance pi = startMeasure();
        openCycle(pi, 1);
        submitReport(task(TASK_SUBMIT_PROGRESS_REPORT, pi));
        reviewReport(task(TASK_REVIEW_PROGRESS_REPORT, pi), APPROVED);
        world.publishFailure = new IllegalStateException("portal unavailable");

        Job publish = job(TASK_PUBLISH_PROGRESS_REPORT, pi);
        List<Integer> retriesLeft = new ArrayList<>();
        for (int attempt = 1; attempt <= 5; attempt++) {
            Job due = management.createJobQuery().jobId(publish.getId()).executable().singleResult();
            Assertions.assertThat(due).as("attempt %d is due", attempt).isNotNull();
            assertThatThrownBy(() -> management.executeJob(due.getId())).hasStackTraceContaining("portal unavailable");
            Job failed = management.createJobQuery().jobId(publish.getId()).singleResult();
            retriesLeft.add(failed.getRetries());
            if (failed.getRetries() > 0) {
                // the next attempt waits a minute (R5/PT1M)
                Assertions.assertThat(failed.getDuedate()).isEqualTo(Date.from(Clock.now().plusSeconds(60)));
                Assertions.assertThat(management.createJobQuery().jobId(publish.getId()).executable().count())
                        .isZero();
                Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
                setClock(Clock.now().plusSeconds(60));
            }
        }
        Assertions.assertThat(retriesLeft).containsExactly(4, 3, 2, 1, 0);
        Assertions.assertThat(world.calls("publishProgressReport")).hasSize(5);

        Incident incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        Assertions.assertThat(incident).isNotNull();
        Assertions.assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        Assertions.assertThat(incident.getActivityId()).isEqualTo(TASK_PUBLISH_PROGRESS_REPORT);
        Assertions.assertThat(incident.getIncidentMessage()).contains("portal unavailable");
        assertThat(management.createJobQuery().jobId(publish.getId()).singleResult()).hasRetries(0)
                .hasExceptionMessage();
        assertThat(pi).isWaitingAt(TASK_PUBLISH_PROGRESS_REPORT).hasNotPassed(END_REPORT_PUBLISHED);

        // an administrator retries after the portal is back
        world.publishFailure = null;
        management.setJobRetries(publish.getId(), 1);
        execute(management.createJobQuery().jobId(publish.getId()).singleResult());
        assertThat(pi).hasPassed(END_REPORT_PUBLISHED).isWaitingAt(TASK_FINAL_ASSESSMENT);
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    @DisplayName("a cycle that cannot start its reports is retried as a whole, then raises an incident; a retry after "
            + "the fix opens every agency's report once")
    void failingReportStartIsRetriedAndThenRaisesAnIncident() {
        world.cycle(1, executor(EXECUTOR_A), invited(INVITED));
        world.reportStartFailure = new IllegalStateException("participant not found");
        ProcessInstance pi = startMeasure();
        setClock(world.opensAt(1).plusSeconds(60));
        execute(job(TIMER_CYCLE_OPENS, pi));

        Job start = job(AGENCY_REPORTS, pi);
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThatThrownBy(() -> management.executeJob(start.getId()))
                    .hasStackTraceContaining("participant not found");
            setClock(Clock.now().plusSeconds(60));
        }
        assertThat(management.createJobQuery().jobId(start.getId()).singleResult()).hasRetries(0);
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).activityId(
                AGENCY_REPORTS).count()).isEqualTo(1);
        // each attempt rolled back the whole cycle's opening: no report of any agency is open
        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();

        // an administrator retries after the fix: the one job starts every agency's report, each once
        world.reportStartFailure = null;
        management.setJobRetries(start.getId(), 1);
        execute(management.createJobQuery().jobId(start.getId()).singleResult());
        Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
        assertThat(reportTask(pi, EXECUTOR_A)).hasDefinitionKey(TASK_SUBMIT_PROGRESS_REPORT);
        assertThat(reportTask(pi, INVITED)).hasDefinitionKey(TASK_SUBMIT_INVITED_REPORT);
        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count()).isEqualTo(2);
    }

    // ==== the steps =================================================================================================

    private ProcessInstance startMeasure() {
        return runtime.startProcessInstanceByKey(MeasureExecution.PROCESS_KEY, BUSINESS_KEY,
                withVariables(PLAN_CODE, PLAN, MEASURE_ID, MEASURE));
    }

    /** The reporting period of the cycle ends: its timer fires, the cycle opens, each agency's report starts. */
    private void openCycle(ProcessInstance pi, int cycle) {
        Date opensAt = Date.from(world.opensAt(cycle));
        Job timer = management.createJobQuery().processInstanceId(pi.getId()).activityId(TIMER_CYCLE_OPENS)
                .duedateLowerThan(new Date(opensAt.getTime() + 1)).singleResult();
        assertThat(timer).hasDueDate(opensAt);
        setClock(world.opensAt(cycle).plusSeconds(60));
        execute(timer);
        startRequestedReports(pi, cycle);
    }

    /**
     * SubProcess_AgencyReport is asyncBefore its multi-instance body: one job per cycle starts every participant's
     * report in one transaction.
     */
    private void startRequestedReports(ProcessInstance pi, int cycle) {
        Job start = management.createJobQuery().processInstanceId(pi.getId()).activityId(AGENCY_REPORTS)
                .singleResult();
        Assertions.assertThat(start).as("the job that starts the reports of cycle %d", cycle).isNotNull();
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId())
                .activityId(SUBPROCESS_AGENCY_REPORT).count()).as("no job per agency").isZero();
        execute(start);
        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).list().stream()
                .filter(t -> List.of(TASK_SUBMIT_PROGRESS_REPORT, TASK_SUBMIT_INVITED_REPORT)
                        .contains(t.getTaskDefinitionKey()))
                .filter(t -> Integer.valueOf(cycle).equals(tasks.getVariable(t.getId(), CYCLE_NUMBER))))
                .as("a report task for every participant of cycle %d not removed", cycle)
                .hasSize((int) world.participants(cycle).stream().filter(p -> !world.removed(cycle, p)).count());
    }

    private void submitReport(Task task) {
        complete(task, withVariables(
                "completionLevel", "SUBSTANTIAL",
                "whatWasDone", "Draft law sent to parliament",
                "indicatorValues", "1 of 2",
                "obstacles", "",
                "nextSteps", "Adoption",
                "evidenceLinks", "https://opengov.az/evidence/1"));
    }

    private void reviewReport(Task task, String decision) {
        complete(task, withVariables(DECISION, decision, "comment", RETURNED.equals(decision) ? "Add evidence" : null,
                "completionLevel", "SUBSTANTIAL"));
    }

    /** The commission gives the final assessment, and it is published: the measure is complete. */
    private void completeMeasure(ProcessInstance pi) {
        assertThat(pi).isWaitingAt(TASK_FINAL_ASSESSMENT);
        Task assessment = task(TASK_FINAL_ASSESSMENT, pi);
        assertThat(assessment).hasCandidateGroup(COMMISSION);
        assertFormRef(assessment, FormDefinitions.FINAL_ASSESSMENT);
        complete(assessment, withVariables("completionLevel", "COMPLETE", "summary", "Law adopted"));
        assertThat(pi).hasPassed(TASK_FINAL_ASSESSMENT).isWaitingAt(TASK_PUBLISH_FINAL_ASSESSMENT);
        Assertions.assertThat(runtime.getVariables(pi.getId())).doesNotContainKeys("completionLevel", "summary");

        execute(job(TASK_PUBLISH_FINAL_ASSESSMENT, pi));
        assertThat(pi).hasPassed(TASK_PUBLISH_FINAL_ASSESSMENT, END_MEASURE_COMPLETED)
                .hasNotPassed(END_MEASURE_CANCELLED)
                .isEnded();
        Assertions.assertThat(world.calls("publishFinalAssessment")).singleElement()
                .satisfies(c -> Assertions.assertThat(c.variables()).contains(entry(MEASURE_ID, MEASURE)));
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    /** As MeasureExecutionService#extendDueDate: the agency's open submit task moves to its new deadlines. */
    private void extendDueDate(ProcessInstance pi, String agencyCode, Deadlines deadlines) {
        Task open = reportTask(pi, agencyCode);
        Assertions.assertThat(open).as("open report task of %s", agencyCode).isNotNull();
        az.opengov.nap.measure.AgencyScope.moveDeadlines(ENGINE.getProcessEngine(), open, deadlines);
    }

    /** As MeasureExecutionService#removeAgency: the message goes to that agency's report. */
    private void removeAgency(ProcessInstance pi, String agencyCode) {
        EventSubscription subscription = subscription(pi, Messages.AGENCY_REMOVED, agencyCode);
        Assertions.assertThat(subscription.getActivityId()).isEqualTo(START_AGENCY_REMOVED);
        runtime.messageEventReceived(Messages.AGENCY_REMOVED, subscription.getExecutionId());
    }

    /**
     * As MeasureExecutionService#addAgency: the agency joins every open cycle, by a process instance modification
     * that starts one more SubProcess_AgencyReport instance with the agency's code.
     */
    private void addAgency(ProcessInstance pi, Party party) {
        ActivityInstance tree = runtime.getActivityInstance(pi.getId());
        ActivityInstance[] openCycles = tree.getActivityInstances(SUBPROCESS_REPORTING_CYCLE);
        Assertions.assertThat(openCycles).isNotEmpty();
        for (ActivityInstance cycleInstance : openCycles) {
            int cycle = ((Number) runtime.getVariableLocal(cycleInstance.getExecutionIds()[0], CYCLE_NUMBER))
                    .intValue();
            for (ActivityInstance body : cycleInstance.getActivityInstances(SUBPROCESS_AGENCY_REPORT
                    + "#multiInstanceBody")) {
                world.addParticipant(cycle, party);
                runtime.createProcessInstanceModification(pi.getId())
                        .startBeforeActivity(SUBPROCESS_AGENCY_REPORT, body.getId())
                        .setVariableLocal(AGENCY_CODE, party.agencyCode())
                        .execute();
            }
        }
    }

    /**
     * Replaces the fakes of reportingCycleStarted and agencyReportStarted by the real listeners, over a mocked
     * CycleService that answers from the test's world as the real one answers from its tables.
     */
    private CycleService useRealStartListeners() {
        CycleService cycles = Mockito.mock(CycleService.class);
        Mockito.when(cycles.opensAt(Mockito.eq(MEASURE), Mockito.anyInt()))
                .thenAnswer(call -> world.opensAt(call.getArgument(1)));
        world.participantsOf(cycles);
        Mockito.when(cycles.deadlines(Mockito.eq(MEASURE), Mockito.anyInt(), Mockito.anyString()))
                .thenAnswer(call -> world.deadlines(call.getArgument(1), call.getArgument(2)));
        Mocks.register("reportingCycleStarted", new ReportingCycleStartedListener(cycles));
        Mocks.register("agencyReportStarted", new AgencyReportStartedListener(cycles));
        Mocks.register("participantRole", new ParticipantRole(cycles));
        return cycles;
    }

    /** As MeasureExecutionService#cancel. */
    private void cancel(ProcessInstance pi) {
        runtime.createMessageCorrelation(Messages.MEASURE_CANCELLED).processInstanceId(pi.getId())
                .correlateWithResult();
    }

    private void assertCancelled(ProcessInstance pi) {
        assertThat(pi).hasPassed(EVENT_SUBPROCESS_MEASURE_CANCELLED, START_MEASURE_CANCELLED,
                TASK_RECORD_CANCELLATION, END_MEASURE_CANCELLED).hasNotPassed(END_MEASURE_COMPLETED).isEnded();
        Assertions.assertThat(world.calls("recordCancellation")).singleElement()
                .satisfies(c -> Assertions.assertThat(c.variables()).contains(entry(MEASURE_ID, MEASURE)));
        Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
        Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).count()).isZero();
        Assertions.assertThat(runtime.createEventSubscriptionQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    private EventSubscription subscription(ProcessInstance pi, String message, String agencyCode) {
        List<EventSubscription> found = new ArrayList<>();
        for (EventSubscription s : runtime.createEventSubscriptionQuery().processInstanceId(pi.getId())
                .eventType("message").eventName(message).list()) {
            if (agencyCode.equals(runtime.getVariable(s.getExecutionId(), AGENCY_CODE))) {
                found.add(s);
            }
        }
        Assertions.assertThat(found).as("%s subscriptions of %s", message, agencyCode).hasSize(1);
        return found.get(0);
    }

    private Task reportTask(ProcessInstance pi, String agencyCode) {
        return tasks.createTaskQuery().processInstanceId(pi.getId()).taskCandidateGroup(agencyCode).singleResult();
    }

    private Task reviewTask(ProcessInstance pi, String agencyCode) {
        List<Task> found = tasks.createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(TASK_REVIEW_PROGRESS_REPORT).list().stream()
                .filter(t -> agencyCode.equals(tasks.getVariable(t.getId(), AGENCY_CODE))).toList();
        Assertions.assertThat(found).hasSize(1);
        return found.get(0);
    }

    /** User tasks use camunda:formRef with binding deployment: the form deployed with the process is served. */
    private void assertFormRef(Task task, String formId) {
        Task withForm = tasks.createTaskQuery().taskId(task.getId()).initializeFormKeys().singleResult();
        Assertions.assertThat(withForm.getCamundaFormRef()).isNotNull();
        Assertions.assertThat(withForm.getCamundaFormRef().getKey()).isEqualTo(formId);
        Assertions.assertThat(withForm.getCamundaFormRef().getBinding()).isEqualTo("deployment");
        try (InputStream form = forms.getDeployedTaskForm(task.getId())) {
            Assertions.assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("\"id\": \"" + formId + "\"");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setClock(Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
    }

    private static Party executor(String agencyCode) {
        return new Party(agencyCode, AgencyRole.EXECUTOR);
    }

    private static Party invited(String agencyCode) {
        return new Party(agencyCode, AgencyRole.RECOMMENDED);
    }

    // ==== the fakes =================================================================================================

    record Party(String agencyCode, AgencyRole role) {
    }

    /** One call of a fake: the element it ran for and every variable it could see at that moment. */
    record Call(String activityId, Map<String, Object> variables) {
    }

    /**
     * What the project's services would answer (CycleService, ReportingService ...): the measure's cycles, who takes
     * part and their deadlines (computed with the real {@link Deadlines} and calendar). The fakes registered with
     * {@link Mocks} set the same variables as the real delegates and listeners, through the same helpers
     * ({@link ProcessVariables}, {@link FormDefinitions}), and record each call.
     */
    static final class World {

        int cycleCount = 1;
        final Map<Integer, List<Party>> participants = new HashMap<>();
        final Map<String, LocalDate> dueDates = new HashMap<>();
        /** As cycle_participant's status REMOVED: "cycle/agency" removed by amendment before the reports started. */
        final java.util.Set<String> removed = new java.util.HashSet<>();
        final Map<String, List<Call>> calls = new LinkedHashMap<>();
        long nextReportId = 1001L;
        RuntimeException publishFailure;
        RuntimeException reportStartFailure;

        World cycles(int count) {
            this.cycleCount = count;
            return this;
        }

        World cycle(int number, Party... parties) {
            participants.put(number, new ArrayList<>(List.of(parties)));
            return this;
        }

        /** As CycleService#addParticipant: a new agency gets the next position, one added again keeps its own. */
        void addParticipant(int cycle, Party party) {
            List<Party> parties = participants.get(cycle);
            if (parties.stream().noneMatch(p -> p.agencyCode().equals(party.agencyCode()))) {
                parties.add(party);
            }
        }

        /** {@code cycles} answering CycleService#participant and #participantAt from this world. */
        CycleService participantsOf(CycleService cycles) {
            Mockito.when(cycles.participantAt(Mockito.eq(MEASURE), Mockito.anyInt(), Mockito.anyInt()))
                    .thenAnswer(call -> asParticipant(call.getArgument(1),
                            participantAt(call.getArgument(1), call.<Integer>getArgument(2))));
            Mockito.when(cycles.participant(Mockito.eq(MEASURE), Mockito.anyInt(), Mockito.anyString()))
                    .thenAnswer(call -> asParticipant(call.getArgument(1),
                            participant(call.getArgument(1), call.getArgument(2))));
            return cycles;
        }

        Participant asParticipant(int cycle, Party party) {
            return new Participant(MEASURE, cycle, party.agencyCode(), participants(cycle).indexOf(party),
                    party.role(), removed(cycle, party) ? ParticipantStatus.REMOVED : ParticipantStatus.OPEN,
                    deadlines(cycle, party.agencyCode()).dueDate());
        }

        List<Party> participants(int cycle) {
            return participants.getOrDefault(cycle, List.of());
        }

        boolean removed(int cycle, Party party) {
            return removed.contains(cycle + "/" + party.agencyCode());
        }

        /** As CycleService#opensAt: the day after the period ends, at midnight in Baku. */
        Instant opensAt(int cycle) {
            return FIRST_PERIOD_ENDS.plusMonths((long) CALENDAR.frequencyMonths() * (cycle - 1)).plusDays(1)
                    .atStartOfDay(Clock.BAKU).toInstant();
        }

        Deadlines deadlines(int cycle, String agencyCode) {
            LocalDate due = dueDates.computeIfAbsent(cycle + "/" + agencyCode, k -> cycleDeadlines(cycle).dueDate());
            return Deadlines.of(due, CALENDAR);
        }

        /** As CycleService#cycleDeadlines: the cycle's own due date, dueOffsetDays after it opens. */
        Deadlines cycleDeadlines(int cycle) {
            return Deadlines.of(LocalDate.ofInstant(opensAt(cycle), Clock.BAKU).plusDays(CALENDAR.dueOffsetDays()),
                    CALENDAR);
        }

        /** As CycleService#reopenForRevision: due again revisionDays from today. */
        Deadlines reopenForRevision(int cycle, String agencyCode) {
            return changeDueDate(cycle, agencyCode, Clock.today().plusDays(CALENDAR.revisionDays()));
        }

        Deadlines changeDueDate(int cycle, String agencyCode, LocalDate due) {
            dueDates.put(cycle + "/" + agencyCode, due);
            return deadlines(cycle, agencyCode);
        }

        Party participant(int cycle, String agencyCode) {
            return participants(cycle).stream().filter(p -> p.agencyCode().equals(agencyCode)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("participant not found: " + agencyCode));
        }

        Party participantAt(int cycle, int position) {
            List<Party> parties = participants(cycle);
            if (position >= parties.size()) {
                throw new IllegalStateException("participant not found at " + position);
            }
            return parties.get(position);
        }

        List<Call> calls(String bean) {
            return calls.getOrDefault(bean, List.of());
        }

        private void record(String bean, String activityId, VariableScope scope, Map<String, Object> extra) {
            Map<String, Object> seen = new HashMap<>(scope.getVariables());
            seen.putAll(extra);
            calls.computeIfAbsent(bean, k -> new ArrayList<>()).add(new Call(activityId,
                    Collections.unmodifiableMap(seen)));
        }

        private void record(String bean, DelegateExecution execution) {
            record(bean, execution.getCurrentActivityId(), execution, Map.of());
        }

        /** A delegate that, like the real ones, reads measureId, cycleNumber and agencyCode, then does nothing. */
        private JavaDelegate agencyStep(String bean) {
            return execution -> {
                record(bean, execution);
                ProcessVariables.measureId(execution);
                ProcessVariables.cycleNumber(execution);
                Objects.requireNonNull(ProcessVariables.agencyCode(execution), "agencyCode");
            };
        }

        void registerFakes() {
            // the gateway's role is the real one's, over the world's participants
            Mocks.register("participantRole", new ParticipantRole(participantsOf(Mockito.mock(CycleService.class))));
            Mocks.register("planReportingCycles", (JavaDelegate) execution -> {
                record("planReportingCycles", execution);
                ProcessVariables.measureId(execution);
                execution.setVariable(CYCLE_COUNT, cycleCount);
            });
            Mocks.register("reportingCycleStarted", (ExecutionListener) execution -> {
                record("reportingCycleStarted", execution);
                // loopCounter sits on the instance's parent (concurrent) execution: getVariable, not getVariableLocal
                int number = ((Number) execution.getVariable("loopCounter")).intValue() + 1;
                execution.setVariableLocal(CYCLE_NUMBER, number);
                execution.setVariableLocal(CYCLE_OPENS_AT, Date.from(opensAt(number)));
                execution.setVariableLocal(PARTICIPANT_COUNT, 0);
            });
            Mocks.register("openReportingCycle", (JavaDelegate) execution -> {
                record("openReportingCycle", execution);
                int cycle = ProcessVariables.cycleNumber(execution);
                int count = participants(cycle).size();
                execution.setVariable(PARTICIPANT_COUNT, count);
                execution.setVariablesLocal(cycleDeadlines(cycle).variables());
            });
            Mocks.register("agencyReportStarted", (ExecutionListener) execution -> {
                // the expected behaviour, not the current one: an agency added by process instance modification has its
                // code on the instance's parent (concurrent) execution, like loopCounter, so it is read with
                // getVariable; AgencyReportStartedListener reads it with getVariableLocal and never sees it (see
                // reAddedAgencyIsAskedForItsReportAgain)
                String added = (String) execution.getVariable(AGENCY_CODE);
                Map<String, Object> extra = new HashMap<>();
                extra.put("added", added);
                record("agencyReportStarted", execution.getCurrentActivityId(), execution, extra);
                if (reportStartFailure != null) {
                    throw reportStartFailure;
                }
                ProcessVariables.measureId(execution);
                int cycle = ProcessVariables.cycleNumber(execution);
                Party p = added != null ? participant(cycle, added)
                        : participantAt(cycle, ((Number) execution.getVariable("loopCounter")).intValue());
                execution.setVariableLocal(AGENCY_CODE, p.agencyCode());
                if (removed(cycle, p)) {
                    return;
                }
                Map<String, Object> own = deadlines(cycle, p.agencyCode()).variables();
                if (!own.equals(ProcessVariables.visibleDeadlines(execution))) {
                    execution.setVariablesLocal(own);
                }
            });
            Mocks.register("progressReportSubmitted", (TaskListener) task -> {
                record("progressReportSubmitted", task.getTaskDefinitionKey(), task, Map.of());
                ProcessVariables.measureId(task);
                ProcessVariables.cycleNumber(task);
                Objects.requireNonNull(ProcessVariables.agencyCode(task), "agencyCode");
                long reportId = nextReportId++;
                var scope = az.opengov.nap.measure.AgencyScope.of(task.getExecution());
                ProcessVariables.takeFormValues(task, scope, FORMS.keys(FormDefinitions.PROGRESS_REPORT));
                scope.setVariableLocal(REPORT_ID, reportId);
                if (!scope.hasVariableLocal(DECISION)) {
                    scope.setVariableLocal(DECISION, null);
                }
            });
            Mocks.register("progressReportReviewed", (TaskListener) task -> {
                record("progressReportReviewed", task.getTaskDefinitionKey(), task, Map.of());
                ProcessVariables.reportId(task);
                Objects.requireNonNull(ProcessVariables.string(task, DECISION), "decision");
                ProcessVariables.takeFormValues(task, az.opengov.nap.measure.AgencyScope.of(task.getExecution()),
                        List.of("comment", "completionLevel"));
            });
            Mocks.register("finalAssessmentGiven", (TaskListener) task -> {
                record("finalAssessmentGiven", task.getTaskDefinitionKey(), task, Map.of());
                ProcessVariables.measureId(task);
                task.removeVariable("completionLevel");
                task.removeVariable("summary");
            });
            Mocks.register("raiseEscalation", agencyStep("raiseEscalation"));
            Mocks.register("recordNotReported", agencyStep("recordNotReported"));
            Mocks.register("recordAgencyRemoval", agencyStep("recordAgencyRemoval"));
            Mocks.register("publishProgressReport", (JavaDelegate) execution -> {
                record("publishProgressReport", execution);
                ProcessVariables.reportId(execution);
                ProcessVariables.cycleNumber(execution);
                Objects.requireNonNull(ProcessVariables.agencyCode(execution), "agencyCode");
                if (publishFailure != null) {
                    throw publishFailure;
                }
            });
            Mocks.register("returnForRevision", (JavaDelegate) execution -> {
                record("returnForRevision", execution);
                Deadlines revised = reopenForRevision(ProcessVariables.cycleNumber(execution),
                        ProcessVariables.agencyCode(execution));
                az.opengov.nap.measure.AgencyScope.of(execution)
                        .setVariablesLocal(revised.variables());
                execution.setVariable(DECISION, null);
            });
            Mocks.register("recordCancellation", (JavaDelegate) execution -> {
                record("recordCancellation", execution);
                ProcessVariables.measureId(execution);
            });
            Mocks.register("publishFinalAssessment", (JavaDelegate) execution -> {
                record("publishFinalAssessment", execution);
                ProcessVariables.measureId(execution);
            });
        }
    }
}
