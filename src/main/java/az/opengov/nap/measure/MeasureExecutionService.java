package az.opengov.nap.measure;

import az.opengov.nap.audit.AuditEvent;
import az.opengov.nap.audit.AuditService;
import az.opengov.nap.measure.process.MeasureExecution;
import az.opengov.nap.measure.process.MeasureExecution.Elements;
import az.opengov.nap.measure.process.MeasureExecution.LegacyMessages;
import az.opengov.nap.measure.process.MeasureExecution.Messages;
import az.opengov.nap.measure.process.MeasureExecution.Variables;
import az.opengov.nap.plan.AgencyRole;
import az.opengov.nap.plan.Amendment;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.MeasureAgency;
import az.opengov.nap.plan.MeasureChanges;
import az.opengov.nap.plan.MeasureStatus;
import az.opengov.nap.plan.Plan;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanImported;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.reporting.ProgressReport;
import az.opengov.nap.reporting.ReportContent;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.review.ReviewService;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.security.UserDirectory;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.NapException;
import az.opengov.nap.worklist.WorkItem;
import az.opengov.nap.worklist.WorkKind;
import az.opengov.nap.worklist.WorklistService;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine behind one door: starts a measure's process, completes its tasks for the people allowed to, and carries
 * out the administrators' changes to running measures. Controllers use this, never the engine's services; every
 * engine call runs as the signed-in user, so that history and the operation log name a person.
 */
@Service
public class MeasureExecutionService {

    private static final Logger log = LoggerFactory.getLogger(MeasureExecutionService.class);

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final IdentityService identity;
    private final PlanService plans;
    private final CycleService cycles;
    private final WorklistService worklist;
    private final ReportingService reports;
    private final ReviewService reviews;
    private final UserDirectory users;
    private final AuditService audit;
    private final ManagementService management;
    private final TransactionTemplate transactions;
    private final ProcessEngine engine;
    private final ApplicationEventPublisher events;

    MeasureExecutionService(RuntimeService runtime, TaskService tasks, IdentityService identity, PlanService plans,
                            CycleService cycles, WorklistService worklist, ReportingService reports,
                            ReviewService reviews, UserDirectory users, AuditService audit,
                            ManagementService management, PlatformTransactionManager transactionManager,
                            ProcessEngine engine, ApplicationEventPublisher events) {
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.engine = engine;
        this.runtime = runtime;
        this.tasks = tasks;
        this.identity = identity;
        this.plans = plans;
        this.cycles = cycles;
        this.worklist = worklist;
        this.reports = reports;
        this.reviews = reviews;
        this.users = users;
        this.audit = audit;
        this.management = management;
    }

    /** Starts the measures a plan import created, in the import's transaction. */
    @EventListener
    void onPlanImported(PlanImported event) {
        event.newMeasureIds().forEach(this::start);
    }

    /** Starts a measure's process once; a measure already started keeps its instance. */
    @Transactional
    public String start(long measureId) {
        Measure measure = plans.measure(measureId);
        if (measure.processInstanceId() != null) {
            return measure.processInstanceId();
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.PLAN_CODE, measure.planCode());
        variables.put(Variables.MEASURE_ID, measureId);
        String id = runtime.startProcessInstanceByKey(MeasureExecution.PROCESS_KEY, measure.businessKey(), variables)
                .getId();
        plans.setProcessInstance(measureId, id);
        return id;
    }

    // ---- agency users -------------------------------------------------------------------------------------------

    /** A task the user may see: their agency's report task, or, for reviewers, a commission task. */
    public WorkItem task(String taskId, AppUser user) {
        return visible(worklist.find(taskId), taskId, user);
    }

    private WorkItem visible(java.util.Optional<WorkItem> found, String taskId, AppUser user) {
        WorkItem item = found.orElseThrow(() -> NapException.notFound("task", taskId));
        boolean own = item.candidateGroup().equals(user.agencyCode());
        boolean commission = user.reviewer() && AppUser.COMMISSION_GROUP.equals(item.candidateGroup());
        if (!own && !commission && !user.admin()) {
            // answered like a task that does not exist, and recorded
            audit.security(user.username(), "ACCESS_DENIED", AuditEvent.DENIED, "task " + taskId);
            throw NapException.notFound("task", taskId);
        }
        return item;
    }

    @Transactional
    public ProgressReport saveDraft(String taskId, ReportContent content, AppUser user) {
        WorkItem item = reportTask(taskId, user);
        ProgressReport draft = reports.saveDraft(item.measureId(), item.cycleNumber(), item.agencyCode(), content,
                user.username());
        audit.change(user.username(), "REPORT_DRAFT_SAVED", "report", draft.id(), "task " + taskId);
        return draft;
    }

    /**
     * Submits the agency's report: the content given, or the saved draft. Invalid content leaves the task open and
     * names every field at fault.
     */
    public long submit(String taskId, ReportContent content, AppUser user) {
        return inOwnTransaction(() -> submitOnce(taskId, content, user));
    }

    private long submitOnce(String taskId, ReportContent content, AppUser user) {
        WorkItem item = reportTask(taskId, user);
        Long submitted = null;
        if (content != null && !content.isEmpty()) {
            // stored as submitted here; the task's listener finds it, and does not read or check it again
            submitted = reports.submitBeforeTask(item.measureId(), item.cycleNumber(), item.agencyCode(), content,
                    user.username());
        }
        onAgencysReport(user, () -> tasks.complete(taskId));
        // the version submitted: the content given, or the draft saved before
        return submitted != null ? submitted
                : reports.current(item.measureId(), item.cycleNumber(), item.agencyCode()).orElseThrow().id();
    }

    /**
     * Submits as {@link #submit(String, ReportContent, AppUser)} and keeps the result under the client's idempotency
     * key in the same transaction, so that a retry with the key finds it (see
     * {@link ReportingService#previousSubmission}).
     */
    public long submit(String taskId, ReportContent content, AppUser user, String idempotencyKey, String fingerprint) {
        return inOwnTransaction(() -> {
            long reportId = submitOnce(taskId, content, user);
            reports.rememberSubmission(user.username(), idempotencyKey, fingerprint, taskId, reportId);
            return reportId;
        });
    }

    /** The agency's open report task, for someone of that agency who may change it (add evidence, edit). */
    public WorkItem editableReportTask(String taskId, AppUser user) {
        return reportTask(taskId, user);
    }

    /**
     * An agency's coordinator hands an open report task to a colleague of the same agency (or takes it back with
     * {@code null}); the task stays the agency's, the assignee is who is expected to write the report.
     */
    @Transactional
    public void assign(String taskId, String assignee, AppUser coordinator) {
        WorkItem item = reportTask(taskId, coordinator);
        if (!users.coordinator(coordinator.username())) {
            throw refused(coordinator, "assignment of task " + taskId);
        }
        String to = assignee == null || assignee.isBlank() ? null : users.find(assignee)
                .filter(AppUser::enabled).filter(u -> item.agencyCode().equals(u.agencyCode()))
                .map(AppUser::username)
                .orElseThrow(() -> NapException.invalid(List.of(az.opengov.nap.shared.FieldProblem.of("assignee",
                        "validation.assignee.notColleague"))));
        onAgencysReport(coordinator, () -> tasks.setAssignee(taskId, to));
        audit.change(coordinator.username(), "TASK_ASSIGNED", "task", taskId, "to " + to);
    }

    // ---- reviewers ----------------------------------------------------------------------------------------------

    public void review(String taskId, String decision, String comment, String completionLevel, AppUser user) {
        inOwnTransaction(() -> {
            reviewOnce(taskId, decision, comment, completionLevel, user);
            return null;
        });
    }

    private void reviewOnce(String taskId, String decision, String comment, String completionLevel, AppUser user) {
        WorkItem item = commissionTask(taskId, user, WorkKind.REVIEW);
        if (item.agencyCode().equals(user.agencyCode())) {
            audit.security(user.username(), "ACCESS_DENIED", AuditEvent.DENIED, "review of own agency, task " + taskId);
            throw new NapException(HttpStatus.FORBIDDEN, "error.review.ownAgency");
        }
        reviews.check(decision, comment, completionLevel);
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.DECISION, decision);
        variables.put("comment", comment);
        variables.put("completionLevel", completionLevel);
        onAgencysReport(user, () -> tasks.complete(taskId, variables));
    }

    @Transactional
    public void assess(String taskId, String completionLevel, String summary, AppUser user) {
        commissionTask(taskId, user, WorkKind.FINAL_ASSESSMENT);
        Map<String, Object> variables = new HashMap<>();
        variables.put("completionLevel", completionLevel);
        variables.put("summary", summary);
        asUser(user, () -> {
            tasks.complete(taskId, variables);
            return null;
        });
    }

    // ---- administrators -----------------------------------------------------------------------------------------

    /**
     * Moves an agency's due date; its reminder, escalations and window are set again from the new date. Its open
     * report task keeps its id and assignee, and the agency is told ({@link DueDateExtended}).
     */
    @Transactional
    public void extendDueDate(long measureId, int cycle, String agencyCode, LocalDate due, String reason,
                              AppUser admin) {
        requireAdmin(admin, reason);
        running(measureId);
        if (due.isBefore(Clock.today())) {
            throw NapException.invalid(
                    List.of(az.opengov.nap.shared.FieldProblem.of("dueDate", "validation.pastDate")));
        }
        LocalDate before = cycles.participant(measureId, cycle, agencyCode).dueDate();
        Deadlines deadlines = cycles.changeDueDate(measureId, cycle, agencyCode, due);
        cycles.recordAction(measureId, "DUE_DATE_EXTENDED", agencyCode, cycle, reason, before + " -> " + due,
                admin.username());
        WorkItem open = worklist.openReport(measureId, cycle, agencyCode).orElse(null);
        if (open == null) {
            return; // submitted, or not asked yet: the participant's new due date is what a later task gets
        }
        Task task = tasks.createTaskQuery().taskId(open.taskId()).singleResult();
        String taskExecution = task.getExecutionId();
        EventSubscription boundary = runtime.createEventSubscriptionQuery().executionId(taskExecution)
                .eventName(LegacyMessages.DUE_DATE_EXTENDED).singleResult();
        if (boundary != null) {
            // an instance started before model 1.4.0: the message recreates the task from the agency's new deadlines
            // (on the agency's scope: the cycle's scope holds the deadlines of the other agencies); the new task is
            // told to the agency as the extension, not as a new request
            AgencyScope.setVariables(engine, taskExecution, deadlines.variables());
            DueDateExtended.recreating(measureId, cycle, agencyCode, due);
            asUser(admin, () -> {
                runtime.messageEventReceived(LegacyMessages.DUE_DATE_EXTENDED, taskExecution);
                return null;
            });
            return;
        }
        onAgencysReport(admin, () -> AgencyScope.moveDeadlines(engine, task, deadlines));
        events.publishEvent(new DueDateExtended(measureId, cycle, agencyCode, open.taskId(), due));
    }

    /**
     * Adds an agency to a running measure: it reports from the next cycle, and in every cycle open now. A cycle whose
     * reports are open gets one more report, for this agency; a cycle opened whose reports wait for their job (the
     * job that starts them all) counts one participant more, so that the job asks this agency too.
     */
    @Transactional
    public void addAgency(long measureId, String agencyCode, AgencyRole role, String reason, AppUser admin) {
        requireAdmin(admin, reason);
        Measure measure = running(measureId);
        MeasureAgency added = plans.addAgency(measureId, agencyCode, role);
        cycles.recordAction(measureId, "AGENCY_ADDED", agencyCode, null, reason, role.name(), admin.username());
        ActivityInstance tree = runtime.getActivityInstance(measure.processInstanceId());
        for (ActivityInstance cycleInstance : find(tree, Elements.SUBPROCESS_REPORTING_CYCLE)) {
            String cycleExecution = cycleInstance.getExecutionIds()[0];
            int cycle = cycleNumber(cycleInstance);
            for (ActivityInstance body : find(cycleInstance, Elements.AGENCY_REPORTS)) {
                cycles.addParticipant(measureId, cycle, added);
                asUser(admin, () -> {
                    runtime.createProcessInstanceModification(measure.processInstanceId())
                            .startBeforeActivity(Elements.SUBPROCESS_AGENCY_REPORT, body.getId())
                            .setVariableLocal(Variables.AGENCY_CODE, agencyCode)
                            .execute();
                    return null;
                });
            }
            if (reportsWaitForTheirJob(cycleInstance)) {
                // the loop cardinality is read when the job starts the reports: the agency at this position is asked
                Participant participant = cycles.addParticipant(measureId, cycle, added);
                int count = ((Number) runtime.getVariableLocal(cycleExecution, Variables.PARTICIPANT_COUNT))
                        .intValue();
                if (participant.position() >= count) {
                    runtime.setVariableLocal(cycleExecution, Variables.PARTICIPANT_COUNT, participant.position() + 1);
                }
            }
        }
    }

    /** An opened cycle whose agencies' reports wait for the one job that starts them all. */
    private static boolean reportsWaitForTheirJob(ActivityInstance cycleInstance) {
        return cycleInstance.getTransitionInstances(Elements.AGENCY_REPORTS).length > 0;
    }

    private int cycleNumber(ActivityInstance cycleInstance) {
        return ((Number) runtime.getVariableLocal(cycleInstance.getExecutionIds()[0], Variables.CYCLE_NUMBER))
                .intValue();
    }

    /**
     * Removes an agency from a running measure; its open reports end as "removed by amendment". In a cycle opened
     * whose reports wait for their job (the job that starts them all), its participation is marked removed now, so
     * that the job does not ask it.
     */
    @Transactional
    public void removeAgency(long measureId, String agencyCode, String reason, AppUser admin) {
        requireAdmin(admin, reason);
        Measure measure = running(measureId);
        plans.removeAgency(measureId, agencyCode);
        cycles.recordAction(measureId, "AGENCY_REMOVED", agencyCode, null, reason, null, admin.username());
        ActivityInstance tree = runtime.getActivityInstance(measure.processInstanceId());
        for (ActivityInstance cycleInstance : find(tree, Elements.SUBPROCESS_REPORTING_CYCLE)) {
            if (reportsWaitForTheirJob(cycleInstance)) {
                // an agency not asked in that cycle has no row: nothing to mark
                cycles.setStatus(measureId, cycleNumber(cycleInstance), agencyCode, ParticipantStatus.REMOVED);
            }
        }
        for (EventSubscription s : runtime.createEventSubscriptionQuery().processInstanceId(measure.processInstanceId())
                .eventName(Messages.AGENCY_REMOVED).list()) {
            if (agencyCode.equals(runtime.getVariable(s.getExecutionId(), Variables.AGENCY_CODE))) {
                asUser(admin, () -> {
                    runtime.messageEventReceived(Messages.AGENCY_REMOVED, s.getExecutionId());
                    return null;
                });
            }
        }
    }

    /**
     * Amends a running measure as a recorded amendment with its reason and effective date: title, indicators,
     * period, executors and recommended bodies. The process follows: agencies no longer named end their open reports
     * as "removed by amendment", newly named ones are asked in every cycle open now and in the next ones, and a new
     * period lays out the cycles not yet opened again. All or nothing: a wrong field changes nothing.
     */
    @Transactional
    public Amendment amend(long measureId, MeasureChanges changes, String reason, LocalDate effectiveDate,
                           AppUser admin) {
        requireAdmin(admin, reason);
        Measure measure = running(measureId);
        Amendment amendment = plans.amend(measureId, changes, reason, effectiveDate, admin.username());
        for (Amendment.Change change : amendment.changes()) {
            if (change.field() == Amendment.Field.TITLE || change.field() == Amendment.Field.INDICATORS
                    || change.field() == Amendment.Field.PERIOD) {
                cycles.recordAction(measureId, change.field().name() + "_AMENDED", null, null, reason,
                        change.field() == Amendment.Field.PERIOD ? change.before() + " -> " + change.after() : null,
                        admin.username());
            }
        }
        if (amendment.changed(Amendment.Field.PERIOD)) {
            followPeriod(measure, admin);
        }
        if (amendment.changed(Amendment.Field.EXECUTORS) || amendment.changed(Amendment.Field.RECOMMENDED)) {
            List<MeasureAgency> parties = plans.parties(measureId);
            Map<String, AgencyRole> named = plans.expand(
                    parties.stream().filter(p -> p.role() == AgencyRole.EXECUTOR).map(MeasureAgency::agencyCode)
                            .toList(),
                    parties.stream().filter(p -> p.role() == AgencyRole.RECOMMENDED).map(MeasureAgency::agencyCode)
                            .toList());
            for (MeasureAgency taking : plans.agencies(measureId)) {
                if (taking.active() && !named.containsKey(taking.agencyCode())) {
                    removeAgency(measureId, taking.agencyCode(), reason, admin);
                }
            }
            named.forEach((code, role) -> {
                boolean active = plans.agency(measureId, code).map(MeasureAgency::active).orElse(false);
                if (!active) {
                    addAgency(measureId, code, role, reason, admin);
                }
            });
        }
        return amendment;
    }

    /**
     * Sets a plan's reporting calendar, recorded with its reason. Reminder, escalation, revision and window intervals
     * apply from the next cycle an agency is asked in; a new frequency or due offset lays out every running measure's
     * cycles not yet opened again.
     */
    @Transactional
    public Plan changeCalendar(String planCode, PlanCalendar calendar, String reason, AppUser admin) {
        requireAdmin(admin, reason);
        Plan before = plans.plan(planCode);
        if (before.calendar().equals(calendar)) {
            throw NapException.invalid(List.of(az.opengov.nap.shared.FieldProblem.of("calendar",
                    "validation.amendment.nothingChanged")));
        }
        Plan after = plans.changeCalendar(planCode, calendar);
        audit.change(admin.username(), "PLAN_CALENDAR_CHANGED", "plan", planCode,
                before.calendar() + " -> " + calendar + ", reason: " + reason);
        boolean layout = before.calendar().frequencyMonths() != calendar.frequencyMonths()
                || before.calendar().dueOffsetDays() != calendar.dueOffsetDays();
        if (layout) {
            for (Measure measure : plans.measures(planCode)) {
                if (measure.status() == MeasureStatus.RUNNING && measure.processInstanceId() != null) {
                    followCycles(measure, cycles.relayRemaining(measure.id(), false), admin);
                }
            }
        }
        return after;
    }

    /** The measure's cycles not yet opened follow its new period: their instances are replaced by the new ones. */
    private void followPeriod(Measure measure, AppUser admin) {
        followCycles(measure, cycles.relayRemaining(measure.id()), admin);
    }

    private void followCycles(Measure measure, CycleService.RelaidCycles relaid, AppUser admin) {
        if (relaid.laid().isEmpty()) {
            return;
        }
        ActivityInstance tree = runtime.getActivityInstance(measure.processInstanceId());
        List<ActivityInstance> bodies = find(tree, Elements.SUBPROCESS_REPORTING_CYCLE + "#multiInstanceBody");
        if (bodies.isEmpty()) {
            return;
        }
        String body = bodies.get(0).getExecutionIds()[0];
        var modification = runtime.createProcessInstanceModification(measure.processInstanceId());
        // an instance added to the parallel cycles takes the loop counter nrOfInstances: count on from the last
        // opened cycle, and start the new cycles first, so that the subprocess never runs out of instances between
        runtime.setVariableLocal(body, Variables.INSTANCE_COUNT, relaid.lastOpened());
        for (int i = 0; i < relaid.laid().size(); i++) {
            modification.startBeforeActivity(Elements.SUBPROCESS_REPORTING_CYCLE, bodies.get(0).getId());
        }
        for (ActivityInstance cycleInstance : find(tree, Elements.SUBPROCESS_REPORTING_CYCLE)) {
            Object number = runtime.getVariableLocal(cycleInstance.getExecutionIds()[0], Variables.CYCLE_NUMBER);
            if (number instanceof Number n && relaid.dropped().contains(n.intValue())) {
                modification.cancelActivityInstance(cycleInstance.getId());
            }
        }
        asUser(admin, () -> {
            modification.execute();
            runtime.setVariableLocal(body, Variables.INSTANCE_COUNT, relaid.total());
            runtime.setVariable(measure.processInstanceId(), Variables.CYCLE_COUNT, relaid.total());
            return null;
        });
    }

    public List<Amendment> amendments(long measureId) {
        return plans.amendments(measureId);
    }

    /** Cancels a running measure with its reason; its open tasks end. */
    @Transactional
    public void cancel(long measureId, String reason, AppUser admin) {
        requireAdmin(admin, reason);
        Measure measure = running(measureId);
        cycles.recordAction(measureId, "CANCELLED", null, null, reason, null, admin.username());
        plans.setStatus(measureId, MeasureStatus.CANCELLED, reason);
        asUser(admin, () -> runtime.createMessageCorrelation(Messages.MEASURE_CANCELLED)
                .processInstanceId(measure.processInstanceId()).correlateWithResult());
    }

    /**
     * Hands an agency's part in a running measure to another agency (same role): the new one is asked for its reports
     * in every open cycle, the old one's open reports end as "removed by amendment". Both steps are recorded with the
     * reason, in one transaction.
     */
    @Transactional
    public void reassign(long measureId, String fromAgency, String toAgency, String reason, AppUser admin) {
        requireAdmin(admin, reason);
        running(measureId);
        MeasureAgency from = plans.agency(measureId, fromAgency).filter(MeasureAgency::active)
                .orElseThrow(() -> NapException.conflict("error.measure.agencyNotTakingPart", fromAgency));
        if (fromAgency.equals(toAgency)) {
            throw NapException.invalid(List.of(az.opengov.nap.shared.FieldProblem.of("agencyCode",
                    "error.measure.sameAgency")));
        }
        addAgency(measureId, toAgency, from.role(), reason, admin);
        removeAgency(measureId, fromAgency, reason, admin);
    }

    /** Engine jobs whose retries are used up (each one an incident), the oldest due first. */
    public List<FailedJob> failedJobs(int page, int size) {
        int s = Math.max(1, Math.min(size, 200));
        return management.createJobQuery().noRetriesLeft().orderByJobDuedate().asc().orderByJobId().asc()
                .listPage(Math.max(0, page) * s, s).stream()
                .map(j -> new FailedJob(j.getId(), j.getProcessInstanceId(), j.getProcessDefinitionKey(),
                        j.getFailedActivityId(), j.getExceptionMessage(),
                        j.getDuedate() == null ? null : j.getDuedate().toInstant(),
                        j.getCreateTime() == null ? null : j.getCreateTime().toInstant()))
                .toList();
    }

    public long countFailedJobs() {
        return management.createJobQuery().noRetriesLeft().count();
    }

    /** An administrator runs a failed job again: one more retry, due now; its incident is resolved. */
    @Transactional
    public void retryJob(String jobId, AppUser admin) {
        if (!admin.admin()) {
            throw refused(admin, "retry of job " + jobId);
        }
        org.camunda.bpm.engine.runtime.Job job = management.createJobQuery().jobId(jobId).singleResult();
        if (job == null) {
            throw NapException.notFound("job", jobId);
        }
        if (job.getRetries() > 0) {
            throw NapException.conflict("error.job.notFailed", jobId);
        }
        asUser(admin, () -> {
            management.setJobRetries(jobId, 1);
            management.setJobDuedate(jobId, java.util.Date.from(Clock.now()));
            return null;
        });
        audit.change(admin.username(), "JOB_RETRIED", "job", jobId, job.getExceptionMessage());
    }

    public List<MeasureAction> actions(long measureId) {
        return cycles.actions(measureId);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private WorkItem reportTask(String taskId, AppUser user) {
        WorkItem item = lockedTask(taskId, user);
        if (item.kind() != WorkKind.REPORT && item.kind() != WorkKind.INVITED_REPORT) {
            throw NapException.conflict("error.task.wrongKind");
        }
        if (!item.candidateGroup().equals(user.agencyCode())) {
            // reviewers and administrators do not report on an agency's behalf
            throw refused(user, "report for " + item.agencyCode() + ", task " + taskId);
        }
        return stillOpen(item);
    }

    private WorkItem commissionTask(String taskId, AppUser user, WorkKind kind) {
        WorkItem item = lockedTask(taskId, user);
        if (!user.reviewer()) {
            // administrators run the plan; they do not decide for the commission
            throw refused(user, "commission task " + taskId);
        }
        if (item.kind() != kind) {
            throw NapException.conflict("error.task.wrongKind");
        }
        return stillOpen(item);
    }

    private NapException refused(AppUser user, String what) {
        audit.security(user.username(), "ACCESS_DENIED", AuditEvent.DENIED, what);
        return NapException.forbidden();
    }

    /**
     * Runs a person's step in a transaction of its own, and again (up to {@value #ATTEMPTS} times) when it only
     * collided with the engine's own work on the same process: a timer firing or another branch moving at that moment
     * (optimistic locking, a deadlock). Someone else having acted first is not retried: that stays the person's 409.
     * Inside a caller's transaction the step runs once, as part of it.
     */
    private <T> T inOwnTransaction(Supplier<T> step) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return step.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> step.get());
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !collidedWithEngine(e)) {
                    throw e;
                }
                log.info("A step collided with the engine's own work, attempt {} of {}: {}", attempt, ATTEMPTS,
                        e.toString());
            }
        }
    }

    private static final int ATTEMPTS = 3;

    static boolean collidedWithEngine(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.camunda.bpm.engine.OptimisticLockingException) {
                return true;
            }
            // 40P01 deadlock, 40001 serialization failure (PostgreSQL); 40001 is H2's deadlock too
            if (t instanceof java.sql.SQLException sql
                    && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A task the user may act on, read and locked for this transaction in one statement: of two people acting on it at
     * once, the second waits and then finds it as the first left it.
     */
    private WorkItem lockedTask(String taskId, AppUser user) {
        return visible(worklist.lock(taskId), taskId, user);
    }

    /** The task (read under its lock) is still open: of two people acting on it at once, the second is told. */
    private static WorkItem stillOpen(WorkItem item) {
        if (!"OPEN".equals(item.state())) {
            throw NapException.conflict("error.task.closed");
        }
        return item;
    }

    private Measure running(long measureId) {
        Measure measure = plans.measure(measureId);
        if (measure.status() != MeasureStatus.RUNNING || measure.processInstanceId() == null) {
            throw NapException.conflict("error.measure.notRunning", measure.code());
        }
        return measure;
    }

    private void requireAdmin(AppUser user, String reason) {
        if (!user.admin()) {
            throw refused(user, "administration of a measure");
        }
        if (reason == null || reason.isBlank()) {
            throw NapException.invalid(List.of(az.opengov.nap.shared.FieldProblem.of("reason", "validation.required")));
        }
    }

    private static List<ActivityInstance> find(ActivityInstance root, String activityId) {
        List<ActivityInstance> found = new java.util.ArrayList<>();
        for (ActivityInstance child : root.getChildActivityInstances()) {
            if (activityId.equals(child.getActivityId())) {
                found.add(child);
            } else {
                found.addAll(find(child, activityId));
            }
        }
        return found;
    }

    /**
     * Engine calls on one agency's report as {@code user}, reading only the executions they touch rather than the
     * measure's whole tree, two executions an agency ({@link ExecutionsAsNeeded}); not for calls that end the report.
     */
    private void onAgencysReport(AppUser user, Runnable engineCalls) {
        asUser(user, () -> ExecutionsAsNeeded.run(() -> {
            engineCalls.run();
            return null;
        }));
    }

    private <T> T asUser(AppUser user, Supplier<T> work) {
        identity.setAuthentication(user.username(), user.groups());
        try (UserDirectory.Acting acting = UserDirectory.actingAs(user.username())) {
            return work.get();
        } catch (org.camunda.bpm.engine.ProcessEngineException e) {
            // a business rule broken inside a listener reaches us wrapped by the engine: give the user the rule
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof NapException rule) {
                    throw rule;
                }
            }
            throw e;
        } finally {
            identity.clearAuthentication();
        }
    }
}
