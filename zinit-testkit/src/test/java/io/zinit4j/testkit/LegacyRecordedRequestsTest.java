package io.zinit4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The legacy fake records what it was sent (its recorded answers are checked by {@link TranscriptReplayTest}). */
@ExtendWith(FakeZinitExtension.class)
class LegacyRecordedRequestsTest {
    @Test
    void recordsTheRequestsOnTheWire(FakeZinitServer zinit) throws IOException {
        Raw.legacy(zinit.socket(), "status 'a b'");
        assertEquals("status 'a b'\n", zinit.lastRequest().text());
        assertEquals(List.of("status", "a b"), zinit.lastRequest().words().get());
        Raw.legacy(zinit.socket(), "status \"abc");
        assertFalse(zinit.lastRequest().words().isPresent());
        assertEquals(2, zinit.requests().size());
    }
}
