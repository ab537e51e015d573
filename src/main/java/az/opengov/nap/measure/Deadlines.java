package az.opengov.nap.measure;

import az.opengov.nap.measure.process.MeasureExecution;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.shared.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The moments that drive an agency's report, all from its due date and the plan's calendar (Baku time): due at the
 * end of the due date; a reminder at 09:00 {@code reminderDays} before; escalations from 09:00 the day after due and
 * every {@code escalationDays}; an invited body's window closing {@code windowDays} after due.
 */
public record Deadlines(LocalDate dueDate, Instant dueAt, Instant reminderAt, String escalationCycle,
                        Instant windowClosesAt) {

    static final LocalTime OFFICE_HOURS = LocalTime.of(9, 0);

    /** As the process holds them: its {@link MeasureExecution.Variables#DEADLINES} variables. */
    public Map<String, Object> variables() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(MeasureExecution.Variables.DUE_DATE, Date.from(dueAt));
        m.put(MeasureExecution.Variables.REMINDER_AT, Date.from(reminderAt));
        m.put(MeasureExecution.Variables.ESCALATION_CYCLE, escalationCycle);
        m.put(MeasureExecution.Variables.WINDOW_CLOSES_AT, Date.from(windowClosesAt));
        return m;
    }

    public static Deadlines of(LocalDate dueDate, PlanCalendar calendar) {
        Instant firstEscalation = Clock.at(dueDate.plusDays(1), OFFICE_HOURS);
        String cycle = "R/" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(firstEscalation.atZone(Clock.BAKU))
                + "/P" + calendar.escalationDays() + "D";
        return new Deadlines(dueDate, Clock.endOf(dueDate),
                Clock.at(dueDate.minusDays(calendar.reminderDays()), OFFICE_HOURS), cycle,
                Clock.endOf(dueDate.plusDays(calendar.windowDays())));
    }
}
