package az.opengov.nap.monitoring;

import java.time.LocalDate;
import java.util.List;

/**
 * An administrator's action on one or more dashboard rows (tasks), with one reason for all of them.
 *
 * @param action   {@code remind}, {@code extend} (needs {@code dueDate}), {@code reassign} (needs
 *                 {@code agencyCode}, the new agency) or {@code cancel} (the task's measure)
 * @param taskIds  the rows chosen; each is carried out and reported on its own
 */
public record ActionRequest(String action, List<String> taskIds, String reason, LocalDate dueDate,
                            String agencyCode) {
}
