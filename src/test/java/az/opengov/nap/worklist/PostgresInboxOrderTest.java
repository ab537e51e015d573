package az.opengov.nap.worklist;

import az.opengov.nap.support.PostgresSuite;

/** The inbox's merged pages on PostgreSQL, where each group's page comes off the index in due order. */
@PostgresSuite
class PostgresInboxOrderTest extends InboxOrderTest {
}
