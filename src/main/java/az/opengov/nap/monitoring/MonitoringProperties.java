package az.opengov.nap.monitoring;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code nap.monitoring.*}: the administrators' overdue dashboard.
 *
 * @param reviewDays a submitted report should be reviewed within this many calendar days; after that its review
 *                   task counts as overdue, by the days past this limit
 * @param countsFor  how long the dashboard's counts (tiles, buckets, groups) of one filter are reused before they are
 *                   counted again (the page of rows is read on every request; the counts say when they were made,
 *                   and an action taken from the dashboard recounts); 0 counts on every request
 */
@Validated
@ConfigurationProperties("nap.monitoring")
public record MonitoringProperties(@DefaultValue("14") @Min(1) @Max(365) int reviewDays,
                                   @DefaultValue("30s") java.time.Duration countsFor) {
}
