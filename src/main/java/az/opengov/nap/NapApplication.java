package az.opengov.nap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The workflow system for open government national action plans. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NapApplication {

    public static void main(String[] args) {
        SpringApplication.run(NapApplication.class, args);
    }
}
