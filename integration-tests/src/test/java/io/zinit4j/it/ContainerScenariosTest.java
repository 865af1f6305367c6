package io.zinit4j.it;

/** The scenario suite against {@link ContainerTarget}; skipped as a whole, with the reason, when it is not available. */
class ContainerScenariosTest extends ZinitScenarios {
    @Override
    protected ZinitTarget openTarget() {
        return ContainerTarget.open();
    }
}
