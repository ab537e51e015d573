package az.opengov.nap.workspace;

import az.opengov.nap.support.PostgresSuite;

/** Retried submissions on PostgreSQL, where a retry racing its first attempt waits on the first one's row locks. */
@PostgresSuite
class PostgresIdempotentSubmitTest extends IdempotentSubmitTest {
}
