package az.opengov.nap.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nap.demo.*}: the zero-setup demo. {@code enabled} loads the shipped plan with its first year mapped to the
 * current year, the demo users, and a little history once the first cycle's tasks exist.
 */
@ConfigurationProperties("nap.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled,
                             @DefaultValue("aciq-hokumet-2026") String password,
                             @DefaultValue("PT5M") Duration historyWait) {
}
