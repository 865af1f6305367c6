package io.zinit4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.zinit4j.model.ServiceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The methods of zinit 0.2.28's JSON-RPC 2.0 API, run on the {@link SimulatedSupervisor}, with the results, error codes,
 * messages and {@code data} objects recorded from it. Framing is the front ends' part: {@link JsonRpcSocketProtocol}
 * for the Unix socket, {@link FakeZinitHttpServer} for HTTP and WebSocket; each request is recorded and takes its fault
 * through the methods here, so that every front end shares the fake's record and fault queue.
 */
final class JsonRpcDispatcher {
    private static final String SPEC_RESOURCE = "openrpc-v0.2.28.json";
    /** The data of the error a held answer becomes when the fake closes before it is due. */
    private static final String CLOSING = "the fake zinit is closing";
    private final SimulatedSupervisor supervisor;
    private final LogBuffer logs;
    private final RequestRecorder recorder;
    private final FaultQueue faults;
    private final BooleanSupplier serving;
    private final AtomicLong subscriptions = new AtomicLong(3063498489027049L);

    JsonRpcDispatcher(SimulatedSupervisor supervisor, LogBuffer logs, RequestRecorder recorder, FaultQueue faults,
            BooleanSupplier serving) {
        this.supervisor = supervisor;
        this.logs = logs;
        this.recorder = recorder;
        this.faults = faults;
        this.serving = serving;
    }

    /**
     * Records a request that came on a connection and takes the fault queued for it.
     *
     * @return the fault, or {@code null} for a normal answer
     */
    Fault received(long connection, byte[] request) {
        recorder.record(connection, request);
        return faults.next();
    }

    /**
     * One answer for a front end that frames messages itself (see {@link FakeZinitHttpServer}).
     *
     * @param body  the answer with its trailing newline, or {@code null} when there is none (only notifications)
     * @param fault the misbehaviour the front end must show instead of answering normally, or {@code null}
     */
    record Reply(byte[] body, Fault fault) {
    }

    /** Records one request that came over HTTP and works out its answer, taking the next fault for it. */
    Reply reply(long connection, byte[] request) {
        Fault fault = received(connection, request);
        Object answer = answerTo(RpcMessages.parse(request));
        return new Reply(answer == null ? null : RpcMessages.bytes(answer), fault);
    }

    /**
     * Answers one message that came over a WebSocket; each {@code write} to {@code messages} sends one message. A log
     * subscription then streams on the calling thread until the connection or the server ends. Faults are for the
     * request connections and are not taken here.
     */
    void onWebSocketMessage(long connection, byte[] request, OutputStream messages) throws IOException {
        recorder.record(connection, request);
        JsonNode root = RpcMessages.parse(request);
        Object answer;
        if (isSubscribe(root)) {
            LogFollower subscription = logs.follow();
            answer = subscribe(root, subscription);
            if (answer != null && !RpcMessages.isError(answer)) {
                try {
                    messages.write(RpcMessages.bytes(answer));
                    messages.flush();
                } catch (IOException e) {
                    subscription.close();
                    throw e;
                }
                streamLogs(messages, subscription, root, answer);
                return;
            }
            subscription.close();
        } else {
            answer = answerTo(root);
        }
        if (answer != null) {
            messages.write(RpcMessages.bytes(answer));
            messages.flush();
        }
    }

    /** {@return whether the request subscribes to the log, which only a streaming front end can serve} */
    static boolean isSubscribe(JsonNode root) {
        return root != null && root.isObject() && "stream_subscribeLogs".equals(root.path("method").asText());
    }

    /**
     * Answers a subscription request; the follower must have been started before, so that no line is lost.
     *
     * @return the answer: the subscription's id or an error; {@code null} for a request without id, which gets none
     */
    Object subscribe(JsonNode root, LogFollower follower) {
        return call(root, follower, null);
    }

    /**
     * Streams the log to a subscriber: the lines kept, then each new one, until the server ends or the client leaves;
     * closes the follower.
     *
     * @param answer the answer that confirmed the subscription
     */
    void streamLogs(OutputStream out, LogFollower follower, JsonNode root, Object answer) throws IOException {
        String service = optionalName(root.get("params"));
        Object id = ((Map<?, ?>) answer).get("result");
        try (follower) {
            for (String l : logs.lines(service)) {
                out.write(RpcMessages.bytes(RpcMessages.logNotification(l, id)));
            }
            out.flush();
            follower.pump(out, line -> service == null || LogBuffer.belongs(line, service),
                    line -> RpcMessages.bytes(RpcMessages.logNotification(line, id)), serving);
        }
    }

    /** The answer to a request that is not a subscription (parse errors and batches included), or {@code null}. */
    Object answerTo(JsonNode root) {
        if (root == null) {
            return RpcMessages.error(NullNode.getInstance(), -32700, "Parse error", null);
        }
        if (root.isArray() && root.isEmpty()) {
            return RpcMessages.error(NullNode.getInstance(), -32600, "Invalid request", null);
        }
        if (root.isArray()) {
            List<Object> out = new ArrayList<>();
            for (JsonNode r : root) {
                Object one = call(r, null, null);
                if (one != null) {
                    out.add(one);
                }
            }
            return out.isEmpty() ? null : out;
        }
        return call(root, null, null);
    }

    /**
     * An answer that zinit 0.2.28 sends only after a pause ({@code service_stop}, {@code service_stats}): the call's
     * effect took place at once, the answer waits for {@link #await()}.
     */
    static final class Held {
        private final JsonNode id;
        private final Object answer;
        private final List<Pause> pauses;

        private Held(JsonNode id, Object answer, List<Pause> pauses) {
            this.id = id;
            this.answer = answer;
            this.pauses = pauses;
        }

        /** {@return whether there is nothing to wait for, so that the answer may go at once} */
        boolean ready() {
            return pauses.isEmpty();
        }

        /** {@return the answer after the pauses (an internal error if the fake closes meanwhile), or {@code null}} */
        Object await() {
            for (Pause p : pauses) {
                try {
                    p.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return id == null ? null : closing(id);
                }
            }
            return answer;
        }
    }

    /**
     * Runs a single request now and holds back its pauses, so that a front end can go on reading meanwhile, as zinit
     * does, while the request's effect (a stop's target and signal) is visible to the requests after it.
     */
    Held callHeld(JsonNode root) {
        List<Pause> pauses = new ArrayList<>();
        Object answer = call(root, null, pauses);
        return new Held(root.get("id"), answer, pauses);
    }

    /** @param pauses where to leave the call's pauses, or {@code null} to wait them out on the calling thread */
    private Object call(JsonNode r, LogFollower subscription, List<Pause> pauses) {
        if (!r.isObject()) {
            return RpcMessages.error(NullNode.getInstance(), -32600, "Invalid request", null);
        }
        JsonNode id = r.get("id");
        if (!"2.0".equals(r.path("jsonrpc").asText(null)) || !r.path("method").isTextual()) {
            return RpcMessages.error(id == null ? NullNode.getInstance() : id, -32600, "Invalid request", null);
        }
        Object result;
        try {
            result = dispatch(r.get("method").asText(), r.get("params"), subscription, pauses);
        } catch (RpcError e) {
            return id == null ? null : RpcMessages.error(id, e.code, e.getMessage(), e.data);
        } catch (Refusal e) {
            return id == null ? null : RpcRefusals.answer(id, r.get("method").asText(), e);
        }
        return id == null ? null : RpcMessages.result(id, result);
    }

    private Object dispatch(String method, JsonNode params, LogFollower subscription, List<Pause> pauses) {
        switch (method) {
            case "rpc.discover":
                return spec();
            case "service_list":
                return supervisor.list();
            case "service_status":
                return supervisor.statusBody(requiredName(params));
            case "service_start":
                supervisor.start(requiredName(params));
                return null;
            case "service_stop": {
                String name = requiredName(params);
                int pid = supervisor.stop(name);
                pause(pauses, () -> supervisor.finishStop(name, pid));
                return null;
            }
            case "service_monitor": {
                String name = requiredName(params);
                checkName(name);
                supervisor.monitor(name);
                return null;
            }
            case "service_forget":
                supervisor.forget(requiredName(params));
                return null;
            case "service_kill": {
                String name = requiredName(params);
                String signal = arg(params, 1, "signal");
                if (SimulatedSupervisor.zinitSignal(signal).isEmpty()) {
                    Map<String, Object> data = new TreeMap<>();
                    data.put("action", "parsing signal");
                    data.put("code_name", "InvalidSignal");
                    data.put("hint", "Use a valid POSIX signal like SIGTERM or SIGKILL");
                    data.put("signal", signal);
                    throw new RpcError(-32004, "parsing signal: invalid signal '" + signal + "'", data);
                }
                supervisor.kill(name, signal);
                return null;
            }
            case "system_shutdown":
                supervisor.shutdown(false);
                return null;
            case "system_reboot":
                supervisor.shutdown(true);
                return null;
            case "service_create":
                return create(requiredName(params), params);
            case "service_delete":
                return delete(requiredName(params));
            case "service_get":
                return get(requiredName(params));
            case "service_stats":
                return stats(requiredName(params), pauses);
            case "system_start_http_server":
                // not in the recordings, and the upstream sources we could read answer it differently: invented text
                return "HTTP server started at " + arg(params, 0, "address");
            case "system_stop_http_server":
                return null;
            case "stream_currentLogs":
                return logs.lines(optionalName(params));
            case "stream_subscribeLogs":
                if (subscription == null) {
                    throw new RpcError(-32601, "Method not found", null);
                }
                return subscriptions.getAndIncrement();
            default:
                throw new RpcError(-32601, "Method not found", null);
        }
    }

    private Object spec() {
        try (InputStream in = JsonRpcDispatcher.class.getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new RpcError(-32603, "Internal error", "the OpenRPC document is missing");
            }
            return WireJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkName(String name) {
        if (name.contains("/") || name.contains("\\") || name.contains(".")) {
            throw new Refusal(Refusal.Kind.INVALID_NAME, name);
        }
    }

    private Path file(String name) {
        checkName(name);
        return supervisor.configDir().resolve(name + ".yaml");
    }

    private String create(String name, JsonNode params) {
        Path f = file(name);
        JsonNode content = params.isArray() ? params.get(1) : params.get("content");
        if (content == null || !content.isObject()) {
            throw new RpcError(-32602, "Invalid params", "missing field `content`");
        }
        if (Files.exists(f)) {
            throw new Refusal(Refusal.Kind.ALREADY_EXISTS, name);
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = WireJson.MAPPER.convertValue(content, Map.class);
            Files.writeString(f, ServiceConfig.fromMap(map).toYaml(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new Refusal(Refusal.Kind.FILE_ERROR, name);
        }
        return "Service '" + name + "' created successfully";
    }

    private String delete(String name) {
        Path f = file(name);
        try {
            if (!Files.deleteIfExists(f)) {
                throw new Refusal(Refusal.Kind.NOT_FOUND, "file:" + name);
            }
        } catch (IOException e) {
            throw new Refusal(Refusal.Kind.FILE_ERROR, name);
        }
        return "Service '" + name + "' deleted successfully";
    }

    private Object get(String name) {
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "file:" + name);
        }
        return supervisor.load(name).toMap();
    }

    private Object stats(String name, List<Pause> pauses) {
        int pid = supervisor.pidOf(name);
        pause(pauses, supervisor::statsPause);
        Map<String, Object> child = new TreeMap<>();
        child.put("cpu_usage", 0.0);
        child.put("memory_usage", 524288);
        child.put("pid", pid + 1);
        Map<String, Object> out = new TreeMap<>();
        out.put("children", List.of(child));
        out.put("cpu_usage", 0.5);
        out.put("memory_usage", 4194304);
        out.put("name", name);
        out.put("pid", pid);
        return out;
    }

    private static String requiredName(JsonNode params) {
        return arg(params, 0, "name");
    }

    private static String optionalName(JsonNode params) {
        JsonNode n = params == null ? null : params.isArray() ? params.get(0) : params.get("name");
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String arg(JsonNode params, int index, String field) {
        JsonNode n = params == null ? null : params.isArray() ? params.get(index) : params.get(field);
        if (n == null || n.isNull()) {
            throw new RpcError(-32602, "Invalid params", "missing field `" + field + "`");
        }
        if (!n.isTextual()) {
            throw new RpcError(-32602, "Invalid params", "invalid type: " + n + ", expected a string");
        }
        return n.asText();
    }

    /** A wait of zinit's before it answers. */
    private interface Pause {
        void run() throws InterruptedException;
    }

    /** Leaves the pause to the caller when it collects them, else waits it out here. */
    private static void pause(List<Pause> pauses, Pause p) {
        if (pauses != null) {
            pauses.add(p);
            return;
        }
        try {
            p.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcError(-32603, "Internal error", CLOSING);
        }
    }

    private static Map<String, Object> closing(JsonNode id) {
        return RpcMessages.error(id, -32603, "Internal error", CLOSING);
    }

    /** A JSON-RPC error of the transport layer or of parameter decoding. */
    private static final class RpcError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int code;
        private final transient Object data;

        RpcError(int code, String message, Object data) {
            super(message, null, false, false);
            this.code = code;
            this.data = data;
        }
    }
}
