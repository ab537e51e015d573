package az.opengov.benchbare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The start-up baseline of the benchmark: a bare Camunda webapp starter application (engine, REST, Cockpit) with
 * nothing of ours, started on a classpath of its own ({@code bench/bare-camunda/pom.xml}: the starters, JDBC and
 * H2). Outside {@code az.opengov.nap} so that no test context scans it; its own configuration file
 * ({@code bare.yaml}), not the application's.
 */
@SpringBootApplication
public class BareCamundaApplication {

    public static void main(String[] args) {
        System.setProperty("spring.config.name", "bare");
        SpringApplication.run(BareCamundaApplication.class, args);
    }
}
