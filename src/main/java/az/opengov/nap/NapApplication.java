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
        SpringApplication app = new SpringApplication(NapApplication.class);
        if (Arrays.stream(args).anyMatch(a -> a.startsWith("--import.file"))) {
            // a command line import: no web server, no job executor, no demo data; the import starts the measures
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setDefaultProperties(Map.of("camunda.bpm.job-execution.enabled", "false"));
        }
        app.run(args);
    }
}
