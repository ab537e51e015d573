package az.opengov.nap.operations;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code nap.operations.*}: when the health endpoint warns, and how fresh the business gauges are.
 *
 * @param outboxWarnPending  mail waiting to be sent above which the outbox health says WARN
 * @param outboxWarnAge      age of the oldest waiting mail above which it says WARN
 * @param mailCheckTimeout   how long the mail health check waits for the SMTP server to answer
 * @param metricsRefresh     how long the task, mail and incident gauges are cached between database reads
 */
@Validated
@ConfigurationProperties("nap.operations")
record OperationsProperties(
        @DefaultValue("500") @Min(1) int outboxWarnPending,
        @DefaultValue("30m") @NotNull Duration outboxWarnAge,
        @DefaultValue("3s") @NotNull Duration mailCheckTimeout,
        @DefaultValue("30s") @NotNull Duration metricsRefresh) {
}
