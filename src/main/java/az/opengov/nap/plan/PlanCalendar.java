package az.opengov.nap.plan;

/**
 * A plan's reporting calendar: one cycle every {@code frequencyMonths}; the report is due {@code dueOffsetDays} after
 * the period ends; a reminder {@code reminderDays} before due; an escalation when due and every
 * {@code escalationDays} after; a returned report is due again {@code revisionDays} after its return; an invited body's
 * window closes {@code windowDays} after due.
 */
public record PlanCalendar(int frequencyMonths, int dueOffsetDays, int reminderDays, int escalationDays,
                           int revisionDays, int windowDays) {

    public static final PlanCalendar DEFAULT = new PlanCalendar(6, 15, 7, 7, 14, 30);

    public PlanCalendar {
        if (frequencyMonths <= 0 || 12 % frequencyMonths != 0) {
            throw new IllegalArgumentException("frequencyMonths must divide 12: " + frequencyMonths);
        }
        if (dueOffsetDays < 0 || reminderDays < 0 || escalationDays <= 0 || revisionDays <= 0 || windowDays < 0) {
            throw new IllegalArgumentException("calendar days must not be negative, intervals must be positive");
        }
    }
}
