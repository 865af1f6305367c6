package io.zinit4j.it;

import io.zinit4j.testkit.Generation;

/** The scenario suite against {@link io.zinit4j.testkit.FakeZinitServer} speaking {@link Generation#LEGACY}. */
class FakeLegacyScenariosTest extends ZinitScenarios {
    @Override
    protected ZinitTarget openTarget() {
        return FakeTarget.open(Generation.LEGACY);
    }
}
