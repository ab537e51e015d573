package az.opengov.nap.measure.process;

import az.opengov.nap.measure.CycleService;
import az.opengov.nap.measure.Participant;
import az.opengov.nap.measure.ParticipantStatus;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The role an agency's report routes on at Gateway_ParticipantRole ({@code ${participantRole.of(execution) ==
 * 'EXECUTOR'}}, since model 1.5.0): EXECUTOR or RECOMMENDED as the cycle's participants record it, REMOVED for an
 * agency removed by amendment before its report was asked (it is not asked). Read from the participants the
 * transaction has read (the job that opens a cycle reads them once, for its 150 agencies), not from a variable: as a
 * variable the role was two rows of every agency's report, the variable and its history. Measures started before
 * 1.5.0 route on that variable, which their agencies' reports still get ({@link AgencyReportStartedListener}).
 */
@Component("participantRole")
public class ParticipantRole {

    private final CycleService cycles;

    ParticipantRole(CycleService cycles) {
        this.cycles = cycles;
    }

    /** The role of the agency whose report {@code execution} belongs to. */
    public String of(DelegateExecution execution) {
        return of(cycles.participant(ProcessVariables.measureId(execution), ProcessVariables.cycleNumber(execution),
                ProcessVariables.agencyCode(execution)));
    }

    static String of(Participant participant) {
        return participant.status() == ParticipantStatus.REMOVED ? ParticipantStatus.REMOVED.name()
                : participant.role().name();
    }
}
