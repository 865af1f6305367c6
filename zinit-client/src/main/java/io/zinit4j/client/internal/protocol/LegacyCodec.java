package io.zinit4j.client.internal.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.LogStream;
import io.zinit4j.client.Operation;
import io.zinit4j.client.Protocol;
import io.zinit4j.client.ServiceStats;
import io.zinit4j.client.internal.transport.CommandConnection;
import io.zinit4j.client.internal.transport.SocketConnection;
import io.zinit4j.client.internal.transport.UnixSocketConnector;
import io.zinit4j.error.UnsupportedByServerException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The line protocol of zinit up to 0.2.14: one connection per command, one line out, the answer read until the server
 * closes, {@code {"state":"ok"|"error","body":...}}. Arguments are quoted so that the server's shell-style split gives
 * back exactly the name meant; a name the protocol cannot carry is rejected before anything is sent.
 *
 * <p>Every answer is read within the read timeout as a whole (not per read), and at most {@link #MAX_RESPONSE_BYTES}
 * are accepted, so neither a silent nor a babbling server can hold a caller forever. Thread-safe: it keeps no
 * connection between calls.
 */
public final class LegacyCodec implements ZinitCodec {
    /** The largest answer accepted; zinit's real answers are far smaller. */
    public static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    /** How the server is described in {@link UnsupportedByServerException}. */
    public static final String SERVER = "legacy line protocol (zinit <= 0.2.14)";

    /** Reads the answers that are not of the usual shape; built on first use (see {@link #okBody}). */
    private static final class Trees {
        static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private final UnixSocketConnector connector;

    /** @param connector how to reach the server */
    public LegacyCodec(UnixSocketConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    @Override
    public Protocol generation() {
        return Protocol.LEGACY;
    }

    @Override
    public Map<String, ServiceState> list() {
        LegacyCommand command = LegacyCommand.of(Operation.LIST);
        byte[] answer = exchange(command);
        Map<String, ServiceState> fast = streamedBody(answer, StatusReader::services);
        if (fast != null) {
            return Collections.unmodifiableMap(fast);
        }
        JsonNode body = parseAnswer(command.toString(), answer);
        if (!body.isObject()) {
            throw shape("list", "an object of service states", body);
        }
        Map<String, ServiceState> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (!e.getValue().isTextual()) {
                throw shape("list", "a state text for " + e.getKey(), e.getValue());
            }
            out.put(e.getKey(), ParsedStates.state(e.getValue().asText()));
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public ServiceStatus status(String name) {
        LegacyCommand command = LegacyCommand.of(Operation.STATUS, name);
        byte[] answer = exchange(command);
        ServiceStatus fast = streamedBody(answer, p -> StatusReader.status(p, name, false));
        return fast != null ? fast : parseStatus("status " + name, parseAnswer(command.toString(), answer));
    }

    /**
     * Reads the body of a {@code status} answer ({@code {"after":{...},"name":..,"pid":..,"state":..,"target":..}}),
     * the same shape as a JSON-RPC {@code service_status} result.
     *
     * @param attempted what was attempted, for messages
     * @param body      the body
     * @return the status
     * @throws ZinitProtocolException when the body has the wrong shape
     */
    public static ServiceStatus parseStatus(String attempted, JsonNode body) {
        if (!body.isObject()) {
            throw shape(attempted, "a status object", body);
        }
        JsonNode name = body.get("name");
        JsonNode pid = body.get("pid");
        JsonNode state = body.get("state");
        JsonNode target = body.get("target");
        JsonNode after = body.get("after");
        if (name == null || !name.isTextual() || pid == null || !pid.canConvertToInt() || !pid.isIntegralNumber()
                || state == null || !state.isTextual() || target == null || !target.isTextual()) {
            throw shape(attempted, "a status with name, pid, state and target", body);
        }
        ServiceTarget t;
        try {
            t = ParsedStates.target(target.asText());
        } catch (IllegalArgumentException e) {
            throw shape(attempted, "target Up or Down", target);
        }
        Map<String, ServiceState> deps = new LinkedHashMap<>();
        if (after != null && !after.isNull()) {
            if (!after.isObject()) {
                throw shape(attempted, "an object of dependency states", after);
            }
            for (Map.Entry<String, JsonNode> e : after.properties()) {
                deps.put(e.getKey(), ParsedStates.state(e.getValue().asText()));
            }
        }
        return new ServiceStatus(name.asText(), pid.intValue(), ParsedStates.state(state.asText()), t, deps);
    }

    @Override
    public void start(String name) {
        call(LegacyCommand.of(Operation.START, name), false);
    }

    @Override
    public void stop(String name) {
        call(LegacyCommand.of(Operation.STOP, name), false);
    }

    @Override
    public void monitor(String name) {
        call(LegacyCommand.of(Operation.MONITOR, name), false);
    }

    @Override
    public void forget(String name) {
        call(LegacyCommand.of(Operation.FORGET, name), false);
    }

    @Override
    public void kill(String name, Signal signal) {
        Objects.requireNonNull(signal, "signal");
        call(LegacyCommand.of(Operation.KILL, name, signal.name()), false);
    }

    @Override
    public void shutdown() {
        call(LegacyCommand.of(Operation.SHUTDOWN), true);
    }

    @Override
    public void reboot() {
        call(LegacyCommand.of(Operation.REBOOT), true);
    }

    @Override
    public LogStream logs(String service, boolean follow) {
        LegacyCommand command = LegacyCommand.of(follow ? Operation.FOLLOW_LOGS : Operation.LOGS);
        SocketConnection c = connector.connect();
        try {
            c.write(command.bytes());
            if (!follow) {
                c.shutdownOutput();
            }
            return new LegacyLogStream(c, service, follow);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public void createService(String name, ServiceConfig config) {
        throw unsupported("creating a service file through the server");
    }

    @Override
    public void deleteService(String name) {
        throw unsupported("deleting a service file through the server");
    }

    @Override
    public ServiceConfig loadService(String name) {
        throw unsupported("reading a service file through the server");
    }

    @Override
    public ServiceStats stats(String name) {
        throw unsupported("stats");
    }

    @Override
    public String startHttpServer(String address) {
        throw unsupported("starting the HTTP server");
    }

    @Override
    public void stopHttpServer() {
        throw unsupported("stopping the HTTP server");
    }

    @Override
    public String discover() {
        throw unsupported("rpc.discover");
    }

    private static UnsupportedByServerException unsupported(String operation) {
        return new UnsupportedByServerException(operation, SERVER);
    }

    /**
     * Sends one command on its own connection and returns the body of an ok answer.
     *
     * @param command    the command
     * @param goingAway  whether the server may end before answering (shutdown, reboot): then no answer is success
     * @return the body ({@code NullNode} for {@code null})
     */
    private JsonNode call(LegacyCommand command, boolean goingAway) {
        byte[] answer = exchange(command);
        if (answer.length == 0 && goingAway) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        return parseAnswer(command.toString(), answer);
    }

    /** Sends one command on a connection of its own and reads the whole answer, until the server closes. */
    private byte[] exchange(LegacyCommand command) {
        try (CommandConnection c = connector.connectForCommand()) {
            c.write(command.bytes());
            c.shutdownOutput();
            return readToEnd(c, connector.settings().readTimeout(), command);
        }
    }

    /**
     * Reads the body of an answer of the usual shape (see {@link #okBody}) with a streaming reader.
     *
     * @param answer the whole answer
     * @param read   reads the body from a parser standing before it; returns {@code null} for a shape it does not read
     * @param <T>    what it reads
     * @return what {@code read} gave, or {@code null} when the answer or its body is not of the usual shape: the tree
     *         path ({@link #parseAnswer}) then reads it and reports what is wrong
     */
    private static <T> T streamedBody(byte[] answer, Function<JsonParser, T> read) {
        try (JsonParser p = okBody(answer)) {
            return p == null ? null : read.apply(p);
        } catch (IOException e) {
            return null; // from closing a parser over bytes: nothing was lost, the tree path reads the answer
        }
    }

    /**
     * A parser over the body of an answer of the usual shape, one object {@code {"state":"ok","body":...}} and
     * nothing after it, for the calls that read their body straight into a type. The first {@link ObjectMapper}
     * costs tens of milliseconds to build, more than a one-shot {@code zinitctl list} spends on anything else of its
     * own, and the polled calls need no tree.
     *
     * @param answer the whole answer
     * @return a parser standing before the body's first token, which the caller closes; {@code null} for an error
     *         answer, malformed JSON or any other shape: {@link #parseAnswer} then says what it is
     */
    static JsonParser okBody(byte[] answer) {
        try (JsonParser p = JsonRpcJson.FACTORY.createParser(answer)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            boolean ok = false;
            int from = -1;
            int to = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("state") && !ok) {
                    if (value != JsonToken.VALUE_STRING || !"ok".equals(p.getText())) {
                        return null;
                    }
                    ok = true;
                } else if (field.equals("body") && from < 0) {
                    from = (int) p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    to = (int) p.currentLocation().getByteOffset();
                } else {
                    return null; // a repeated or unknown member: the tree path decides
                }
            }
            if (!ok || from < 0 || p.nextToken() != null) {
                return null;
            }
            return JsonRpcJson.FACTORY.createParser(answer, from, to - from);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Parses one whole legacy answer.
     *
     * @param attempted what was attempted, for messages
     * @param answer    the bytes the server sent before closing
     * @return the body of an ok answer
     * @throws io.zinit4j.error.ZinitServerException (a typed subclass) for an error answer
     * @throws ZinitProtocolException                for anything that is not a complete answer
     */
    public static JsonNode parseAnswer(String attempted, byte[] answer) {
        if (answer.length == 0) {
            throw new ZinitProtocolException(attempted + ": zinit closed the connection without answering");
        }
        JsonNode root;
        try {
            root = Trees.JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new ZinitProtocolException(attempted + ": zinit's answer is not valid JSON (" + abbreviate(answer)
                    + ")", e);
        } catch (IOException e) {
            throw new ZinitProtocolException(attempted + ": cannot read zinit's answer: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.has("state") || !root.has("body")) {
            throw new ZinitProtocolException(attempted + ": expected {\"state\":...,\"body\":...} from zinit, got "
                    + abbreviate(answer));
        }
        JsonNode state = root.get("state");
        JsonNode body = root.get("body");
        if ("ok".equals(state.asText(null)) && state.isTextual()) {
            return body;
        }
        if ("error".equals(state.asText(null)) && state.isTextual()) {
            String text = body.isTextual() ? body.asText() : body.toString();
            throw ServerErrors.byText(attempted + ": " + text, text, null, null);
        }
        throw new ZinitProtocolException(attempted + ": unknown answer state from zinit: " + abbreviate(answer));
    }

    private static byte[] readToEnd(CommandConnection c, Duration timeout, LegacyCommand command) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        byte[] buf = new byte[8192];
        while (true) {
            if (deadline - System.nanoTime() <= 0) {
                throw new ZinitTimeoutException(command + ": zinit at " + c.settings().socket()
                        + " did not finish its answer within " + timeout.toMillis() + " ms");
            }
            int n;
            try {
                // the whole answer must arrive within the timeout, so each read waits only until its deadline
                n = c.read(buf, deadline);
            } catch (ZinitTimeoutException e) {
                throw new ZinitTimeoutException(command + ": zinit at " + c.settings().socket()
                        + (out.size() == 0 ? " did not answer" : " did not finish its answer") + " within "
                        + timeout.toMillis() + " ms", e);
            }
            if (n < 0) {
                return out.toByteArray();
            }
            if (out.size() + n > MAX_RESPONSE_BYTES) {
                throw new ZinitProtocolException(command + ": zinit's answer exceeds " + MAX_RESPONSE_BYTES
                        + " bytes");
            }
            out.write(buf, 0, n);
        }
    }

    private static ZinitProtocolException shape(String attempted, String expected, JsonNode got) {
        return new ZinitProtocolException(attempted + ": expected " + expected + " from zinit, got "
                + abbreviate(got.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static String abbreviate(byte[] bytes) {
        String s = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8);
        return "'" + s + (bytes.length > 200 ? "...' (" + bytes.length + " bytes)" : "'");
    }

    @Override
    public void close() {
        // nothing to release: every command had its own connection
    }
}
