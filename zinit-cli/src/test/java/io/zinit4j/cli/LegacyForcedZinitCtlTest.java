package io.zinit4j.cli;

/** The whole {@link LegacyFakeServerZinitCtlTest} suite with {@code --protocol legacy} instead of detection. */
class LegacyForcedZinitCtlTest extends LegacyFakeServerZinitCtlTest {
    @Override
    String protocolArg() {
        return "legacy";
    }
}
