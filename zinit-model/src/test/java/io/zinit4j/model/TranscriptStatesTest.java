package io.zinit4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every state text the real servers sent must parse to a known kind with the right detail. */
class TranscriptStatesTest {

    @Test
    void everyStateInTheTranscriptsParses() {
        Set<String> texts = new LinkedHashSet<>();
        for (JsonNode row : RecordedRows.rows()) {
            String request = row.path("request").asText("");
            boolean list = request.startsWith("list") || request.contains("\"service_list\"");
            for (JsonNode doc : RecordedRows.responses(row)) {
                JsonNode body = doc.has("result") ? doc.get("result") : doc.get("body");
                if (body == null || !body.isObject()) {
                    continue;
                }
                if (body.has("state") && body.has("target") && body.has("name")) {
                    texts.add(body.get("state").asText());
                    body.path("after").fields().forEachRemaining(e -> texts.add(e.getValue().asText()));
                } else if (list) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                        texts.add(it.next().getValue().asText());
                    }
                }
            }
        }
        assertTrue(texts.size() >= 8, "expected many distinct state texts in the transcripts, found " + texts);
        assertTrue(texts.stream().anyMatch(t -> t.contains("Exited(")), "no exit-code state found: " + texts);
        assertTrue(texts.stream().anyMatch(t -> t.contains("Signaled(")), "no signal state found: " + texts);
        for (String text : texts) {
            ServiceState s = ServiceState.parse(text);
            assertTrue(s.recognized(), "state text not understood: " + text);
            if (text.equals("Unknown")) {
                // zinit's own Unknown (a dependency that is not monitored): a real state, not a parse failure.
                assertEquals(StateKind.UNKNOWN, s.kind());
                continue;
            }
            assertNotEquals(StateKind.UNKNOWN, s.kind(), "state text parsed as UNKNOWN: " + text);
            assertEquals(text, s.raw());
            if (text.contains("Exited(")) {
                // Independent extraction: the code is the last number before the closing parentheses.
                String inner = text.substring(text.lastIndexOf(',') + 1).replace(")", "").strip();
                assertEquals(StateKind.ERROR, s.kind(), text);
                assertEquals(Integer.parseInt(inner), s.exitCode().orElseThrow(), text);
                assertTrue(s.signal().isEmpty(), text);
                assertTrue(s.processId().isPresent(), text);
            } else if (text.contains("Signaled(")) {
                String[] parts = text.split(",");
                String sig = parts[1].strip();
                assertEquals(StateKind.ERROR, s.kind(), text);
                assertEquals(sig, s.signal().orElseThrow(() -> new AssertionError("no signal: " + text)).name());
                assertTrue(s.exitCode().isEmpty(), text);
            } else {
                assertEquals(text.strip().toLowerCase(), ServiceState.wireName(s.kind()).toLowerCase(), text);
            }
        }
    }
}
