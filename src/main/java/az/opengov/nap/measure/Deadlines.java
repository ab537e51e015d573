package az.opengov.nap.measure;

import az.opengov.nap.measure.process.MeasureExecution;
import az.opengov.nap.plan.PlanCalendar;
import az.opengov.nap.shared.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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

    /** The first escalation of a report due on {@code dueDate}: 09:00 in Baku the day after. */
    public static Instant firstEscalation(LocalDate dueDate) {
        return Clock.at(dueDate.plusDays(1), OFFICE_HOURS);
    }

    /**
     * The first escalation point after {@code now} of a report due on {@code dueDate} and escalated every
     * {@code everyDays} (the first point itself while it has not come).
     */
    public static Instant nextEscalation(LocalDate dueDate, int everyDays, Instant now) {
        LocalDate day = dueDate.plusDays(1);
        long passed = ChronoUnit.DAYS.between(day, LocalDate.ofInstant(now, Clock.BAKU));
        if (passed > 0) {
            day = day.plusDays(passed / everyDays * everyDays);
        }
        while (!Clock.at(day, OFFICE_HOURS).isAfter(now)) {
            day = day.plusDays(everyDays);
        }
        return Clock.at(day, OFFICE_HOURS);
    }

    public static Deadlines of(LocalDate dueDate, PlanCalendar calendar) {
        Instant firstEscalation = firstEscalation(dueDate);
        String cycle = "R/" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(firstEscalation.atZone(Clock.BAKU))
                + "/P" + calendar.escalationDays() + "D";
        return new Deadlines(dueDate, Clock.endOf(dueDate),
                Clock.at(dueDate.minusDays(calendar.reminderDays()), OFFICE_HOURS), cycle,
                Clock.endOf(dueDate.plusDays(calendar.windowDays())));
    }
}
