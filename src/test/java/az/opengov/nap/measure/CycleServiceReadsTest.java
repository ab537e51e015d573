package az.opengov.nap.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import az.opengov.nap.audit.AuditService;
import az.opengov.nap.plan.AgencyRole;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.MeasureStatus;
import az.opengov.nap.plan.Plan;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.plan.PlanService;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the start of every agency's report asks of CycleService (participant, deadlines) is read once per transaction,
 * so that the job opening a cycle of 150 agencies reads the participants, the cycle and the calendar once, not 150
 * times; a write clears what was read.
 */
class CycleServiceReadsTest {

    static final long MEASURE = 42L;
    static final LocalDate DUE = LocalDate.of(2026, 7, 15);

    final CycleRepository repository = mock(CycleRepository.class);
    final PlanService plans = mock(PlanService.class);
    final CycleService cycles = new CycleService(repository, plans, mock(AuditService.class));
    final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(
            new DriverManagerDataSource("jdbc:h2:mem:cycle-service-reads;DB_CLOSE_DELAY=-1", "sa", "")));

    CycleServiceReadsTest() {
        when(repository.participants(MEASURE, 1)).thenReturn(List.of(
                new Participant(MEASURE, 1, "MCHT", 0, AgencyRole.EXECUTOR, ParticipantStatus.OPEN, DUE),
                new Participant(MEASURE, 1, "EDU", 1, AgencyRole.EXECUTOR, ParticipantStatus.OPEN, DUE),
                new Participant(MEASURE, 1, "MILLI_MECLIS", 2, AgencyRole.RECOMMENDED, ParticipantStatus.OPEN, DUE)));
        when(repository.cycle(MEASURE, 1)).thenReturn(Optional.of(new ReportingCycle(MEASURE, 1,
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30), DUE, false)));
        when(plans.measure(MEASURE)).thenReturn(new Measure(MEASURE, "NAP", "1.1", "1.1", 1, null, null, "Tədbir",
                "İndikator", 2016, 2016, MeasureStatus.RUNNING, "pi"));
        when(plans.plan("NAP")).thenReturn(new Plan("NAP", "Plan", 2016, 2016, 10, PlanCalendar.DEFAULT));
        when(repository.updateStatus(MEASURE, 1, "EDU", ParticipantStatus.REMOVED)).thenReturn(1);
    }

    /** As AgencyReportStartedListener asks for each agency. */
    void startReports() {
        for (int position = 0; position < 3; position++) {
            Participant p = cycles.participantAt(MEASURE, 1, position);
            assertThat(p.position()).isEqualTo(position);
            assertThat(cycles.deadlines(MEASURE, 1, p.agencyCode()).dueDate()).isEqualTo(DUE);
        }
    }

    @Test
    void everyAgencyOfACycleStartedInOneTransactionReadsTheCycleOnce() {
        transaction.executeWithoutResult(status -> {
            startReports();
            assertThat(cycles.cycle(MEASURE, 1).dueDate()).isEqualTo(DUE);
            assertThat(cycles.cycle(MEASURE, 1).dueDate()).isEqualTo(DUE);
        });
        verify(repository, times(1)).participants(MEASURE, 1);
        verify(repository, times(1)).cycle(MEASURE, 1);
        verify(plans, times(1)).measure(MEASURE);
        verify(plans, times(1)).plan("NAP");

        // the next transaction reads afresh
        transaction.executeWithoutResult(status -> startReports());
        verify(repository, times(2)).participants(MEASURE, 1);
    }

    @Test
    void aWriteInTheTransactionMakesTheNextReadFresh() {
        transaction.executeWithoutResult(status -> {
            startReports();
            cycles.setStatus(MEASURE, 1, "EDU", ParticipantStatus.REMOVED);
            cycles.participant(MEASURE, 1, "EDU");
        });
        verify(repository, times(2)).participants(MEASURE, 1);
    }

    @Test
    void anUnknownPositionOrAgencyIsNotFound() {
        transaction.executeWithoutResult(status -> {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cycles.participantAt(MEASURE, 1, 3))
                    .isInstanceOf(az.opengov.nap.shared.NapException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cycles.participant(MEASURE, 1, "JUSTICE"))
                    .isInstanceOf(az.opengov.nap.shared.NapException.class);
        });
    }
}
