package io.zinit4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLineTest {

    @Test
    void parsesStdoutStderrAndMarkers() {
        LogLine out = LogLine.parse("[+] env: A=hello\n");
        assertEquals("env", out.service());
        assertEquals(LogLine.LogStream.STDOUT, out.stream());
        assertEquals("A=hello", out.text());
        assertEquals("[+] env: A=hello", out.raw());
        LogLine marker = LogLine.parse("[-] gated/test: ------------ [start] ------------");
        assertEquals(LogLine.LogStream.STDERR, marker.stream());
        assertTrue(marker.isStartMarker());
        assertTrue(marker.belongsTo("gated"));
        assertFalse(marker.belongsTo("gate"));
        assertEquals("a: b", LogLine.parse("[+] svc: a: b").text(), "only the first ': ' separates");
        assertEquals("", LogLine.parse("[+] svc:").text());
    }

    @Test
    void oddLinesAreUnknownAndNeverThrow() {
        for (String s : new String[] {"", "plain text", "[+]", "[+] no separator", "[*] x: y", null}) {
            LogLine l = LogLine.parse(s);
            assertEquals(LogLine.LogStream.UNKNOWN, l.stream());
            assertEquals("", l.service());
            assertEquals(s == null ? "" : s, l.raw());
        }
    }

    @Test
    void everyLogLineInTheTranscriptsParses() {
        List<String> lines = new ArrayList<>();
        for (JsonNode row : RecordedRows.rows()) {
            String request = row.path("request").asText("");
            String raw = row.path("response_raw").asText("");
            if (request.startsWith("log")) {
                for (String l : raw.split("\n")) {
                    if (l.startsWith("[")) {
                        lines.add(l);
                    }
                }
            }
            // JSON-RPC logs: strings in stream_currentLogs results and subscription notifications.
            for (JsonNode doc : RecordedRows.responses(row)) {
                JsonNode result = doc.has("result") ? doc.get("result") : doc.path("params").path("result");
                if (result.isArray()) {
                    result.forEach(n -> {
                        if (n.isTextual() && n.asText().startsWith("[")) {
                            lines.add(n.asText());
                        }
                    });
                } else if (result.isTextual() && result.asText().startsWith("[")) {
                    lines.add(result.asText());
                }
            }
        }
        assertTrue(lines.size() > 10, "expected log lines in the transcripts, found " + lines.size());
        boolean sawMarker = false;
        boolean sawStdout = false;
        for (String l : lines) {
            LogLine p = LogLine.parse(l);
            assertNotEquals(LogLine.LogStream.UNKNOWN, p.stream(), l);
            assertFalse(p.service().isEmpty(), l);
            assertEquals(l.strip(), p.raw().strip());
            sawMarker |= p.isStartMarker();
            sawStdout |= p.stream() == LogLine.LogStream.STDOUT;
        }
        assertTrue(sawMarker && sawStdout);
    }
}
