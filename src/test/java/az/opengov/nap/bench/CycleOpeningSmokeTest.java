package az.opengov.nap.bench;

/**
 * The cycle benchmark on a tiny set in the normal build (H2): every report task created, each reminder delivered
 * exactly once, so that the benchmark cannot rot unnoticed.
 */
class CycleOpeningSmokeTest extends CycleHarness {

    @Override
    BenchSet set() {
        return BenchSet.tiny().openOnly();
    }
}
