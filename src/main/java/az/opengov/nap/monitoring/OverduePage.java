package az.opengov.nap.monitoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The dashboard: the tiles, the buckets and groups of everything the filter matches, and one page of its rows.
 *
 * @param tiles   open tasks, overdue reports, review backlog and its oldest age, for the plan/section/agency/role
 *                filters (either kind)
 * @param buckets how many of the matching overdue tasks are 1-7, 8-30, 31+ days overdue
 * @param groups  the matching overdue tasks by agency, by section and by measure (each list largest first, at most
 *                {@link MonitoringService#MAX_GROUPS})
 * @param countedAt when the tiles, buckets and groups were counted (they are reused for
 *                  {@code nap.monitoring.counts-for}); the rows are as of the request
 */
public record OverduePage(OverdueFilter filter, Tiles tiles, Buckets buckets, List<Group> byAgency,
                          List<Group> bySection, List<Group> byMeasure, List<OverdueRow> rows, long total,
                          java.time.Instant countedAt) {

    @JsonProperty("hasNext")
    public boolean hasNext() {
        return (long) (filter.page() + 1) * filter.size() < total;
    }

    public record Tiles(long open, long overdueReports, long reviewBacklog, long overdueReviews,
                        Long oldestReviewDays) {
    }

    public record Buckets(long days1to7, long days8to30, long days31plus) {

        @JsonProperty("total")
        public long total() {
            return days1to7 + days8to30 + days31plus;
        }
    }

    /** One agency, section or measure with its overdue tasks by bucket. */
    public record Group(String key, String label, long days1to7, long days8to30, long days31plus) {

        public long total() {
            return days1to7 + days8to30 + days31plus;
        }
    }
}
