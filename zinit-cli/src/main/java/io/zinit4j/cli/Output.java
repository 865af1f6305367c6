package io.zinit4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.StateKind;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a command prints: text (coloured only on a terminal) or one JSON document per result. JSON keys come in a
 * fixed order so that output is stable from run to run. Used by one command at a time; not thread-safe.
 */
final class Output {
    /** Made on first JSON output only: building a mapper costs more start-up than the rest of a text command. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false)
                .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
    }

    private final PrintWriter out;
    private final boolean json;
    private final boolean colour;

    Output(PrintWriter out, boolean json, boolean colour) {
        this.out = out;
        this.json = json;
        this.colour = colour && !json;
    }

    /** {@return whether the user asked for JSON} */
    boolean json() {
        return json;
    }

    /** Prints one line of text. */
    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** Prints a value as one line of JSON. */
    void json(Object value) {
        try {
            out.println(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }

    /** Prints a short confirmation: text as given, or {@code {"ok":true,...}} in JSON. */
    void done(String text, Map<String, Object> fields) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", true);
            m.putAll(new java.util.TreeMap<>(fields));
            json(m);
        } else {
            line(text);
        }
    }

    /** {@return the state text, coloured by how healthy it is when on a terminal} */
    String state(ServiceState state) {
        if (!colour) {
            return state.raw();
        }
        String code;
        switch (state.kind()) {
            case RUNNING:
            case SUCCESS:
                code = "32";
                break;
            case ERROR:
            case FAILURE:
            case TEST_FAILURE:
                code = "31";
                break;
            case SPAWNED:
            case BLOCKED:
                code = "33";
                break;
            default:
                code = "2";
                break;
        }
        return "\u001b[" + code + "m" + state.raw() + "\u001b[0m";
    }

    /** {@return the JSON form of a state kind: lower case with underscores, as in {@code test_failure}} */
    static String kind(StateKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** {@return a status as a JSON object with a fixed key order} */
    static Map<String, Object> status(ServiceStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("pid", s.pid());
        m.put("state", s.state().raw());
        m.put("kind", kind(s.state().kind()));
        s.state().exitCode().ifPresent(c -> m.put("exit_code", c));
        s.state().signal().ifPresent(sig -> m.put("signal", sig.name()));
        m.put("target", s.target().wireName());
        Map<String, Object> after = new LinkedHashMap<>();
        s.after().forEach((k, v) -> after.put(k, v.raw()));
        m.put("after", after);
        return m;
    }
}
