package az.opengov.nap.bench;

/** Every scenario of the harness once, on a tiny set, in the normal build: the harness cannot rot unnoticed. */
class BenchSmokeTest extends BenchHarness {

    @Override
    BenchSet set() {
        return BenchSet.tiny();
    }
}
