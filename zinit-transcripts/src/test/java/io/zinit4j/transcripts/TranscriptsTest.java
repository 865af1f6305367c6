package io.zinit4j.transcripts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptsTest {
    @Test
    void everyGenerationHasEveryFileWithExchanges() {
        for (String generation : Transcripts.GENERATIONS) {
            for (String file : Transcripts.FILES) {
                List<Transcripts.Row> rows = Transcripts.read(generation, file);
                assertTrue(rows.stream().anyMatch(Transcripts.Row::isExchange), generation + "/" + file);
            }
        }
    }

    /** The recorder writes rows through {@link Transcripts.Row#toJsonLine()}: it must write what was recorded. */
    @Test
    void everyRecordedLineIsWrittenBackByteForByte() {
        int lines = 0;
        for (String generation : Transcripts.GENERATIONS) {
            for (String file : Transcripts.FILES) {
                for (String line : Transcripts.lines(generation, file)) {
                    assertEquals(line, Transcripts.Row.parse(line).toJsonLine(), generation + "/" + file);
                    lines++;
                }
            }
        }
        assertEquals(747, lines, "the committed recordings");
    }

    @Test
    void theOpenRpcDocumentIsThere() {
        assertTrue(Transcripts.openRpcSpec().contains("\"openrpc\""));
    }

    @Test
    void unknownNamesAreRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> Transcripts.read("v9", "basics.jsonl"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transcripts.read(Transcripts.LEGACY, "nope.jsonl"));
        assertTrue(e.getMessage().contains("nope.jsonl"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transcripts.Row.parse("[1]"));
    }
}
