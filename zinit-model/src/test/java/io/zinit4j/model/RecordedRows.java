package io.zinit4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.transcripts.Transcripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The golden transcripts' rows as JSON trees, for the model's tests (found by {@link Transcripts}). */
final class RecordedRows {
    static final ObjectMapper JSON = new ObjectMapper();

    private RecordedRows() {
    }

    /** Every row of every transcript of both generations, parsed. */
    static List<JsonNode> rows() {
        List<JsonNode> rows = new ArrayList<>();
        for (String generation : Transcripts.GENERATIONS) {
            for (String file : Transcripts.FILES) {
                for (String line : Transcripts.lines(generation, file)) {
                    try {
                        rows.add(JSON.readTree(line));
                    } catch (IOException e) {
                        throw new UncheckedIOException(generation + "/" + file, e);
                    }
                }
            }
        }
        return rows;
    }

    /** The JSON documents in a response (one per line; non-JSON lines, such as log text, are skipped). */
    static List<JsonNode> responses(JsonNode row) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode raw = row.get("response_raw");
        if (raw == null || !raw.isTextual()) {
            return out;
        }
        for (String line : raw.asText().split("\n")) {
            String t = line.strip();
            if (t.startsWith("{")) {
                try {
                    out.add(JSON.readTree(t));
                } catch (IOException e) {
                    // A deliberately malformed exchange or log text that looks like JSON: not a state carrier.
                }
            }
        }
        return out;
    }
}
