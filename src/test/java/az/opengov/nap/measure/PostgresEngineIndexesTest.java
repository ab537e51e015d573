package az.opengov.nap.measure;

import az.opengov.nap.support.PostgresSuite;

/** The engine's extra indexes on PostgreSQL, where the parent task's is partial. */
@PostgresSuite
class PostgresEngineIndexesTest extends EngineIndexesTest {
}
