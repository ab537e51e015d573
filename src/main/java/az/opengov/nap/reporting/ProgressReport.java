package az.opengov.nap.reporting;

import java.time.Instant;

/** One version of an agency's report for a measure and cycle; every version is kept. */
public record ProgressReport(long id, long measureId, int cycleNumber, String agencyCode, int version,
                             ReportStatus status, ReportContent content, String createdBy, Instant createdAt,
                             Instant updatedAt, String submittedBy, Instant submittedAt) {
}
