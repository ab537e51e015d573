package az.opengov.benchbare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.client.servlet.OAuth2ClientAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration;

/**
 * The start-up baseline of the benchmark: a bare Camunda webapp starter application (engine, REST, Cockpit) with
 * nothing of ours, on the same classpath. Outside {@code az.opengov.nap} so that no test context scans it; its own
 * configuration file ({@code bare.yaml}), not the application's.
 */
@SpringBootApplication(exclude = {FlywayAutoConfiguration.class, SecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        OAuth2ClientAutoConfiguration.class})
public class BareCamundaApplication {

    public static void main(String[] args) {
        System.setProperty("spring.config.name", "bare");
        SpringApplication.run(BareCamundaApplication.class, args);
    }
}
