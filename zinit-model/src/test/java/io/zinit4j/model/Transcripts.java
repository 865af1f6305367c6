package io.zinit4j.model;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Locates and reads the golden transcripts in shared/zinit-protocol/transcripts. */
final class Transcripts {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String RELATIVE = "shared/zinit-protocol/transcripts";

    private Transcripts() {
    }

    /** The transcripts folder: system property zinit.transcripts, else the first ancestor of user.dir holding it. */
    static Path dir() {
        String prop = System.getProperty("zinit.transcripts");
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop);
            if (!Files.isDirectory(p)) {
                fail("system property zinit.transcripts names " + p + ", which is not a directory");
            }
            return p;
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            Path candidate = d.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fail("golden transcripts not found: no " + RELATIVE + " in " + start + " or any parent; "
                + "put shared/ beside the repository clone or set -Dzinit.transcripts=<dir>");
    }

    /** Every row of every *.jsonl file, parsed. */
    static List<JsonNode> rows() {
        List<JsonNode> rows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir())) {
            List<Path> jsonl = files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
            if (jsonl.isEmpty()) {
                fail("no *.jsonl files in " + dir());
            }
            for (Path f : jsonl) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        rows.add(JSON.readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
