package az.opengov.nap.measure;

import az.opengov.nap.support.PostgresSuite;

/** The same amendments of a running measure on PostgreSQL. */
@PostgresSuite
class PostgresMeasureAmendmentTest extends MeasureAmendmentTest {
}
