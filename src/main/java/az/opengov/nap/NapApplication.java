package az.opengov.nap;

import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The workflow system for open government national action plans. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NapApplication {

    public static void main(String[] args) {
        application(Arrays.stream(args).anyMatch(a -> a.startsWith("--import.file"))).run(args);
    }

    /** The application as {@link #main} starts it: as a server, or for a command-line import. */
    static SpringApplication application(boolean commandLineImport) {
        SpringApplication app = new SpringApplication(NapApplication.class);
        if (commandLineImport) {
            // a command line import: no web server, no job executor, no demo data; the import starts the measures
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setDefaultProperties(Map.of("camunda.bpm.job-execution.enabled", "false",
                    // Camunda's REST and webapp starters assume a servlet container
                    "spring.autoconfigure.exclude",
                    "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
                            + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"));
        }
        return app;
    }
}
