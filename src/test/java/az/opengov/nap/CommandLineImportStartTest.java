package az.opengov.nap;

import static org.assertj.core.api.Assertions.assertThat;

import az.opengov.nap.plan.PlanImportService;
import az.opengov.nap.portal.PublicCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application as a command-line import starts it ({@code --import.file=…}): no web server, and everything the
 * import needs. (The web-only parts, security filter chains, Camunda's REST and page rendering, once stopped it from
 * starting at all.) The import itself is {@code PlanImportCommandTest}; here the file is left out, as the command
 * would end the JVM.
 */
class CommandLineImportStartTest {

    @Test
    void startsWithoutAWebServer() {
        try (ConfigurableApplicationContext context = NapApplication.application(true)
                .run("--spring.profiles.active=test")) {
            assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(context.getBean(PlanImportService.class)).isNotNull();
            assertThat(context.getBean(PublicCatalog.class)).isNotNull();
            assertThat(context.getBeanNamesForType(org.springframework.security.web.SecurityFilterChain.class))
                    .isEmpty();
        }
    }
}
