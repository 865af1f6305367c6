package io.zinit4j.it;

/** The scenario suite against {@link ExternalServerTarget}; skipped as a whole, with the reason, when it is not available. */
class ExternalServerScenariosTest extends ZinitScenarios {
    @Override
    protected ZinitTarget openTarget() {
        return ExternalServerTarget.open();
    }
}
