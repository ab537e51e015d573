package az.opengov.nap.measure.process;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.Participant;
import az.opengov.nap.measure.ParticipantStatus;
import az.opengov.nap.measure.process.MeasureExecution.Variables;
import az.opengov.nap.shared.TransactionCache;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start of each SubProcess_AgencyReport instance: which agency it asks, and its deadlines: the scope's own variables,
 * the ones the engine needs (task group, dates; the role's gateway asks {@link ParticipantRole}, except in measures
 * started before model 1.5.0, whose reports get their role as a variable). The deadlines are the scope's own
 * only when they differ from those the cycle's scope holds for every agency ({@link OpenReportingCycleDelegate}): an
 * agency added to an open cycle, or a cycle opened before the cycle's scope held them. The forms' fields are not
 * declared here: a submitted form's values leave the process in the listener that stores them (see
 * {@link ProcessVariables#takeFormValues}), and the report's id and the reviewer's decision are set on this scope when
 * there is a report ({@link ProgressReportSubmittedListener}). Declaring them at the start cost 10 variable rows of
 * every agency's report, 90,000 for a cycle of 60 measures and 150 agencies, most never used.
 */
@Component("agencyReportStarted")
class AgencyReportStartedListener implements ExecutionListener {

    private final CycleService cycles;

    AgencyReportStartedListener(CycleService cycles) {
        this.cycles = cycles;
    }

    @Override
    public void notify(DelegateExecution execution) {
        long measureId = ProcessVariables.measureId(execution);
        int cycle = ProcessVariables.cycleNumber(execution);
        // an agency added by amendment arrives with its code (set by the modification on the new instance's parent)
        String added = (String) execution.getVariable(Variables.AGENCY_CODE);
        Participant p = added != null ? cycles.participant(measureId, cycle, added)
                : cycles.participantAt(measureId, cycle,
                        ((Number) execution.getVariable(Variables.LOOP_COUNTER)).intValue());
        execution.setVariableLocal(Variables.AGENCY_CODE, p.agencyCode());
        // the model's version asked once per transaction, not once for each of up to 150 agencies
        boolean roleVariable = TransactionCache.get("routes-on-role-variable", execution.getProcessDefinitionId(),
                () -> MeasureExecution.routesOnRoleVariable(execution.getProcessEngineServices().getRepositoryService()
                        .getProcessDefinition(execution.getProcessDefinitionId()).getVersionTag()));
        if (roleVariable) {
            // a measure started before model 1.5.0: its gateway routes on the variable, not on ParticipantRole
            execution.setVariableLocal(Variables.ROLE, ParticipantRole.of(p));
        }
        if (p.status() == ParticipantStatus.REMOVED) {
            // removed by amendment after the cycle opened, before this job ran: not asked (End_RemovedBeforeAsked)
            return;
        }
        Map<String, Object> deadlines = cycles.deadlines(measureId, cycle, p.agencyCode()).variables();
        if (!deadlines.equals(ProcessVariables.visibleDeadlines(execution))) {
            execution.setVariablesLocal(deadlines);
        }
    }
}
