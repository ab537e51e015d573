package az.opengov.nap.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a Spring test against the real PostgreSQL (127.0.0.1:5432 by default), each test class in a fresh schema.
 * With {@code -Dnap.test.postgres=required} (CI) an unreachable server fails the build; by default (a laptop without
 * PostgreSQL) the suite is reported as disabled, with the reason. Each class's application is closed after it, so the
 * suites never hold more than one pool of connections at a time.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresSuite.Condition.class)
@ActiveProfiles({"test", "postgres"})
@ContextConfiguration(initializers = PostgresSuite.FreshSchema.class)
// closed after its class: its connections go back to the server (100 at most on CI) and its schema is dropped
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface PostgresSuite {

    /** Gives each application context the suite builds a schema of its own ({@code nap.test.schema}). */
    class FreshSchema implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String schema = Database.freshSchema();
            TestPropertyValues.of("nap.test.schema=" + schema).applyTo(context);
            // leave the shared database as it was found, once the context is closed: not on its closed event, which
            // comes before its beans are destroyed, the engine among them, which writes its last metrics on the way
            // out (into a schema then gone: an error in the log at every PostgreSQL context's end). The first
            // disposable registered is the last destroyed.
            ((org.springframework.beans.factory.support.DefaultSingletonBeanRegistry) context.getBeanFactory())
                    .registerDisposableBean("postgresSuiteSchemaDropped", () -> Database.dropSchema(schema));
        }
    }

    /** Where the suite's database is: the same defaults as {@code application-postgres.yaml}. */
    final class Database {
        static final String HOST = System.getenv().getOrDefault("NAP_TEST_PGHOST", "127.0.0.1");
        static final String NAME = System.getenv().getOrDefault("NAP_TEST_PGDATABASE", "test");
        static final String USER = System.getenv().getOrDefault("NAP_TEST_PGUSER", "postgres");
        static final String PASSWORD = System.getenv().getOrDefault("NAP_TEST_PGPASSWORD", "");

        private Database() {
        }

        public static String url() {
            return "jdbc:postgresql://" + HOST + ":5432/" + NAME;
        }

        public static Connection connect() throws SQLException {
            return DriverManager.getConnection(url(), USER, PASSWORD);
        }

        public static void dropSchema(String schema) {
            try (Connection c = connect()) {
                c.createStatement().execute("drop schema if exists " + schema + " cascade");
            } catch (SQLException e) {
                System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
            }
        }

        /** Creates a fresh schema and returns its name, for {@code nap.test.schema}. */
        public static String freshSchema() {
            String schema = "nap_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            try (Connection c = connect()) {
                c.createStatement().execute("create schema " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create schema on " + url() + ": " + e.getMessage(), e);
            }
            return schema;
        }
    }

    /** Enables the suite when PostgreSQL answers; fails the run if it does not and the suite is required. */
    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            try (Connection c = Database.connect()) {
                return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + Database.url());
            } catch (SQLException e) {
                if ("required".equals(System.getProperty("nap.test.postgres"))) {
                    throw new IllegalStateException("The PostgreSQL suite is required but " + Database.url()
                            + " cannot be reached: " + e.getMessage(), e);
                }
                return ConditionEvaluationResult.disabled("PostgreSQL not reachable at " + Database.url()
                        + " (run with -Dnap.test.postgres=required to make this an error)");
            }
        }
    }
}
