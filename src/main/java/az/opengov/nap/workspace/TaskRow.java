package az.opengov.nap.workspace;

import az.opengov.nap.worklist.WorkItem;
import java.time.LocalDate;

/** A line of the inbox or the review queue: the task with its measure and the days left, or its age. */
public record TaskRow(WorkItem item, String measureTitle, String sectionTitle, LocalDate due, long daysLeft,
                      boolean overdue, String assigneeName, long ageDays) {
}
