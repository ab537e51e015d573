package az.opengov.nap.e2e;

import az.opengov.nap.support.PostgresSuite;

/** The same end-to-end path on PostgreSQL. */
@PostgresSuite
class PostgresApiEndToEndTest extends ApiEndToEndTest {
}
