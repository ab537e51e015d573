package az.opengov.nap.workspace;

import az.opengov.nap.reporting.ProgressReport;
import az.opengov.nap.review.Review;

/** A version of an agency's report with the commission's decision on it, if any. */
public record ReportVersion(ProgressReport report, Review review) {
}
