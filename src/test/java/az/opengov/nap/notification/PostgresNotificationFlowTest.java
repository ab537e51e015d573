package az.opengov.nap.notification;

import az.opengov.nap.support.PostgresSuite;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Who gets which mail, in which language, on which day, on PostgreSQL. */
@PostgresSuite
class PostgresNotificationFlowTest extends NotificationFlowTest {

    private static String schema;

    @DynamicPropertySource
    static void schema(DynamicPropertyRegistry registry) {
        registry.add("nap.test.schema", () -> {
            if (schema == null) {
                schema = PostgresSuite.Database.freshSchema();
            }
            return schema;
        });
    }
}
