package io.zinit4j.transcripts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The golden transcripts: recordings of real zinit servers, shipped as classpath resources next to this class (see
 * the {@code README.md} beside them for what each file holds). This is the one place that knows where they are and
 * what a row looks like, for the tests that replay them and for the recorder that refreshes them. Stateless and
 * thread-safe.
 */
public final class Transcripts {
    /** The legacy recordings (zinit v0.2.14, line protocol). */
    public static final String LEGACY = "legacy-v0.2.14";
    /** The JSON-RPC recordings (zinit v0.2.28). */
    public static final String RPC = "rpc-v0.2.28";
    /** Both generations, oldest first. */
    public static final List<String> GENERATIONS = List.of(LEGACY, RPC);
    /** The files of each generation; both generations record the same four scripts. */
    public static final List<String> FILES = List.of("basics.jsonl", "lifecycle.jsonl", "states.jsonl", "logs.jsonl");
    /** The OpenRPC document zinit v0.2.28 answers {@code rpc.discover} with (its basics row names this file). */
    public static final String OPENRPC = "openrpc-v0.2.28.json";

    private static final ObjectMapper JSON = new ObjectMapper();

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
        /**
         * Creates a row; an absent member is {@link Optional#empty()}, never {@code null}.
         *
         * @param tMs         milliseconds since the server started
         * @param request     what was sent, for exchange rows
         * @param responseRaw what the server sent back, exactly, for exchange rows
         * @param file        the file written (with {@code ${CONFIG_DIR}}), for file rows
         * @param content     the file's content, for file rows
         * @param note        the recorder's note
         * @throws NullPointerException when any of the optional members is {@code null}
         */
        public Row {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(responseRaw, "responseRaw");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(note, "note");
        }

        /** {@return whether this row is a request and its answer} */
        public boolean isExchange() {
            return request.isPresent() && responseRaw.isPresent();
        }

        /** {@return whether this row is a service file written into the config dir} */
        public boolean isFile() {
            return file.isPresent();
        }

        /**
         * {@return this row with another answer and time, as a recorder of a new server writes it} The request, file,
         * content and note are kept.
         *
         * @param atMs   when the new answer came, in milliseconds since the server started
         * @param answer what the server sent back, exactly
         */
        public Row answered(long atMs, String answer) {
            return new Row(atMs, request, Optional.of(answer), file, content, note);
        }

        /**
         * {@return this row as one JSONL line (no newline), members in the recordings' order and spacing: {@code
         * t_ms}, {@code request} or {@code file}, {@code response_raw} or {@code content}, {@code note}}
         */
        public String toJsonLine() {
            StringBuilder b = new StringBuilder("{\"t_ms\": ").append(tMs);
            member(b, "request", request);
            member(b, "response_raw", responseRaw);
            member(b, "file", file);
            member(b, "content", content);
            member(b, "note", note);
            return b.append('}').toString();
        }

        private static void member(StringBuilder b, String name, Optional<String> value) {
            if (value.isPresent()) {
                try {
                    b.append(", \"").append(name).append("\": ").append(JSON.writeValueAsString(value.get()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a string always serialises", e);
                }
            }
        }

        /**
         * {@return the row a JSONL line holds}
         *
         * @param line one line of a transcript
         * @throws IllegalArgumentException when the line is not a JSON object
         */
        public static Row parse(String line) {
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a transcript row: " + line, e);
            }
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("not a transcript row: " + line);
            }
            return new Row(n.path("t_ms").asLong(), text(n, "request"), text(n, "response_raw"), text(n, "file"),
                    text(n, "content"), text(n, "note"));
        }

        private static Optional<String> text(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
        }
    }

    /**
     * {@return the rows of one transcript, in order}
     *
     * @param generation {@link #LEGACY} or {@link #RPC}
     * @param file       one of {@link #FILES}
     */
    public static List<Row> read(String generation, String file) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines(generation, file)) {
            rows.add(Row.parse(line));
        }
        return rows;
    }

    /**
     * {@return the non-blank lines of one transcript, each a JSON object}
     *
     * @param generation {@link #LEGACY} or {@link #RPC}
     * @param file       one of {@link #FILES}
     */
    public static List<String> lines(String generation, String file) {
        if (!GENERATIONS.contains(generation)) {
            throw new IllegalArgumentException("no recording " + generation + "; there are " + GENERATIONS);
        }
        return text(generation + "/" + file).lines().filter(l -> !l.isBlank()).toList();
    }

    /** {@return the OpenRPC document recorded from zinit v0.2.28, as text} */
    public static String openRpcSpec() {
        return text(OPENRPC);
    }

    private static String text(String resource) {
        try (InputStream in = Transcripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript resource " + resource + " beside "
                        + Transcripts.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the transcript resource " + resource, e);
        }
    }
}
