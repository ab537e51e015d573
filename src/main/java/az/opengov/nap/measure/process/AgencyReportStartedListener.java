package az.opengov.nap.measure.process;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.Participant;
import az.opengov.nap.measure.process.MeasureExecution.Variables;
import az.opengov.nap.shared.FormDefinitions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start of each SubProcess_AgencyReport instance: which agency it asks, in which role, and its deadlines. The form
 * fields are declared here as local variables so that parallel agencies never share one.
 */
@Component("agencyReportStarted")
class AgencyReportStartedListener implements ExecutionListener {

    private final CycleService cycles;
    private final FormDefinitions forms;

    AgencyReportStartedListener(CycleService cycles, FormDefinitions forms) {
        this.cycles = cycles;
        this.forms = forms;
    }

    @Override
    public void notify(DelegateExecution execution) {
        long measureId = ProcessVariables.measureId(execution);
        int cycle = ProcessVariables.cycleNumber(execution);
        // an agency added by amendment arrives with its code (set by the modification on the new instance's parent)
        String added = (String) execution.getVariable(Variables.AGENCY_CODE);
        Participant p = added != null ? cycles.participant(measureId, cycle, added)
                : cycles.participantAt(measureId, cycle, ((Number) execution.getVariable("loopCounter")).intValue());
        for (String key : forms.allKeys(FormDefinitions.PROGRESS_REPORT, FormDefinitions.PROGRESS_REVIEW)) {
            execution.setVariableLocal(key, null);
        }
        execution.setVariableLocal(Variables.AGENCY_CODE, p.agencyCode());
        execution.setVariableLocal(Variables.ROLE, p.role().name());
        execution.setVariableLocal(Variables.REPORT_ID, null);
        execution.setVariablesLocal(ProcessVariables.deadlines(cycles.deadlines(measureId, cycle, p.agencyCode())));
    }
}
