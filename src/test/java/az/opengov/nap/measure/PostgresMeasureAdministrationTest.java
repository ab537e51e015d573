package az.opengov.nap.measure;

import az.opengov.nap.support.PostgresSuite;

/** The same measure lifecycle and administrative operations on PostgreSQL. */
@PostgresSuite
class PostgresMeasureAdministrationTest extends MeasureAdministrationTest {
}
