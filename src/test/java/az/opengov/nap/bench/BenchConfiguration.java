package az.opengov.nap.bench;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** What the harness adds to the application: the SQL statement counter around the data source. */
@TestConfiguration(proxyBeanMethods = false)
class BenchConfiguration {

    @Bean
    static SqlCount sqlCount() {
        return new SqlCount();
    }
}
