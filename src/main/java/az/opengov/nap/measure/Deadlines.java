package az.opengov.nap.measure;

import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.shared.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The moments that drive an agency's report, all from its due date and the plan's calendar (Baku time): due at the
 * end of the due date; a reminder at 09:00 {@code reminderDays} before; escalations from 09:00 the day after due and
 * every {@code escalationDays}; an invited body's window closing {@code windowDays} after due.
 */
public record Deadlines(LocalDate dueDate, Instant dueAt, Instant reminderAt, String escalationCycle,
                        Instant windowClosesAt) {

    static final LocalTime OFFICE_HOURS = LocalTime.of(9, 0);

    public static Deadlines of(LocalDate dueDate, PlanCalendar calendar) {
        Instant firstEscalation = Clock.at(dueDate.plusDays(1), OFFICE_HOURS);
        String cycle = "R/" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(firstEscalation.atZone(Clock.BAKU))
                + "/P" + calendar.escalationDays() + "D";
        return new Deadlines(dueDate, Clock.endOf(dueDate),
                Clock.at(dueDate.minusDays(calendar.reminderDays()), OFFICE_HOURS), cycle,
                Clock.endOf(dueDate.plusDays(calendar.windowDays())));
    }
}
