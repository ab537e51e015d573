package az.opengov.nap.monitoring;

import java.time.LocalDate;
import java.util.List;

/** One measure: per cycle and agency, who has reported, who is late, who was returned. */
public record MeasureReport(long id, String planCode, String code, String title, String status,
                            List<Participation> participations) {

    /**
     * @param state {@code PUBLISHED}, {@code SUBMITTED} (waiting for review), {@code RETURNED}, {@code LATE} (due
     *              date passed, nothing submitted), {@code OPEN} (not yet due), {@code NOT_REPORTED} (an invited
     *              body whose window closed) or {@code REMOVED}
     */
    public record Participation(int cycle, String agencyCode, String agencyName, String role, LocalDate dueDate,
                                String state, long daysOverdue, String openTaskId) {
    }
}
