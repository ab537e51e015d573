package az.opengov.nap.notification;

import az.opengov.nap.support.PostgresSuite;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Delivery when things go wrong, and two nodes sending at once against one PostgreSQL: each mail once. */
@PostgresSuite
class PostgresOutboxDeliveryTest extends OutboxDeliveryTest {

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
