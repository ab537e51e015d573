package az.opengov.nap.monitoring;

import az.opengov.nap.support.PostgresSuite;

/** The same figures from the same data set on PostgreSQL. */
@PostgresSuite
class MonitoringServicePostgresTest extends MonitoringServiceTest {
}
