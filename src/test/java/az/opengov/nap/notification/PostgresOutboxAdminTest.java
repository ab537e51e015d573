package az.opengov.nap.notification;

import az.opengov.nap.support.PostgresSuite;

/** The outbox in the admin pages and API, on PostgreSQL. */
@PostgresSuite
class PostgresOutboxAdminTest extends OutboxAdminTest {
}
