package az.opengov.nap.monitoring;

import java.time.LocalDate;
import java.util.List;

/**
 * One agency's record as an executor: per reporting cycle (of each plan), how many of its reports were due, how many
 * came on time, how many late or not yet, and the average days late; and its open and overdue tasks now.
 *
 * @param onTimeRate on-time reports of all executor reports due so far, 0..1, or null when none was due yet
 */
public record AgencyReport(String code, String name, long open, long overdue, Double onTimeRate,
                           Double averageDaysLate, List<Cycle> cycles) {

    /**
     * A plan's cycle {@code number} for this agency.
     *
     * @param due     executor reports whose due date has passed, or that came in already
     * @param onTime  first submitted on or before the due date
     * @param late    submitted after the due date, or still missing after it
     * @param missing still not submitted after the due date (part of {@code late})
     * @param pending not yet due and not submitted
     */
    public record Cycle(String planCode, int number, LocalDate periodEnd, long due, long onTime, long late,
                        long missing, long pending, double daysLateTotal) {

        public Double onTimeRate() {
            return due == 0 ? null : (double) onTime / due;
        }

        public Double averageDaysLate() {
            return late == 0 ? null : daysLateTotal / late;
        }
    }
}
