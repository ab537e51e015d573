package az.opengov.nap.notification;

import az.opengov.nap.support.PostgresSuite;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The outbox in the admin pages and API, on PostgreSQL. */
@PostgresSuite
class PostgresOutboxAdminTest extends OutboxAdminTest {

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
