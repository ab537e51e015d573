package az.opengov.nap.bench;

/**
 * {@link SubmitHistoryBench}'s code on a tiny size in the normal build (PostgreSQL suite): 3 measures × 10
 * agencies, 4 clients submitting 8 reports per side amid the tiny generated set (then handing 8 of the rest to
 * colleagues and moving their due dates), one cycle's history at both levels with its
 * audit questions asserted.
 */
class SubmitHistorySmokeTest extends SubmitHistoryHarness {

    @Override
    Sizes sizes() {
        return new Sizes(new SubmitConcurrency.Sizes(3, 10, 4, 1, 0, 2), 3, BenchSet.tiny());
    }
}
