package io.zinit4j.client;

import io.zinit4j.testkit.Generation;

/** The {@link ZinitClientContract} against a fake zinit speaking the legacy line protocol (zinit up to 0.2.14). */
class LegacyZinitClientTest extends ZinitClientContract {
    LegacyZinitClientTest() {
        super(Generation.LEGACY);
    }
}
