package az.opengov.nap.workspace;

import az.opengov.nap.support.PostgresSuite;

/** The races on PostgreSQL, where row locks, not H2's table locks, decide who waits for whom. */
@PostgresSuite
class PostgresRaceTest extends RaceTest {
}
