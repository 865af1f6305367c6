package io.zinit4j.client.internal.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.zinit4j.client.LogStream;
import io.zinit4j.client.Operation;
import io.zinit4j.client.Protocol;
import io.zinit4j.client.ServiceStats;
import io.zinit4j.client.internal.transport.SocketConnection;
import io.zinit4j.client.internal.transport.UnixSocketConnector;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import io.zinit4j.model.LogLine;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The JSON-RPC 2.0 generation (zinit 0.2.15 and later). One long-lived connection per codec, opened on first use and
 * opened again after it is lost; many threads may have requests in flight on it at once, each answer reaching its
 * caller by id. Each call waits at most the client's read timeout. A followed log uses a connection of its own.
 *
 * <p>Thread-safe. A request in flight when the connection dies fails with {@link ZinitConnectionException} (or
 * {@link ZinitProtocolException} when the server sent garbage); the next request connects again.
 */
public final class JsonRpcCodec implements ZinitCodec {
    private final UnixSocketConnector connector;
    private final int maxMessageBytes;
    private final AtomicLong ids;
    /** A lock, not a monitor: connecting blocks, and must not pin a virtual thread's carrier (JDK < 24). */
    private final ReentrantLock connectLock = new ReentrantLock();
    private JsonRpcConnection current; // guarded by connectLock
    private boolean closed; // guarded by connectLock
    /** The detection probe's list, until taken or until any request is sent; see {@link #takeDetectionList()}. */
    private final AtomicReference<Probe> probe;
    /** How requests travel: this codec's own Unix socket connection ({@link SocketTransport}), or HTTP. */
    private final JsonRpcTransport transport;

    /** What the detection probe's {@code service_list} returned, and the thread that sent it. */
    private record Probe(RpcAnswer answer, Thread detector) {
    }

    /** @param connector how to reach the server */
    public JsonRpcCodec(UnixSocketConnector connector) {
        this(connector, null, JsonRpcFrameReader.DEFAULT_MAX_MESSAGE_BYTES, 0, null);
    }

    /**
     * For tests: a codec with a bound on message size, and optionally an already open connection.
     *
     * @param connector       how to reach the server
     * @param open            a connection to use first, or {@code null} to connect on first use
     * @param maxMessageBytes the largest message accepted
     * @param lastUsedId      the highest request id already used on {@code open}
     */
    JsonRpcCodec(UnixSocketConnector connector, JsonRpcConnection open, int maxMessageBytes, long lastUsedId) {
        this(connector, open, maxMessageBytes, lastUsedId, null);
    }

    /**
     * For detection: a codec on the connection detection opened.
     *
     * @param connector       how to reach the server
     * @param open            a connection to use first, or {@code null} to connect on first use
     * @param maxMessageBytes the largest message accepted
     * @param lastUsedId      the highest request id already used on {@code open}
     * @param probedList      the answer to the probe's {@code service_list} (with an object result), sent by the
     *                        calling thread, or {@code null}; offered once by {@link #takeDetectionList()}
     */
    JsonRpcCodec(UnixSocketConnector connector, JsonRpcConnection open, int maxMessageBytes, long lastUsedId,
                 RpcAnswer probedList) {
        this.probe = new AtomicReference<>(probedList == null ? null : new Probe(probedList, Thread.currentThread()));
        this.connector = Objects.requireNonNull(connector, "connector");
        this.current = open;
        this.maxMessageBytes = maxMessageBytes;
        this.ids = new AtomicLong(lastUsedId);
        this.transport = new SocketTransport();
    }

    /**
     * A codec whose requests travel over another transport than the Unix socket.
     *
     * @param transport how requests travel; owned by this codec from now on
     */
    JsonRpcCodec(JsonRpcTransport transport) {
        this.probe = new AtomicReference<>();
        this.connector = null;
        this.maxMessageBytes = JsonRpcFrameReader.DEFAULT_MAX_MESSAGE_BYTES;
        this.ids = new AtomicLong();
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Sends the detection probe ({@code service_list}) on this codec and keeps its answer for {@link
     * #takeDetectionList()}, as detection on a socket does: so that a first {@code list()} asks once.
     */
    void probe() {
        RpcAnswer listed = answer(Operation.LIST.rpcMethod(), null);
        if (listed.resultIsObject()) {
            probe.set(new Probe(listed, Thread.currentThread()));
        }
    }

    /**
     * @param connector       how to reach the server
     * @param maxMessageBytes the largest message accepted, in bytes
     * @return a codec that connects on first use
     */
    public static JsonRpcCodec withMaxMessageBytes(UnixSocketConnector connector, int maxMessageBytes) {
        return new JsonRpcCodec(connector, null, maxMessageBytes, 0, null);
    }

    @Override
    public Protocol generation() {
        return Protocol.JSON_RPC;
    }

    @Override
    public Map<String, ServiceState> list() {
        return services(answer(Operation.LIST.rpcMethod(), null));
    }

    /**
     * The services that the detection probe (itself a {@code service_list}) listed, so that a {@code list()} which
     * had to detect the protocol first need not ask a second time. The answer was current when the probe was
     * answered; it is offered only to a caller that can be sure this happened during its own call, by these rules:
     * only on the thread that ran the detection, only once, and only while no request at all has been sent since.
     * The caller must also know that detection ran during its present call (as {@code ZinitClient.list()} does when it
     * detects), since an older answer may be stale; to get the probe's answer deterministically, take it before the
     * codec is shared with other threads.
     *
     * @return the probe's services, the first time on the detecting thread; otherwise empty (then call {@link #list()})
     */
    public Optional<Map<String, ServiceState>> takeDetectionList() {
        Probe p = probe.get();
        if (p == null || p.detector() != Thread.currentThread() || !probe.compareAndSet(p, null)) {
            return Optional.empty();
        }
        try {
            return Optional.of(services(p.answer()));
        } catch (ZinitProtocolException e) {
            return Optional.empty(); // a real request reports the problem, with the method's name
        }
    }

    /** A {@code service_list} answer's services: read from its bytes, or from a tree when its shape is unusual. */
    private static Map<String, ServiceState> services(RpcAnswer answer) {
        Map<String, ServiceState> fast = answer.readResult(StatusReader::services);
        return fast != null ? fast : services(answer.result());
    }

    private static Map<String, ServiceState> services(JsonNode result) {
        requireObject("service_list", result);
        Map<String, ServiceState> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : result.properties()) {
            out.put(e.getKey(), ParsedStates.state(text("service_list", e.getValue())));
        }
        return out;
    }

    @Override
    public ServiceStatus status(String name) {
        RpcAnswer answer = answer(Operation.STATUS.rpcMethod(), name, name);
        ServiceStatus fast = answer.readResult(p -> StatusReader.status(p, name, true));
        return fast != null ? fast : statusFromTree(name, answer.result());
    }

    /** The tree path of {@link #status(String)}: any shape, with the messages for the ones that are wrong. */
    static ServiceStatus statusFromTree(String name, JsonNode r) {
        requireObject("service_status", r);
        Map<String, ServiceState> after = new LinkedHashMap<>();
        JsonNode a = r.get("after");
        if (a != null && !a.isNull()) {
            requireObject("service_status after", a);
            a.properties().forEach(e -> after.put(e.getKey(), ParsedStates.state(text("service_status",
                    e.getValue()))));
        }
        try {
            return new ServiceStatus(r.hasNonNull("name") ? text("service_status", r.get("name")) : name,
                    integer("service_status", r, "pid"), ParsedStates.state(text("service_status", r.get("state"))),
                    ParsedStates.target(text("service_status", r.get("target"))), after);
        } catch (IllegalArgumentException e) {
            throw new ZinitProtocolException("service_status '" + name + "': unexpected answer "
                    + JsonRpcFrameReader.abbreviate(r.toString()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void start(String name) {
        call(Operation.START.rpcMethod(), name, name);
    }

    @Override
    public void stop(String name) {
        call(Operation.STOP.rpcMethod(), name, name);
    }

    @Override
    public void monitor(String name) {
        call(Operation.MONITOR.rpcMethod(), name, name);
    }

    @Override
    public void forget(String name) {
        call(Operation.FORGET.rpcMethod(), name, name);
    }

    @Override
    public void kill(String name, Signal signal) {
        Objects.requireNonNull(signal, "signal");
        call(Operation.KILL.rpcMethod(), name, name, signal.name());
    }

    /** Asks zinit to shut down; the connection dropping before the answer counts as done, since zinit exits. */
    @Override
    public void shutdown() {
        callExpectingExit(Operation.SHUTDOWN.rpcMethod());
    }

    /** Asks zinit to reboot; the connection dropping before the answer counts as done, since zinit exits. */
    @Override
    public void reboot() {
        callExpectingExit(Operation.REBOOT.rpcMethod());
    }

    /**
     * Follow mode subscribes on a connection of its own; a snapshot is one {@code stream_currentLogs} call. The
     * service filter is applied here rather than by zinit, whose filter would drop the lines of the service's test
     * command ({@code <service>/test}), which the legacy generation and {@link ZinitCodec#logs} include.
     */
    @Override
    public LogStream logs(String service, boolean follow) {
        if (follow) {
            return transport.followLogs(service);
        }
        JsonNode r = call(Operation.LOGS.rpcMethod(), service);
        if (r == null || !r.isArray()) {
            throw new ZinitProtocolException("stream_currentLogs: expected an array of lines, got "
                    + JsonRpcFrameReader.abbreviate(String.valueOf(r)));
        }
        List<LogLine> lines = new ArrayList<>(r.size());
        for (JsonNode l : r) {
            LogLine line = LogLine.parse(text("stream_currentLogs", l));
            if (service == null || line.belongsTo(service)) {
                lines.add(line);
            }
        }
        return new Snapshot(lines);
    }

    @Override
    public void createService(String name, ServiceConfig config) {
        Objects.requireNonNull(config, "config");
        call(Operation.CREATE_SERVICE.rpcMethod(), name, name, config.toMap());
    }

    @Override
    public void deleteService(String name) {
        call(Operation.DELETE_SERVICE.rpcMethod(), name, name);
    }

    @Override
    public ServiceConfig loadService(String name) {
        JsonNode r = call(Operation.LOAD_SERVICE.rpcMethod(), name, name);
        requireObject("service_get", r);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JsonRpcJson.mapper().convertValue(r, Map.class);
        return ServiceConfig.fromMap(map);
    }

    @Override
    public ServiceStats stats(String name) {
        JsonNode r = call(Operation.STATS.rpcMethod(), name, name);
        requireObject("service_stats", r);
        List<ServiceStats.ChildStats> children = new ArrayList<>();
        JsonNode c = r.get("children");
        if (c != null && !c.isNull()) {
            if (!c.isArray()) {
                throw new ZinitProtocolException("service_stats '" + name + "': children is not an array");
            }
            for (JsonNode child : c) {
                requireObject("service_stats child", child);
                children.add(new ServiceStats.ChildStats(integer("service_stats", child, "pid"),
                        child.path("memory_usage").asLong(0), child.path("cpu_usage").asDouble(0)));
            }
        }
        return new ServiceStats(r.hasNonNull("name") ? r.get("name").asText() : name, integer("service_stats", r,
                "pid"), r.path("memory_usage").asLong(0), r.path("cpu_usage").asDouble(0), children);
    }

    @Override
    public String startHttpServer(String address) {
        Objects.requireNonNull(address, "address");
        JsonNode r = call(Operation.START_HTTP_SERVER.rpcMethod(), address, address);
        return r == null || r.isNull() ? "" : r.isTextual() ? r.textValue() : r.toString();
    }

    @Override
    public void stopHttpServer() {
        call(Operation.STOP_HTTP_SERVER.rpcMethod(), null);
    }

    /** zinit 0.2.28 sends the document as one JSON string; a server sending the object itself is accepted too. */
    @Override
    public String discover() {
        JsonNode r = call(Operation.DISCOVER.rpcMethod(), null);
        if (r == null || r.isNull()) {
            throw new ZinitProtocolException("rpc.discover: zinit sent no document");
        }
        return r.isTextual() ? r.textValue() : r.toString();
    }

    /** Closes the shared connection; idempotent. Open followed logs stay open until closed themselves. */
    @Override
    public void close() {
        transport.close();
    }

    /** The Unix socket: one shared {@link JsonRpcConnection}, opened again after it is lost. */
    private final class SocketTransport implements JsonRpcTransport {
        @Override
        public RpcAnswer exchange(String method, String subject, String key, byte[] bytes) {
            return exchangeOnSocket(method, subject, key, bytes);
        }

        @Override
        public LogStream followLogs(String service) {
            return JsonRpcLogStream.open(connector, service, maxMessageBytes);
        }

        @Override
        public String where() {
            return socket().toString();
        }

        @Override
        public void close() {
            closeSocket();
        }
    }

    private void closeSocket() {
        JsonRpcConnection c;
        connectLock.lock();
        try {
            closed = true;
            c = current;
            current = null;
        } finally {
            connectLock.unlock();
        }
        if (c != null) {
            c.close();
        }
    }

    /**
     * Sends one request on the shared connection and waits for its answer.
     *
     * @param method  the method
     * @param subject the service the call is about (for messages), or {@code null}
     * @param params  the positional parameters
     * @return the {@code result} member (a JSON null node when the result is null)
     */
    JsonNode call(String method, String subject, Object... params) {
        return answer(method, subject, params).result();
    }

    /**
     * Sends one request on the shared connection and waits for its answer, which has a result.
     *
     * @param method  the method
     * @param subject the service the call is about (for messages), or {@code null}
     * @param params  the positional parameters
     * @return the answer, with a {@code result}
     */
    private RpcAnswer answer(String method, String subject, Object... params) {
        if (probe.get() != null) {
            probe.set(null); // the probe's list is only good while nothing was sent after it
        }
        long id = ids.incrementAndGet();
        String key = Long.toString(id);
        byte[] bytes = encode(method, key, params);
        RpcAnswer response = transport.exchange(method, subject, key, bytes);
        if (response.hasError()) {
            throw RpcErrors.toException(method, subject, response.error());
        }
        if (!response.hasResult()) {
            throw new ZinitProtocolException(method + describe(subject) + ": the answer has neither result nor error: "
                    + JsonRpcFrameReader.abbreviate(response.text()));
        }
        return response;
    }

    /**
     * Encodes one request. Every operation but {@code service_create} has only text (service names, signals,
     * addresses) or no parameters: those are written directly, which spares a tree, a string and a copy per call;
     * any other parameter goes through Jackson.
     */
    private byte[] encode(String method, String key, Object[] params) {
        StringBuilder b = new StringBuilder(64 + method.length());
        b.append("{\"jsonrpc\":\"2.0\",\"id\":").append(key).append(",\"method\":");
        appendString(b, method);
        b.append(",\"params\":[");
        for (int i = 0; i < params.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            Object o = params[i];
            if (o == null) {
                b.append("null");
            } else if (o instanceof String) {
                appendString(b, (String) o);
            } else {
                try {
                    b.append(JsonRpcJson.mapper().writeValueAsString(o));
                } catch (JsonProcessingException e) {
                    throw new ZinitProtocolException(method + ": cannot encode the request: " + e.getMessage(), e);
                }
            }
        }
        // zinit finds message boundaries without a separator, but a newline costs nothing and lets line-based
        // servers and proxies read our requests too
        b.append("]}\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends a JSON string: quotes, backslashes and control characters escaped, the rest as is (UTF-8 on the wire). */
    static void appendString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    /** Sends one request on the shared socket connection and waits for the response carrying its id. */
    private RpcAnswer exchangeOnSocket(String method, String subject, String key, byte[] bytes) {
        long timeoutNanos = connector.settings().readTimeout().toNanos();
        JsonRpcConnection conn = connection();
        long sent = System.nanoTime();
        CompletableFuture<RpcAnswer> answer = conn.send(key, bytes);
        RpcAnswer response;
        try {
            response = conn.await(answer, timeoutNanos);
        } catch (TimeoutException e) {
            conn.abandon(key);
            if (conn.lastReceivedNanos() - sent < 0) {
                // nothing at all arrived since we sent: the server is not answering anyone, so let the next request
                // start afresh rather than queue behind a silent peer
                conn.fail(new ZinitTimeoutException("zinit at " + socket() + " stopped answering"));
            }
            throw new ZinitTimeoutException(method + describe(subject) + ": zinit at " + socket()
                    + " did not answer within " + connector.settings().readTimeout().toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw rethrown(method, subject, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            conn.abandon(key);
            throw new ZinitException(method + describe(subject) + ": interrupted while waiting for zinit", e);
        }
        return response;
    }

    private void callExpectingExit(String method) {
        try {
            call(method, null);
        } catch (ZinitConnectionException e) {
            // zinit ends itself (container mode) and may close the socket before its answer is written
        }
    }

    private JsonRpcConnection connection() {
        connectLock.lock();
        try {
            if (closed) {
                throw new ZinitConnectionException(socket(), "this zinit client is closed", null);
            }
            if (current == null || !current.isOpen()) {
                boolean lost = current != null;
                if (connector.streamsOnJdk()) {
                    current = new JsonRpcConnection(connector.connectOnJdk(), maxMessageBytes);
                } else {
                    SocketConnection socket = connector.connect();
                    current = new JsonRpcConnection(socket, new JsonRpcFrameReader(socket::read, maxMessageBytes));
                }
                if (lost) {
                    connector.events().reopened(socket().toString());
                }
            }
            return current;
        } finally {
            connectLock.unlock();
        }
    }

    private Path socket() {
        return connector.settings().socket();
    }

    /** Gives each caller its own exception (with its own stack and method name) for a shared connection failure. */
    private ZinitException rethrown(String method, String subject, Throwable cause) {
        String what = method + describe(subject) + ": ";
        if (cause instanceof ZinitProtocolException) {
            return new ZinitProtocolException(what + cause.getMessage(), cause);
        }
        if (cause instanceof ZinitTimeoutException) {
            return new ZinitTimeoutException(what + cause.getMessage(), cause);
        }
        if (cause instanceof ZinitConnectionException) {
            return new ZinitConnectionException(socket(), what + cause.getMessage(), cause);
        }
        if (cause instanceof ZinitException) {
            return new ZinitException(what + cause.getMessage(), cause);
        }
        return new ZinitProtocolException(what + "unexpected failure: " + cause, cause);
    }

    private static String describe(String subject) {
        return subject == null ? "" : " '" + subject + "'";
    }

    private static void requireObject(String what, JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new ZinitProtocolException(what + ": expected an object, got "
                    + JsonRpcFrameReader.abbreviate(String.valueOf(n)));
        }
    }

    private static String text(String what, JsonNode n) {
        if (n == null || !n.isTextual()) {
            throw new ZinitProtocolException(what + ": expected a string, got "
                    + JsonRpcFrameReader.abbreviate(String.valueOf(n)));
        }
        return n.textValue();
    }

    private static int integer(String what, JsonNode obj, String field) {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.canConvertToInt()) {
            throw new ZinitProtocolException(what + ": " + field + " is not an integer: " + n);
        }
        return n.intValue();
    }

    /** A snapshot of the log: the lines zinit returned, already read. */
    private static final class Snapshot implements LogStream {
        private final List<LogLine> lines;
        private int next;
        private volatile boolean closed;

        Snapshot(List<LogLine> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized LogLine next() {
            if (closed || next >= lines.size()) {
                return null;
            }
            return lines.get(next++);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
