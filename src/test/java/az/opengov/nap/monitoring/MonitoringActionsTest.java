package az.opengov.nap.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.MeasureAction;
import az.opengov.nap.measure.MeasureExecutionService;
import az.opengov.nap.measure.ParticipantStatus;
import az.opengov.nap.notification.DeadlineEventService;
import az.opengov.nap.notification.DeadlineKind;
import az.opengov.nap.notification.DeadlineReached;
import az.opengov.nap.plan.ImportRequest;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.MeasureStatus;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.plan.PlanService;
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
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The dashboard's actions on a real running measure: what each does to the process (tasks, due dates and timers,
 * agencies, the measure) and what it leaves in the measure's record and the audit trail; bulk actions that report each
 * row; bad input that changes nothing; and the incidents' retry of a failed job.
 */
// the test raises due reminders and escalations itself (EngineJobs.runDue): the deadline poller, every 5 s in the
// background, could hold an item locked at the clock of a moment before, and the test's raise then skipped it
@SpringBootTest(properties = "nap.notification.scheduling-enabled=false")
@ActiveProfiles("test")
class MonitoringActionsTest {

    static final String PLAN = """
            section,section_title,subsection,subsection_title,code,printed_code,title,indicators,executors,recommended,\
            period
            1,Elektron xidmətlər,,,1.1,1.1,Birinci tədbir,İndikator,\
            Rabitə və Yüksək Texnologiyalar Nazirliyi;Təhsil Nazirliyi,Milli Məclis,2016
            """;
    static final AppUser ADMIN = new AppUser("mon-admin", "Admin", null, "az", null, false, true, true);
    static final AppUser AGENCY = new AppUser("mon-mcht", "M", null, "az", "MCHT", false, false, true);

    @Autowired
    az.opengov.nap.notification.Reminders reminders;
    @Autowired
    az.opengov.nap.notification.Escalations escalations;
    @Autowired
    MonitoringService monitoring;
    @Autowired
    PlanImportService imports;
    @Autowired
    PlanService plans;
    @Autowired
    MeasureExecutionService execution;
    @Autowired
    WorklistService worklist;
    @Autowired
    CycleService cycles;
    @Autowired
    DeadlineEventService deadlines;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService tasks;
    @Autowired
    JdbcClient jdbc;

    private static int counter;
    private Measure measure;

    @BeforeEach
    void runningMeasure() {
        // messages come in the reader's language: Azerbaijani here
        org.springframework.context.i18n.LocaleContextHolder.setLocale(az.opengov.nap.shared.Messages.AZ);
        // 2016 becomes 2026: reports asked for on 1 July, due 15 July 2026
        at("2026-07-01T08:00:00");
        String code = "MONACT-" + (++counter) + "-" + System.nanoTime();
        imports.commit(new ImportRequest(code, "Monitoring actions", 2016, 2016, 10, PlanCalendar.DEFAULT, false,
                PLAN.getBytes(StandardCharsets.UTF_8), "plan.csv", "test"));
        measure = plans.findMeasure(code, "1.1").orElseThrow();
        EngineJobs.runDue(management, measure.processInstanceId());
        at("2026-07-20T08:00:00"); // five days overdue
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aReminderGoesToTheAgencyAtOnceAndAtMostOnceADay() {
        String mcht = task("MCHT");
        long before = reminders("MCHT");
        long audited = audit("MEASURE_REMINDER_SENT"); // the actor's, across this class's tests
        ActionOutcome first = act("remind", List.of(mcht), null, null);
        assertThat(first.done()).isEqualTo(1);
        long queued = reminders("MCHT");
        assertThat(queued).isGreaterThan(before);
        assertThat(jdbc.sql("select count(*) from mail_outbox where measure_id = ? and agency_code = 'MCHT'"
                + " and kind = 'REMINDER' and dedup_key like '%manual=2026-07-20'").param(measure.id())
                .query(Long.class).single()).isEqualTo(queued - before);

        ActionOutcome again = act("remind", List.of(mcht), null, null);
        assertThat(again.items()).singleElement().satisfies(i -> {
            assertThat(i.done()).isFalse();
            assertThat(i.message()).contains("bu gün artıq xatırlatma");
        });
        assertThat(reminders("MCHT")).isEqualTo(queued);

        at("2026-07-21T08:00:00");
        assertThat(act("remind", List.of(mcht), null, null).done()).isEqualTo(1);
        assertThat(actions("REMINDER_SENT")).hasSize(2).allSatisfy(a -> {
            assertThat(a.reason()).isEqualTo("Hesabat gecikir");
            assertThat(a.agencyCode()).isEqualTo("MCHT");
            assertThat(a.actor()).isEqualTo("mon-admin");
        });
        assertThat(audit("MEASURE_REMINDER_SENT")).isEqualTo(audited + 2);
    }

    @Test
    void anInvitedBodyGetsTheInvitationsReminder() {
        act("remind", List.of(task("MILLI_MECLIS")), null, null);
        assertThat(jdbc.sql("select count(*) from mail_outbox where measure_id = ? and agency_code = 'MILLI_MECLIS'"
                + " and kind = 'INVITED_REMINDER' and dedup_key like '%manual=%'").param(measure.id())
                .query(Long.class).single()).isPositive();
    }

    @Test
    void extendingMovesTheTaskAndItsEscalations() {
        String before = task("MCHT");
        ActionOutcome outcome = act("extend", List.of(before), LocalDate.of(2026, 8, 31), null);
        assertThat(outcome.done()).isEqualTo(1);
        assertThat(outcome.items().get(0).message()).isEqualTo("Son tarix 31 avqust 2026 tarixinə keçirildi.");
        WorkItem after = item("MCHT");
        assertThat(after.dueAt()).isEqualTo(ZonedDateTime.parse("2026-08-31T23:59:59+04:00").toInstant());
        assertThat(after.taskId()).isEqualTo(before);
        assertThat(after.state()).isEqualTo("OPEN");
        assertThat(tasks.createTaskQuery().taskId(after.taskId()).singleResult().getDueDate())
                .isEqualTo(Date.from(after.dueAt()));
        // the next escalation point passes: EDU is escalated, MCHT (moved to 31 August) is not
        at("2026-07-23T06:00:00");
        EngineJobs.runDue(management, reminders, escalations, measure.processInstanceId());
        List<DeadlineReached> later = deadlines.events(measure.id()).stream()
                .filter(e -> e.kind() == DeadlineKind.ESCALATION && e.sequence() == 2).toList();
        assertThat(later).extracting(DeadlineReached::agencyCode).containsExactly("EDU");
        assertThat(actions("DUE_DATE_EXTENDED")).singleElement()
                .satisfies(a -> assertThat(a.details()).isEqualTo("2026-07-15 -> 2026-08-31"));
    }

    @Test
    void reassigningAsksTheNewAgencyAndClosesTheOldOnesTask() {
        String edu = task("EDU");
        ActionOutcome outcome = act("reassign", List.of(edu), null, "JUSTICE");
        assertThat(outcome.done()).isEqualTo(1);
        EngineJobs.runDue(management, measure.processInstanceId());
        assertThat(item("JUSTICE").kind().name()).isEqualTo("REPORT");
        assertThat(worklist.find(edu).orElseThrow().state()).isEqualTo("DELETED");
        assertThat(cycles.participant(measure.id(), 1, "EDU").status()).isEqualTo(ParticipantStatus.REMOVED);
        assertThat(cycles.participant(measure.id(), 1, "JUSTICE").status()).isEqualTo(ParticipantStatus.OPEN);
        assertThat(execution.actions(measure.id())).extracting(MeasureAction::action, MeasureAction::agencyCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AGENCY_ADDED", "JUSTICE"),
                        org.assertj.core.groups.Tuple.tuple("AGENCY_REMOVED", "EDU"));
        assertThat(execution.actions(measure.id()))
                .allSatisfy(a -> assertThat(a.reason()).isEqualTo("Hesabat gecikir"));
    }

    @Test
    void cancellingFromSeveralRowsCancelsTheMeasureOnce() {
        ActionOutcome outcome = act("cancel", List.of(task("MCHT"), task("EDU")), null, null);
        assertThat(outcome.done()).isEqualTo(2);
        assertThat(plans.measure(measure.id()).status()).isEqualTo(MeasureStatus.CANCELLED);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(measure.processInstanceId()).count())
                .isZero();
        assertThat(worklist.openForMeasure(measure.id())).isEmpty();
        assertThat(actions("CANCELLED")).hasSize(1);
    }

    @Test
    void aBulkActionReportsEachRowAndAFailedRowLeavesTheOthersDone() {
        String mcht = task("MCHT");
        String edu = task("EDU");
        ActionOutcome outcome = act("extend", List.of(mcht, "no-such-task", edu), LocalDate.of(2026, 9, 1), null);
        assertThat(outcome.items()).extracting(ActionOutcome.Item::taskId, ActionOutcome.Item::done)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(mcht, true),
                        org.assertj.core.groups.Tuple.tuple("no-such-task", false),
                        org.assertj.core.groups.Tuple.tuple(edu, true));
        assertThat(outcome.items().get(1).message()).contains("no-such-task");
        assertThat(actions("DUE_DATE_EXTENDED")).hasSize(2);
        // an extended task stays the same task: a second round acts on it; one closed since (EDU's, reassigned) fails,
        // and says why
        assertThat(act("reassign", List.of(edu), null, "JUSTICE").done()).isEqualTo(1);
        ActionOutcome second = act("remind", List.of(mcht, edu), null, null);
        assertThat(second.items()).extracting(ActionOutcome.Item::done).containsExactly(true, false);
        assertThat(second.items().get(1).message()).isEqualTo("Bu tapşırıq artıq bağlanıb.");
    }

    @Test
    void badInputIsRefusedBeforeAnythingChanges() {
        String mcht = task("MCHT");
        assertThatThrownBy(() -> monitoring.act(new az.opengov.nap.monitoring.ActionRequest("extend", List.of(mcht),
                " ", LocalDate.of(2026, 7, 1), null), ADMIN))
                .isInstanceOfSatisfying(NapException.class, e -> assertThat(e.errors())
                        .extracting(p -> p.field()).containsExactly("reason", "dueDate"));
        assertThatThrownBy(() -> monitoring.act(new az.opengov.nap.monitoring.ActionRequest("reassign", List.of(mcht),
                "x", null, "NOBODY"), ADMIN))
                .isInstanceOfSatisfying(NapException.class, e -> assertThat(e.errors())
                        .extracting(p -> p.field()).containsExactly("agencyCode"));
        assertThatThrownBy(() -> monitoring.act(new az.opengov.nap.monitoring.ActionRequest("explode", List.of(),
                "x", null, null), ADMIN))
                .isInstanceOfSatisfying(NapException.class, e -> assertThat(e.errors())
                        .extracting(p -> p.field()).containsExactly("action", "taskIds"));
        assertThatThrownBy(() -> monitoring.act(new az.opengov.nap.monitoring.ActionRequest("cancel", List.of(mcht),
                "x", null, null), AGENCY))
                .isInstanceOfSatisfying(NapException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThat(execution.actions(measure.id())).isEmpty();
        assertThat(plans.measure(measure.id()).status()).isEqualTo(MeasureStatus.RUNNING);
        assertThat(task("MCHT")).isEqualTo(mcht);
    }

    @Test
    void aFailedJobIsListedAndRetried() {
        Job timer = management.createJobQuery().processInstanceId(measure.processInstanceId()).list().get(0);
        management.setJobRetries(timer.getId(), 0);
        assertThat(monitoring.incidents(0).jobs()).extracting(j -> j.id()).contains(timer.getId());
        monitoring.retryJob(timer.getId(), ADMIN);
        assertThat(management.createJobQuery().jobId(timer.getId()).singleResult().getRetries()).isEqualTo(1);
        assertThat(monitoring.incidents(0).jobs()).extracting(j -> j.id()).doesNotContain(timer.getId());
        assertThat(audit("JOB_RETRIED")).isPositive();
        assertThatThrownBy(() -> monitoring.retryJob(timer.getId(), ADMIN)).isInstanceOf(NapException.class);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private ActionOutcome act(String action, List<String> taskIds, LocalDate due, String agency) {
        return monitoring.act(new ActionRequest(action, taskIds, "Hesabat gecikir", due, agency), ADMIN);
    }

    private String task(String agency) {
        return item(agency).taskId();
    }

    private WorkItem item(String agency) {
        return worklist.openForMeasure(measure.id()).stream().filter(w -> agency.equals(w.agencyCode())).findFirst()
                .orElseThrow();
    }

    private long reminders(String agency) {
        return jdbc.sql("select count(*) from mail_outbox where measure_id = ? and agency_code = ? "
                        + "and kind = 'REMINDER'")
                .params(measure.id(), agency).query(Long.class).single();
    }

    private List<MeasureAction> actions(String action) {
        return execution.actions(measure.id()).stream().filter(a -> a.action().equals(action)).toList();
    }

    private long audit(String action) {
        return jdbc.sql("select count(*) from audit_event where action = ? and actor = 'mon-admin'").param(action)
                .query(Long.class).single();
    }

    private static void at(String utc) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(utc + "Z")));
    }
}
