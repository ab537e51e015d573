package az.opengov.nap.measure;

import java.time.LocalDate;

/** One reporting period of a measure: reports on it are due {@code dueDate}; the last one is the final report. */
public record ReportingCycle(long measureId, int number, LocalDate periodStart, LocalDate periodEnd,
                             LocalDate dueDate, boolean finalCycle) {
}
