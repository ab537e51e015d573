package az.opengov.nap.workspace;

import az.opengov.nap.evidence.EvidenceFile;
import az.opengov.nap.measure.ReportingCycle;
import az.opengov.nap.plan.Measure;
import az.opengov.nap.reporting.ProgressReport;
import az.opengov.nap.review.Review;
import az.opengov.nap.security.AppUser;
import az.opengov.nap.worklist.WorkItem;
import java.util.List;
import java.util.Map;

/**
 * Everything a task page shows: the measure's context, the report being written or reviewed, its evidence, the
 * agency's earlier versions, and what the reader may do.
 */
public record TaskPage(WorkItem item, Measure measure, String planTitle, String sectionTitle, ReportingCycle cycle,
                       List<Party> parties, ProgressReport report, Map<String, Object> values,
                       List<ReportVersion> history, List<EvidenceFile> evidence, boolean open, boolean editable,
                       String statusKey, Review lastReview, String followUpTaskId, List<AppUser> colleagues,
                       boolean coordinator, String assigneeName, ProgressReport previous, Review previousReview,
                       List<Comparison> comparisons, Review decision) {
}
