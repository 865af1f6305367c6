package io.zinit4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.zinit4j.transcripts.Transcripts;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fake answers every recorded request of the legacy basics transcript with the recorded bytes. */
@ExtendWith(FakeZinitExtension.class)
class LegacyBasicsReplayTest {
    private static final String LONG = "<100000 x>";

    @Test
    void answersEveryRecordedRequestByteForByte(FakeZinitServer zinit) throws IOException {
        List<Transcripts.Row> rows = Transcripts.read(Transcripts.LEGACY, "basics.jsonl");
        int replayed = 0;
        for (Transcripts.Row row : rows) {
            if (!row.isExchange()) {
                continue;
            }
            String request = row.request().get();
            String expected = row.responseRaw().get();
            String got;
            if (request.equals("<connect, send nothing, half-close>")) {
                got = Raw.exchange(zinit.socket(), "", true);
            } else if (request.startsWith("list (no trailing newline")) {
                got = Raw.exchange(zinit.socket(), "list", true);
            } else if (request.startsWith("list\\nstatus nope\\n")) {
                got = Raw.exchange(zinit.socket(), "list\nstatus nope\n", false);
            } else {
                String x = "x".repeat(100_000);
                got = Raw.exchange(zinit.socket(), request.replace(LONG, x), false);
                expected = expected.replace(LONG, x);
            }
            assertEquals(expected, got, "answer to " + abbreviate(request));
            replayed++;
        }
        assertEquals(20, replayed, "every exchange of basics.jsonl is replayed");
    }

    @Test
    void recordsTheRequestsOnTheWire(FakeZinitServer zinit) throws IOException {
        Raw.legacy(zinit.socket(), "status 'a b'");
        assertEquals("status 'a b'\n", zinit.lastRequest().text());
        assertEquals(List.of("status", "a b"), zinit.lastRequest().words().get());
        Raw.legacy(zinit.socket(), "status \"abc");
        assertFalse(zinit.lastRequest().words().isPresent());
        assertEquals(2, zinit.requests().size());
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
