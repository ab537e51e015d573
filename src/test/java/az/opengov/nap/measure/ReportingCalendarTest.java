package az.opengov.nap.measure;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.plan.Measure;
import az.opengov.nap.plan.MeasureStatus;
import az.opengov.nap.plan.Plan;
import az.opengov.nap.plan.PlanCalendar;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The calendar arithmetic: periods, due dates, reminders, escalations and windows, in Baku time. */
class ReportingCalendarTest {

    static Measure measure(int first, int last) {
        return new Measure(7, "P", "1.1", "1.1", 1, null, null, "t", "i", first, last, MeasureStatus.RUNNING, null);
    }

    @Test
    void oneCycleEveryHalfYearOfTheMeasureTheLastOneFinal() {
        List<ReportingCycle> cycles = CycleService.layOut(measure(2016, 2018),
                new Plan("P", "t", 2016, 2018, 0, PlanCalendar.DEFAULT));
        assertThat(cycles).hasSize(6);
        assertThat(cycles.get(0)).isEqualTo(new ReportingCycle(7, 1, LocalDate.of(2016, 1, 1),
                LocalDate.of(2016, 6, 30), LocalDate.of(2016, 7, 15), false));
        assertThat(cycles.get(5)).isEqualTo(new ReportingCycle(7, 6, LocalDate.of(2018, 7, 1),
                LocalDate.of(2018, 12, 31), LocalDate.of(2019, 1, 15), true));
        assertThat(cycles.stream().filter(ReportingCycle::finalCycle)).hasSize(1);
    }

    @Test
    void quarterlyCalendarAndYearShift() {
        PlanCalendar quarterly = new PlanCalendar(3, 20, 5, 3, 10, 10);
        List<ReportingCycle> cycles = CycleService.layOut(measure(2017, 2017),
                new Plan("P", "t", 2016, 2018, 10, quarterly));
        assertThat(cycles).extracting(ReportingCycle::periodEnd).containsExactly(LocalDate.of(2027, 3, 31),
                LocalDate.of(2027, 6, 30), LocalDate.of(2027, 9, 30), LocalDate.of(2027, 12, 31));
        assertThat(cycles.get(0).dueDate()).isEqualTo(LocalDate.of(2027, 4, 20));
    }

    @Test
    void deadlinesInBakuTime() {
        Deadlines d = Deadlines.of(LocalDate.of(2026, 7, 15), PlanCalendar.DEFAULT);
        assertThat(d.dueAt()).isEqualTo(ZonedDateTime.parse("2026-07-15T23:59:59+04:00").toInstant());
        assertThat(d.reminderAt()).isEqualTo(ZonedDateTime.parse("2026-07-08T09:00:00+04:00").toInstant());
        assertThat(d.escalationCycle()).isEqualTo("R/2026-07-16T09:00:00+04:00/P7D");
        assertThat(d.windowClosesAt()).isEqualTo(ZonedDateTime.parse("2026-08-14T23:59:59+04:00").toInstant());
    }

    @Test
    void escalationPointsFromTheDayAfterDueEveryEscalationDays() {
        LocalDate due = LocalDate.of(2026, 7, 15);
        java.time.Instant first = ZonedDateTime.parse("2026-07-16T09:00:00+04:00").toInstant();
        assertThat(Deadlines.firstEscalation(due)).isEqualTo(first);
        // before the first point: the first; at a point or after it: the one after it
        assertThat(Deadlines.nextEscalation(due, 7, first.minusSeconds(1))).isEqualTo(first);
        assertThat(Deadlines.nextEscalation(due, 7, first))
                .isEqualTo(ZonedDateTime.parse("2026-07-23T09:00:00+04:00").toInstant());
        assertThat(Deadlines.nextEscalation(due, 7, ZonedDateTime.parse("2026-07-23T08:59:59+04:00").toInstant()))
                .isEqualTo(ZonedDateTime.parse("2026-07-23T09:00:00+04:00").toInstant());
        // long after (a node down for weeks): the next point the calendar puts, not the missed ones
        assertThat(Deadlines.nextEscalation(due, 7, ZonedDateTime.parse("2026-07-31T10:00:00+04:00").toInstant()))
                .isEqualTo(ZonedDateTime.parse("2026-08-06T09:00:00+04:00").toInstant());
        assertThat(Deadlines.nextEscalation(due, 3, ZonedDateTime.parse("2026-07-22T09:00:00+04:00").toInstant()))
                .isEqualTo(ZonedDateTime.parse("2026-07-25T09:00:00+04:00").toInstant());
    }
}
