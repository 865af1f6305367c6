package io.zinit4j.client.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.zinit4j.error.ZinitException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.StateKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The streaming reads of {@code list} and {@code status} answers ({@link StatusReader}, {@link LegacyCodec#okBody})
 * against the tree reads they stand in front of: for every answer, the streaming read either gives what the tree read
 * gives, or steps aside ({@code null}) so that the tree read answers, with its own result or error.
 */
class StreamedAnswersTest {
    private static final List<String> STATUS_BODIES = List.of(
            "{\"after\":{},\"name\":\"web\",\"pid\":42,\"state\":\"Running\",\"target\":\"Up\"}",
            "{\"name\":\"web\",\"pid\":0,\"state\":\"Error: exited with code 3\",\"target\":\"Down\",\"after\":{\"db\":"
                    + "\"Running\",\"cache\":\"Spawned\"}}",
            "{\"target\":\"Up\",\"state\":\"Spawned\",\"pid\":7,\"name\":\"web\"}",
            "{\"name\":\"web\",\"pid\":7,\"state\":\"Running\",\"target\":\"Up\",\"after\":null}",
            "{\"name\":\"web\",\"pid\":7,\"state\":\"Running\",\"target\":\"Up\",\"extra\":[1,{\"x\":[true]}]}",
            "{\"name\":\"web\",\"pid\":7,\"state\":\"Running\",\"target\":\"Up\",\"after\":{\"a\":\"Running\"},"
                    + "\"after\":{\"b\":\"Blocked\"}}",
            "{\"name\":\"web\",\"pid\":7,\"state\":\"Running\",\"target\":\"Up\",\"after\":{\"a\":1}}",
            "{\"name\":null,\"pid\":7,\"state\":\"Running\",\"target\":\"Up\"}",
            "{\"name\":\"web\",\"pid\":null,\"state\":\"Running\",\"target\":\"Up\"}",
            "{\"name\":\"web\",\"state\":\"Running\",\"target\":\"Up\"}",
            "{\"name\":\"web\",\"pid\":1.5,\"state\":\"Running\",\"target\":\"Up\"}",
            "{\"name\":\"web\",\"pid\":99999999999,\"state\":\"Running\",\"target\":\"Up\"}",
            "{\"name\":\"web\",\"pid\":\"7\",\"state\":\"Running\",\"target\":\"Up\"}",
            "{\"name\":\"web\",\"pid\":7,\"state\":\"Running\",\"target\":\"Sideways\"}",
            "{\"name\":\"web\",\"pid\":7,\"target\":\"Up\"}",
            "{\"name\":\"web\",\"pid\":7,\"state\":3,\"target\":\"Up\"}",
            "{\"name\":7,\"pid\":7,\"state\":\"Running\",\"target\":\"Up\"}",
            "[\"web\"]",
            "\"web\"",
            "null");

    private static final List<String> LIST_BODIES = List.of(
            "{}",
            "{\"web\":\"Running\",\"db\":\"Success\",\"job\":\"Error: exited with code 1\"}",
            "{\"web\":\"Running\",\"web\":\"Blocked\"}",
            "{\"web\":\"Running\",\"db\":3}",
            "{\"web\":null}",
            "[]",
            "null",
            "\"Running\"");

    @Test
    void aLegacyStatusReadStreamedIsTheTreeReadOrStepsAside() throws IOException {
        int streamed = 0;
        for (String body : STATUS_BODIES) {
            byte[] answer = ("{\"state\":\"ok\",\"body\":" + body + "}").getBytes(StandardCharsets.UTF_8);
            ServiceStatus fast;
            try (JsonParser p = LegacyCodec.okBody(answer)) {
                assertNotNull(p, body);
                fast = StatusReader.status(p, "web", false);
            }
            Object tree = legacyTreeStatus(answer);
            if (fast != null) {
                streamed++;
                assertEquals(tree, fast, body);
            }
        }
        // the usual shapes are streamed: zinit 0.2.14's own, reordered, with a null or repeated after, extra members
        assertEquals(6, streamed);
    }

    @Test
    void aJsonRpcStatusReadStreamedIsTheTreeReadOrStepsAside() throws IOException {
        int streamed = 0;
        for (String body : STATUS_BODIES) {
            ServiceStatus fast;
            try (JsonParser p = JsonRpcJson.FACTORY.createParser(body)) {
                fast = StatusReader.status(p, "web", true);
            }
            if (fast != null) {
                streamed++;
                assertEquals(jsonRpcTreeStatus(body), fast, body);
            }
        }
        // and the null or missing name (the name asked about) and pid (no process) that JSON-RPC servers may send
        assertEquals(9, streamed);
    }

    @Test
    void theStreamedStatusHasTheValuesOfTheAnswer() throws IOException {
        try (JsonParser p = JsonRpcJson.FACTORY.createParser(STATUS_BODIES.get(1))) {
            ServiceStatus s = StatusReader.status(p, "other", false);
            assertEquals(new ServiceStatus("web", 0, ServiceState.parse("Error: exited with code 3"), ServiceTarget.DOWN,
                    orderedAfter()), s);
            assertEquals(List.of("db", "cache"), List.copyOf(s.after().keySet()));
        }
        try (JsonParser p = JsonRpcJson.FACTORY.createParser(STATUS_BODIES.get(7))) {
            assertEquals("asked", StatusReader.status(p, "asked", true).name());
        }
    }

    @Test
    void aListReadStreamedIsTheTreeReadOrStepsAside() throws IOException {
        int streamed = 0;
        for (String body : LIST_BODIES) {
            Map<String, ServiceState> fast;
            try (JsonParser p = JsonRpcJson.FACTORY.createParser(body)) {
                fast = StatusReader.services(p);
            }
            if (fast != null) {
                streamed++;
                assertEquals(treeList(body), fast, body);
                assertEquals(List.copyOf(treeList(body).keySet()), List.copyOf(fast.keySet()), body);
            }
        }
        assertEquals(3, streamed);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"state\":\"error\",\"body\":\"service name \\\"x\\\" unknown\"}",
            "{\"state\":\"ok\"}",
            "{\"body\":{}}",
            "{\"state\":\"ok\",\"body\":{},\"state\":\"error\"}",
            "{\"state\":\"ok\",\"body\":{},\"more\":1}",
            "{\"state\":\"ok\",\"body\":{}} {}",
            "{\"state\":\"ok\",\"body\":{",
            "[{\"state\":\"ok\",\"body\":{}}]",
            "{\"state\":1,\"body\":{}}",
            ""})
    void aLegacyAnswerOfAnyOtherShapeIsLeftToTheTreeRead(String answer) {
        assertNull(LegacyCodec.okBody(answer.getBytes(StandardCharsets.UTF_8)), answer);
    }

    @Test
    void aLegacyOkAnswerWithItsMembersTheOtherWayRoundIsStreamed() throws IOException {
        byte[] answer = "{\"body\":{\"web\":\"Running\"},\"state\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        try (JsonParser p = LegacyCodec.okBody(answer)) {
            assertEquals(Map.of("web", ServiceState.of(StateKind.RUNNING)), StatusReader.services(p));
        }
    }

    private static Map<String, ServiceState> orderedAfter() {
        Map<String, ServiceState> after = new LinkedHashMap<>();
        after.put("db", ServiceState.of(StateKind.RUNNING));
        after.put("cache", ServiceState.of(StateKind.SPAWNED));
        return after;
    }

    /** The tree read of a legacy status: its status, or the exception it throws. */
    private static Object legacyTreeStatus(byte[] answer) {
        try {
            return LegacyCodec.parseStatus("status web", LegacyCodec.parseAnswer("status web", answer));
        } catch (ZinitException | IllegalArgumentException e) {
            return e;
        }
    }

    /** The tree read of a JSON-RPC status: the codec's own tree path, on the parsed body. */
    private static ServiceStatus jsonRpcTreeStatus(String body) throws IOException {
        JsonNode r = JsonRpcJson.mapper().readTree(body);
        return JsonRpcCodec.statusFromTree("web", r);
    }

    private static Map<String, ServiceState> treeList(String body) throws IOException {
        JsonNode r = JsonRpcJson.mapper().readTree(body);
        Map<String, ServiceState> out = new LinkedHashMap<>();
        r.properties().forEach(e -> out.put(e.getKey(), ServiceState.parse(e.getValue().asText())));
        return out;
    }

    @Test
    void theTreeReadStillReportsWhatIsWrong() {
        assertThrows(ZinitProtocolException.class, () -> legacyThrowing(STATUS_BODIES.get(13)));
    }

    private static void legacyThrowing(String body) {
        byte[] answer = ("{\"state\":\"ok\",\"body\":" + body + "}").getBytes(StandardCharsets.UTF_8);
        LegacyCodec.parseStatus("status web", LegacyCodec.parseAnswer("status web", answer));
    }
}
