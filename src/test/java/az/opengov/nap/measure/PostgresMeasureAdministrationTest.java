package az.opengov.nap.measure;

import az.opengov.nap.support.PostgresSuite;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same measure lifecycle and administrative operations on PostgreSQL. */
@PostgresSuite
class PostgresMeasureAdministrationTest extends MeasureAdministrationTest {

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
