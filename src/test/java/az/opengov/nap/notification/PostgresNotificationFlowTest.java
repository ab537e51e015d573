package az.opengov.nap.notification;

import az.opengov.nap.support.PostgresSuite;

/** Who gets which mail, in which language, on which day, on PostgreSQL. */
@PostgresSuite
class PostgresNotificationFlowTest extends NotificationFlowTest {
}
