package az.opengov.nap.worklist;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.Deadlines;
import az.opengov.nap.measure.process.MeasureExecution.Elements;
import az.opengov.nap.measure.process.MeasureExecution.Variables;
import az.opengov.nap.plan.AgencyRole;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.PlanService;
import az.opengov.nap.reporting.ReportStatus;
import az.opengov.nap.reporting.ReportingService;
import az.opengov.nap.shared.Clock;
import az.opengov.nap.shared.TransactionCache;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code work_item} in step with the engine's tasks. Camunda's Spring event bridge calls it synchronously for
 * every task event, so the row changes in the same transaction as the task.
 */
@Component
class WorkItemProjection {

    private static final Map<String, WorkKind> KINDS = Map.of(
            Elements.TASK_SUBMIT_PROGRESS_REPORT, WorkKind.REPORT,
            Elements.TASK_SUBMIT_INVITED_REPORT, WorkKind.INVITED_REPORT,
            Elements.TASK_REVIEW_PROGRESS_REPORT, WorkKind.REVIEW,
            Elements.TASK_FINAL_ASSESSMENT, WorkKind.FINAL_ASSESSMENT);

    private final WorklistService worklist;
    private final PlanService plans;
    private final ReportingService reports;
    private final CycleService cycles;
    private final ApplicationEventPublisher events;

    WorkItemProjection(WorklistService worklist, PlanService plans, ReportingService reports, CycleService cycles,
                       ApplicationEventPublisher events) {
        this.worklist = worklist;
        this.plans = plans;
        this.reports = reports;
        this.cycles = cycles;
        this.events = events;
    }

    @EventListener
    void on(DelegateTask task) {
        WorkKind kind = KINDS.get(task.getTaskDefinitionKey());
        if (kind == null) {
            return;
        }
        switch (task.getEventName()) {
            case TaskListener.EVENTNAME_CREATE -> {
                WorkItem item = item(task, kind);
                worklist.opened(item, remindAt(task, kind), escalateAt(task, kind));
                events.publishEvent(new WorkItemOpened(item));
            }
            case TaskListener.EVENTNAME_ASSIGNMENT -> worklist.assigned(task.getId(), task.getAssignee());
            case TaskListener.EVENTNAME_UPDATE -> worklist.datesChanged(task.getId(),
                    task.getDueDate() == null ? null : task.getDueDate().toInstant(), remindAt(task, kind),
                    escalateAt(task, kind));
            case TaskListener.EVENTNAME_COMPLETE -> worklist.ended(task.getId(), "COMPLETED");
            case TaskListener.EVENTNAME_DELETE -> worklist.ended(task.getId(), "DELETED");
            default -> {
            }
        }
    }

    private WorkItem item(DelegateTask task, WorkKind kind) {
        // the process's variables through the task's execution: the task's own (none: nothing sets a variable on a
        // report or review task) would be read from the database first, a statement for every new task
        VariableScope variables = task.getExecution() != null ? task.getExecution() : task;
        if (kind == WorkKind.REVIEW) {
            // the review of a report submitted in this transaction: measure, cycle and agency are the report task's
            String agency = (String) variables.getVariable(Variables.AGENCY_CODE);
            WorkItem report = worklist.endedReport(task.getProcessInstanceId(), agency).orElse(null);
            if (report != null) {
                Object reportId = variables.getVariable(Variables.REPORT_ID);
                return new WorkItem(task.getId(), task.getProcessInstanceId(), kind, report.planCode(),
                        report.measureId(), report.measureCode(), report.section(), report.cycleNumber(), agency,
                        report.role(), group(task), task.getAssignee(),
                        reportId == null ? null : ((Number) reportId).longValue(), false, "OPEN", Clock.now(),
                        task.getDueDate() == null ? null : task.getDueDate().toInstant());
            }
        }
        long measureId = ((Number) variables.getVariable(Variables.MEASURE_ID)).longValue();
        // one read per transaction: the job that opens a cycle creates up to 150 tasks of one measure
        Measure measure = TransactionCache.get("measure", measureId, () -> plans.measure(measureId));
        Integer cycle = (Integer) variables.getVariable(Variables.CYCLE_NUMBER);
        boolean forAgency = kind != WorkKind.FINAL_ASSESSMENT;
        String agency = forAgency ? (String) variables.getVariable(Variables.AGENCY_CODE) : null;
        // a report task is the one its role routed to (no variable holds the role since model 1.5.0); a review
        // that did not follow its report in this transaction takes it from the cycle's participants
        String role = switch (kind) {
            case REPORT -> AgencyRole.EXECUTOR.name();
            case INVITED_REPORT -> AgencyRole.RECOMMENDED.name();
            case REVIEW -> cycles.participant(measureId, cycle, agency).role().name();
            case FINAL_ASSESSMENT -> null;
        };
        Object reportId = kind == WorkKind.REVIEW ? variables.getVariable(Variables.REPORT_ID) : null;
        // a report task can be a returned one only once the agency has a report in this cycle (its id is set on the
        // agency's scope at the first submission): a cycle's opening asks nothing of the report table
        boolean returned = (kind == WorkKind.REPORT || kind == WorkKind.INVITED_REPORT)
                && variables.getVariable(Variables.REPORT_ID) != null && reports.current(measureId, cycle, agency)
                .map(r -> r.status() == ReportStatus.RETURNED).orElse(false);
        return new WorkItem(task.getId(), task.getProcessInstanceId(), kind, measure.planCode(), measureId,
                measure.code(), measure.section(), kind == WorkKind.FINAL_ASSESSMENT ? null : cycle, agency, role,
                group(task), task.getAssignee(), reportId == null ? null : ((Number) reportId).longValue(), returned,
                "OPEN", Clock.now(), task.getDueDate() == null ? null : task.getDueDate().toInstant());
    }

    /** A report's reminder is due at its task's follow-up date (the model sets it: the reminder point). */
    private static java.time.Instant remindAt(DelegateTask task, WorkKind kind) {
        boolean report = kind == WorkKind.REPORT || kind == WorkKind.INVITED_REPORT;
        return report && task.getFollowUpDate() != null ? task.getFollowUpDate().toInstant() : null;
    }

    /**
     * An executor's report is escalated from the day after its due date while it is open (the notification feature's
     * escalation poll, every {@code escalationDays} of its plan's calendar); an invited body's never.
     */
    private static java.time.Instant escalateAt(DelegateTask task, WorkKind kind) {
        return kind == WorkKind.REPORT && task.getDueDate() != null
                ? Deadlines.firstEscalation(java.time.LocalDate.ofInstant(task.getDueDate().toInstant(), Clock.BAKU))
                : null;
    }

    private static String group(DelegateTask task) {
        return task.getCandidates().stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId).findFirst().orElse("");
    }
}
