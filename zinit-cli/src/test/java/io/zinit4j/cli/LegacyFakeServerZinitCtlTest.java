package io.zinit4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.testkit.Generation;
import org.junit.jupiter.api.Test;

/** {@code zinitctl} against a fake zinit 0.2.14 (legacy line protocol), protocol detected. */
class LegacyFakeServerZinitCtlTest extends FakeServerZinitCtlTest {
    @Override
    Generation generation() {
        return Generation.LEGACY;
    }

    @Test
    void statsIsUnsupportedWithOneClearLine() {
        Run r = run("stats", "web").failed(ExitCodes.UNSUPPORTED);
        assertTrue(r.err().startsWith("zinitctl: "), r.err());
        assertTrue(r.err().contains("stats"), r.err());
        assertTrue(r.err().contains("0.2.15"), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }
}
