package az.opengov.nap.publication;

/**
 * A domain event: an approved report was published, for the first time. Published synchronously in the publishing
 * transaction.
 */
public record ReportPublished(long reportId, long measureId, int cycleNumber, String agencyCode) {
}
