package az.opengov.nap.e2e;

import az.opengov.nap.support.PostgresSuite;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same end-to-end path on PostgreSQL. */
@PostgresSuite
class PostgresApiEndToEndTest extends ApiEndToEndTest {

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
