package az.opengov.nap.notification;

import az.opengov.nap.support.PostgresSuite;

/** Delivery when things go wrong, and two nodes sending at once against one PostgreSQL: each mail once. */
@PostgresSuite
class PostgresOutboxDeliveryTest extends OutboxDeliveryTest {
}
