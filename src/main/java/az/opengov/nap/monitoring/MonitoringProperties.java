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
 */
@Validated
@ConfigurationProperties("nap.monitoring")
public record MonitoringProperties(@DefaultValue("14") @Min(1) @Max(365) int reviewDays) {
}
