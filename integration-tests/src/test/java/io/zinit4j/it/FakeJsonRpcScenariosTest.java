package io.zinit4j.it;

import io.zinit4j.testkit.Generation;

/** The scenario suite against {@link io.zinit4j.testkit.FakeZinitServer} speaking {@link Generation#JSON_RPC}. */
class FakeJsonRpcScenariosTest extends ZinitScenarios {
    @Override
    protected ZinitTarget openTarget() {
        return FakeTarget.open(Generation.JSON_RPC);
    }
}
