package io.zinit4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The golden transcripts recorded from real zinit servers ({@code shared/zinit-protocol/transcripts}), for tests that
 * replay them. The folder is found by walking up from the working directory ({@code user.dir}), so it works from any
 * module of a checkout with {@code shared/} beside or above it. Stateless and thread-safe.
 */
public final class Transcripts {
    /** Where the transcripts live, relative to some ancestor of the working directory. */
    public static final String RELATIVE = "shared/zinit-protocol/transcripts";
    /** The legacy recordings (zinit v0.2.14). */
    public static final String LEGACY = "legacy-v0.2.14";
    /** The JSON-RPC recordings (zinit v0.2.28). */
    public static final String RPC = "rpc-v0.2.28";

    private Transcripts() {
    }

    /**
     * One row of a transcript: a request and the server's answer, a file written before the next request, or a note.
     *
     * @param tMs         milliseconds since the server started
     * @param request     what was sent (some rows describe it in words, e.g. {@code <connect, send nothing, ...>})
     * @param responseRaw what the server sent back, exactly
     * @param file        the file written (with {@code ${CONFIG_DIR}}), for file rows
     * @param content     the file's content, for file rows
     * @param note        the recorder's note
     */
    public record Row(long tMs, Optional<String> request, Optional<String> responseRaw, Optional<String> file,
                      Optional<String> content, Optional<String> note) {
        /** @return whether this row is a request and its answer */
        public boolean isExchange() {
            return request.isPresent() && responseRaw.isPresent();
        }
    }

    /**
     * @return the transcripts folder
     * @throws IllegalStateException when no ancestor of {@code user.dir} holds {@value #RELATIVE}
     */
    public static Path root() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no " + RELATIVE + " folder in " + start + " or any parent: the golden "
                + "transcripts must be checked out beside the project (CI puts shared/ next to the clone)");
    }

    /**
     * @param generation {@link #LEGACY} or {@link #RPC}
     * @return the transcript files of that recording, sorted by name
     */
    public static List<Path> files(String generation) {
        Path dir = root().resolve(generation);
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * @param generation {@link #LEGACY} or {@link #RPC}
     * @param name       the file name, e.g. {@code basics.jsonl}
     * @return its rows in order
     */
    public static List<Row> read(String generation, String name) {
        return read(root().resolve(generation).resolve(name));
    }

    /**
     * @param file a transcript file
     * @return its rows in order
     */
    public static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = FakeZinitServer.JSON.readTree(line);
                rows.add(new Row(n.path("t_ms").asLong(), text(n, "request"), text(n, "response_raw"),
                        text(n, "file"), text(n, "content"), text(n, "note")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the transcript " + file, e);
        }
        return rows;
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }
}
