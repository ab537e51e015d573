package az.opengov.nap.measure;

import az.opengov.nap.plan.AgencyRole;
import java.time.LocalDate;

/** An agency asked for a report in a cycle, and where it stands. */
public record Participant(long measureId, int cycleNumber, String agencyCode, int position, AgencyRole role,
                          ParticipantStatus status, LocalDate dueDate) {
}
