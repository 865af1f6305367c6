package io.zinit4j.it;

/** The scenario suite against {@link LocalBinaryTarget}; skipped as a whole, with the reason, when it is not available. */
class LocalBinaryScenariosTest extends ZinitScenarios {
    @Override
    protected ZinitTarget openTarget() {
        return LocalBinaryTarget.open();
    }
}
