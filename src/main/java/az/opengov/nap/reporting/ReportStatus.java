package az.opengov.nap.reporting;

public enum ReportStatus {
    DRAFT,
    SUBMITTED,
    RETURNED,
    APPROVED,
    PUBLISHED
}
