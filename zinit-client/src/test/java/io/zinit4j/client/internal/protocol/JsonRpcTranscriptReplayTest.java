package io.zinit4j.client.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.zinit4j.client.LogStream;
import io.zinit4j.client.ServiceStats;
import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.error.InvalidSignalException;
import io.zinit4j.error.ServiceAlreadyExistsException;
import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.error.ServiceConfigRejectedException;
import io.zinit4j.error.ServiceIsDownException;
import io.zinit4j.error.ServiceIsUpException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.UnsupportedByServerException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitServerException;
import io.zinit4j.model.LogLine;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.Signal;
import io.zinit4j.transcripts.Transcripts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays every request/response of the golden JSON-RPC transcripts (zinit v0.2.28) through the codec: a scripted
 * server expects each recorded request (method and parameters) and answers the recorded bytes, with only the id
 * adapted to the codec's own. The codec must parse every recorded shape and map every recorded error.
 */
class JsonRpcTranscriptReplayTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern FIRST_ID = Pattern.compile("\"id\":(-?\\d+|\"[^\"]*\"|null)");

    @TempDir
    Path tmp;

    /** One recorded exchange the server must see next. */
    private record Expected(JsonNode request, String responseRaw) {
    }

    private final BlockingQueue<Expected> script = new LinkedBlockingQueue<>();

    /** Serves requests from {@link #script}; a request that does not match the script fails the session. */
    private void serve(RpcScriptedServer.Peer peer) throws Exception {
        JsonNode req;
        while ((req = peer.read()) != null) {
            Expected exp = script.poll(5, TimeUnit.SECONDS);
            if (exp == null) {
                throw new AssertionError("unscripted request " + req);
            }
            assertSameCall(exp.request(), req);
            peer.send(withId(exp.responseRaw(), req.get("id")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"basics.jsonl", "lifecycle.jsonl", "states.jsonl", "logs.jsonl"})
    void replaysEveryRecordedExchange(String file) throws Exception {
        List<JsonNode> rows = rows(file);
        int replayed = 0;
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, this::serve);
             JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(5)))) {
            for (JsonNode row : rows) {
                if (!row.has("request")) {
                    continue; // a file written or a note: nothing on the wire
                }
                replay(server, codec, row);
                replayed++;
                assertTrue(server.failures.isEmpty(), () -> "server script broke at " + row + ": " + server.failures);
            }
            assertTrue(script.isEmpty(), "every scripted answer was asked for");
        }
        long expected = rows.stream().filter(r -> r.has("request")).count();
        assertEquals(expected, replayed);
        assertTrue(replayed > 0);
    }

    private void replay(RpcScriptedServer server, JsonRpcCodec codec, JsonNode row) throws Exception {
        String request = row.get("request").asText();
        String raw = row.get("response_raw").asText();
        String note = row.path("note").asText("");
        if (note.startsWith("two requests back to back")) {
            replayOutOfOrder(codec, raw);
            return;
        }
        if (note.equals("batch")) {
            replayBatch(codec, request, raw);
            return;
        }
        if (note.equals("malformed JSON")) {
            // our codec never sends malformed JSON; the recorded answer (id null) must still fail the waiting call
            script.add(new Expected(call("service_list"), raw));
            assertThrows(ZinitProtocolException.class, codec::list);
            return;
        }
        if (note.equals("no jsonrpc member")) {
            script.add(new Expected(call("service_list"), raw));
            ZinitProtocolException e = assertThrows(ZinitProtocolException.class, codec::list);
            assertTrue(e.getMessage().contains("Invalid request"), e.getMessage());
            return;
        }
        if (note.startsWith("a notification (no id) then a call")) {
            script.add(new Expected(call("service_list"), raw));
            assertEquals(Map.of(), codec.list());
            return;
        }
        JsonNode req = MAPPER.readTree(request);
        String method = req.get("method").asText();
        if (method.equals("rpc.discover")) {
            String spec = resource("openrpc-v0.2.28.json");
            String answer = "{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":" + MAPPER.writeValueAsString(spec) + "}\n";
            script.add(new Expected(req, answer));
            assertEquals(MAPPER.readTree(spec), MAPPER.readTree(codec.discover()));
            return;
        }
        if (method.equals("stream_subscribeLogs")) {
            replaySubscription(server, codec, req, raw);
            return;
        }
        script.add(new Expected(req, raw));
        JsonNode response = MAPPER.readTree(raw);
        if (response.has("error")) {
            ZinitException e = assertThrows(ZinitException.class, () -> invoke(codec, method, params(req)));
            checkError(response.get("error"), e);
        } else {
            Object value = invoke(codec, method, params(req));
            checkResult(method, params(req), response.get("result"), value);
        }
    }

    /** Two calls in flight; the server answers the later one first and gives the earlier one a string id. */
    private void replayOutOfOrder(JsonRpcCodec codec, String raw) throws Exception {
        String[] answers = raw.strip().split("\n");
        BlockingQueue<JsonNode> seen = new LinkedBlockingQueue<>();
        try (RpcScriptedServer s = new RpcScriptedServer(tmp, peer -> {
            JsonNode a = peer.read();
            seen.add(a);
            JsonNode b = peer.read();
            seen.add(b);
            peer.send(withId(answers[0], b.get("id")) + "\n"
                    + withId(answers[1], MAPPER.getNodeFactory().textNode(a.get("id").asText())) + "\n");
            peer.read();
        }); JsonRpcCodec c = new JsonRpcCodec(s.connector(Duration.ofSeconds(5)))) {
            CompletableFuture<Map<String, ServiceState>> first = CompletableFuture.supplyAsync(c::list);
            seen.poll(5, TimeUnit.SECONDS);
            CompletableFuture<Map<String, ServiceState>> second = CompletableFuture.supplyAsync(c::list);
            assertEquals(Map.of(), second.get(5, TimeUnit.SECONDS));
            assertEquals(Map.of(), first.get(5, TimeUnit.SECONDS));
            assertEquals(1, s.connections());
        }
    }

    /** Two calls in flight answered together in one batch array, as the server answers a batch. */
    private void replayBatch(JsonRpcCodec codec, String request, String raw) throws Exception {
        JsonNode batch = MAPPER.readTree(raw);
        JsonNode reqs = MAPPER.readTree(request);
        try (RpcScriptedServer s = new RpcScriptedServer(tmp, peer -> {
            JsonNode a = peer.read();
            JsonNode b = peer.read();
            JsonNode list = a.get("method").asText().equals("service_list") ? a : b;
            JsonNode status = list == a ? b : a;
            assertSameCall(reqs.get(0), list);
            assertSameCall(reqs.get(1), status);
            ArrayNode out = MAPPER.createArrayNode();
            out.add(((com.fasterxml.jackson.databind.node.ObjectNode) batch.get(0).deepCopy()).set("id",
                    list.get("id")));
            out.add(((com.fasterxml.jackson.databind.node.ObjectNode) batch.get(1).deepCopy()).set("id",
                    status.get("id")));
            peer.send(MAPPER.writeValueAsString(out) + "\n");
            peer.read();
        }); JsonRpcCodec c = new JsonRpcCodec(s.connector(Duration.ofSeconds(5)))) {
            CompletableFuture<Map<String, ServiceState>> list = CompletableFuture.supplyAsync(c::list);
            CompletableFuture<ServiceStatus> status = CompletableFuture.supplyAsync(() -> c.status("x"));
            assertEquals(Map.of(), list.get(5, TimeUnit.SECONDS));
            Throwable e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> status.get(5, TimeUnit.SECONDS)).getCause();
            checkError(batch.get(1).get("error"), (ZinitException) e);
            assertTrue(s.failures.isEmpty(), s.failures::toString);
        }
    }

    /** The subscription on its own connection: the id answer, then one notification per line. */
    @SuppressWarnings("try") // the stream is closed explicitly to unblock a reader on another thread
    private void replaySubscription(RpcScriptedServer server, JsonRpcCodec codec, JsonNode req, String raw)
            throws Exception {
        script.add(new Expected(req, raw));
        int before = server.connections();
        List<String> expected = new ArrayList<>();
        for (String part : raw.strip().split("\n")) {
            JsonNode n = MAPPER.readTree(part);
            if (n.has("params")) {
                expected.add(n.get("params").get("result").asText());
            }
        }
        try (LogStream logs = codec.logs(params(req).get(0).asText(), true)) {
            for (String line : expected) {
                LogLine l = logs.next();
                assertEquals(line, l.raw());
                assertEquals("talker", l.service());
            }
            CompletableFuture<LogLine> blocked = CompletableFuture.supplyAsync(logs::next);
            logs.close(); // from another thread than the blocked reader
            assertNull(blocked.get(5, TimeUnit.SECONDS));
        }
        assertEquals(before + 1, server.connections(), "the subscription uses a connection of its own");
    }

    private Object invoke(JsonRpcCodec codec, String method, List<JsonNode> p) {
        boolean oneName = p.size() == 1 && p.get(0).isTextual();
        String name = oneName ? p.get(0).asText() : null;
        switch (method) {
            case "service_list":
                return codec.list();
            case "service_status":
                return oneName ? codec.status(name) : raw(codec, method, p);
            case "service_start":
                codec.start(name);
                return null;
            case "service_stop":
                codec.stop(name);
                return null;
            case "service_monitor":
                codec.monitor(name);
                return null;
            case "service_forget":
                codec.forget(name);
                return null;
            case "service_kill": {
                Optional<Signal> sig = Signal.find(p.get(1).asText());
                if (sig.isPresent() && sig.get().name().equals(p.get(1).asText())) {
                    codec.kill(p.get(0).asText(), sig.get());
                    return null;
                }
                return raw(codec, method, p); // a signal the typed API cannot spell (SIGFOO, sigusr1)
            }
            case "service_create": {
                @SuppressWarnings("unchecked")
                Map<String, Object> content = MAPPER.convertValue(p.get(1), Map.class);
                codec.createService(p.get(0).asText(), ServiceConfig.fromMap(content));
                return null;
            }
            case "service_delete":
                codec.deleteService(name);
                return null;
            case "service_get":
                return codec.loadService(name);
            case "service_stats":
                return codec.stats(name);
            case "stream_currentLogs": {
                List<LogLine> out = new ArrayList<>();
                try (LogStream s = codec.logs(name, false)) {
                    s.forEach(out::add);
                }
                return out;
            }
            default:
                return raw(codec, method, p);
        }
    }

    private static JsonNode raw(JsonRpcCodec codec, String method, List<JsonNode> p) {
        return codec.call(method, null, p.toArray());
    }

    private static void checkResult(String method, List<JsonNode> p, JsonNode result, Object value) {
        switch (method) {
            case "service_list": {
                @SuppressWarnings("unchecked")
                Map<String, ServiceState> m = (Map<String, ServiceState>) value;
                assertEquals(result.size(), m.size());
                result.properties().forEach(e -> assertEquals(e.getValue().asText(), m.get(e.getKey()).raw()));
                break;
            }
            case "service_status": {
                ServiceStatus s = (ServiceStatus) value;
                assertEquals(result.get("name").asText(), s.name());
                assertEquals(result.get("pid").asInt(), s.pid());
                assertEquals(result.get("state").asText(), s.state().raw());
                assertEquals(result.get("target").asText(), s.target().wireName());
                assertEquals(result.get("after").size(), s.after().size());
                result.get("after").properties().forEach(e -> assertEquals(e.getValue().asText(),
                        s.after().get(e.getKey()).raw()));
                break;
            }
            case "service_get":
                assertEquals(result.get("exec").asText(), ((ServiceConfig) value).exec());
                break;
            case "service_stats": {
                ServiceStats st = (ServiceStats) value;
                assertEquals(result.get("pid").asInt(), st.pid());
                break;
            }
            case "stream_currentLogs": {
                @SuppressWarnings("unchecked")
                List<LogLine> lines = (List<LogLine>) value;
                List<String> expected = new ArrayList<>();
                result.forEach(l -> expected.add(l.asText()));
                List<String> got = new ArrayList<>();
                lines.forEach(l -> got.add(l.raw()));
                assertEquals(expected, got);
                break;
            }
            default:
                if (value instanceof JsonNode n) {
                    assertEquals(result, n);
                } else {
                    assertNull(value, method + " returns nothing");
                }
        }
    }

    /** The exception type and the server's code, message and data must all come through. */
    private static void checkError(JsonNode error, ZinitException e) throws IOException {
        int code = error.get("code").asInt();
        String message = error.get("message").asText();
        String codeName = error.path("data").path("code_name").asText("");
        Class<? extends ZinitException> type;
        switch (code) {
            case -32000: type = ServiceNotFoundException.class; break;
            case -32001: type = ServiceAlreadyMonitoredException.class; break;
            case -32002: type = ServiceIsUpException.class; break;
            case -32003: type = ServiceIsDownException.class; break;
            case -32004: type = InvalidSignalException.class; break;
            case -32005: type = ServiceConfigRejectedException.class; break;
            case -32007: type = ServiceAlreadyExistsException.class; break;
            case -32601: type = UnsupportedByServerException.class; break;
            case -32602:
                type = codeName.equals("InvalidServiceName") ? InvalidServiceNameException.class
                        : ZinitProtocolException.class;
                break;
            default:
                type = ZinitServerException.class;
        }
        assertEquals(type, e.getClass(), () -> "for " + error + ": " + e);
        if (e instanceof ZinitServerException se) {
            assertEquals(message, se.serverMessage());
            assertEquals(Optional.of(code), se.code());
            assertEquals(error.get("data"), MAPPER.readTree(se.data().orElseThrow()));
        } else {
            assertTrue(e.getMessage().contains(message), e.getMessage());
            if (e instanceof InvalidServiceNameException in) {
                assertEquals(error.get("data").get("service").asText(), in.name());
            }
        }
    }

    /** Same method, same parameters; by-name parameters count as positional in the spec's order. */
    private static void assertSameCall(JsonNode expected, JsonNode actual) {
        assertEquals("2.0", actual.path("jsonrpc").asText(), "the client always sends jsonrpc 2.0");
        assertTrue(actual.hasNonNull("id"), "the client only sends calls");
        String method = expected.get("method").asText();
        assertEquals(method, actual.get("method").asText());
        List<JsonNode> want = params(expected);
        List<JsonNode> got = params(actual);
        if (method.startsWith("stream_") && got.isEmpty()) {
            // the codec filters log lines itself (zinit's filter would drop the service's test lines)
            return;
        }
        assertEquals(want, got, () -> "parameters of " + method);
    }

    private static List<JsonNode> params(JsonNode request) {
        JsonNode p = request.get("params");
        List<JsonNode> out = new ArrayList<>();
        if (p == null || p.isNull()) {
            return out;
        }
        for (Iterator<JsonNode> it = p.elements(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static JsonNode call(String method) {
        return MAPPER.createObjectNode().put("jsonrpc", "2.0").put("id", 0).put("method", method);
    }

    /** Puts the client's id in place of the recorded one (the first top-level id; notifications carry none). */
    private static String withId(String raw, JsonNode id) {
        Matcher m = FIRST_ID.matcher(raw);
        if (!m.find() || m.group(1).equals("null")) {
            return raw;
        }
        return raw.substring(0, m.start(1)) + id.toString() + raw.substring(m.end(1));
    }

    private static List<JsonNode> rows(String file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : resource(file).split("\n")) {
            if (!line.isBlank()) {
                rows.add(MAPPER.readTree(line));
            }
        }
        return rows;
    }

    /** A recording of zinit v0.2.28, or its OpenRPC document. */
    private static String resource(String name) {
        return name.equals(Transcripts.OPENRPC) ? Transcripts.openRpcSpec()
                : String.join("\n", Transcripts.lines(Transcripts.RPC, name));
    }

    @Test
    void transcriptsAreThere() throws IOException {
        assertInstanceOf(String.class, resource("basics.jsonl"));
        assertTrue(rows("lifecycle.jsonl").size() > 100);
    }
}
