package io.zinit4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.zinit4j.model.ServiceConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JSON-RPC 2.0 side of {@link FakeZinitServer}, with the results, error codes, messages and {@code data} objects
 * recorded from zinit 0.2.28. Requests are found by JSON value boundaries; each answer is followed by {@code \n}.
 */
final class FakeRpc {
    private static final String SPEC_RESOURCE = "openrpc-v0.2.28.json";
    private static final int MAX_REQUEST = 1024 * 1024;
    private final FakeZinitServer zinit;
    private final SimulatedSupervisor supervisor;
    private final LogBuffer supervisorLogs;
    /** Methods zinit 0.2.28 answers only after a pause (see {@link FakeZinitServer#finishStop}). */
    private static final Set<String> SLOW = Set.of("service_stop", "service_stats");
    /** Methods after which zinit in container mode exits instead of answering. */
    private static final Set<String> EXITS = Set.of("system_shutdown", "system_reboot");
    private final AtomicLong subscriptions = new AtomicLong(3063498489027049L);

    FakeRpc(FakeZinitServer zinit) {
        this.zinit = zinit;
        this.supervisor = zinit.supervisor();
        this.supervisorLogs = zinit.logs();
    }

    void serve(Socket s, long connection) throws IOException {
        Object writes = new Object();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        int depth = 0;
        boolean inString = false;
        boolean escape = false;
        byte[] buf = new byte[8192];
        while (zinit.running()) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                return;
            }
            if (n < 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (depth == 0 && value.size() == 0 && (b == ' ' || b == '\n' || b == '\r' || b == '\t')) {
                    continue;
                }
                if (depth == 0 && value.size() > 0 && !inString && value.toByteArray()[0] != '{'
                        && value.toByteArray()[0] != '[') {
                    // text that is no JSON object or array (a legacy command line, say) runs to the line end and
                    // gets one parse error, not one per byte
                    if (b == '\n' || b == '{' || b == '[') {
                        byte[] junk = value.toByteArray();
                        value.reset();
                        if (!handle(s, connection, junk, writes)) {
                            return;
                        }
                        if (b == '\n') {
                            continue;
                        }
                    } else {
                        value.write(b);
                        continue;
                    }
                }
                value.write(b);
                if (value.size() == 1 && b != '{' && b != '[') {
                    continue;
                }
                if (inString) {
                    if (escape) {
                        escape = false;
                    } else if (b == '\\') {
                        escape = true;
                    } else if (b == '"') {
                        inString = false;
                    }
                    continue;
                }
                if (b == '"') {
                    inString = true;
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    depth--;
                }
                if (depth <= 0) {
                    byte[] request = value.toByteArray();
                    value.reset();
                    depth = 0;
                    if (!handle(s, connection, request, writes)) {
                        return;
                    }
                } else if (value.size() > MAX_REQUEST) {
                    return;
                }
            }
        }
    }

    /** @return whether the connection stays usable */
    private boolean handle(Socket s, long connection, byte[] request, Object writes) throws IOException {
        zinit.record(connection, request);
        Fault fault = zinit.takeFault();
        JsonNode root = parse(request);
        if (isSubscribe(root)) {
            LogFollower subscription = supervisorLogs.follow();
            Object answer = call(root, subscription);
            if (answer != null && !isError(answer)) {
                boolean sent;
                synchronized (writes) {
                    sent = zinit.send(s, bytes(answer), fault);
                }
                if (!sent) {
                    subscription.close();
                    return false;
                }
                streamLogs(s.getOutputStream(), subscription, optionalName(root.get("params")),
                        ((Map<?, ?>) answer).get("result"));
                return false;
            }
            subscription.close();
            return answer == null || send(s, writes, answer, fault);
        }
        if (root != null && root.isObject() && SLOW.contains(root.path("method").asText())) {
            // zinit answers these late and goes on reading meanwhile: a slow stop must not hold up other requests
            zinit.background(() -> {
                Object late = call(root, null);
                if (late != null) {
                    try {
                        send(s, writes, late, fault);
                    } catch (IOException e) {
                        // the client left
                    }
                }
            });
            return true;
        }
        if (root != null && root.isObject() && EXITS.contains(root.path("method").asText())) {
            Object refused = call(root, null);
            if (refused == null || !isError(refused)) {
                return false; // in container mode zinit exits before it answers: the client sees the close
            }
            return send(s, writes, refused, fault);
        }
        Object answer = answerTo(root);
        return answer == null || send(s, writes, answer, fault);
    }

    private boolean send(Socket s, Object writes, Object answer, Fault fault) throws IOException {
        synchronized (writes) {
            return zinit.send(s, bytes(answer), fault);
        }
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
        zinit.record(connection, request);
        Fault fault = zinit.takeFault();
        Object answer = answerTo(parse(request));
        return new Reply(answer == null ? null : bytes(answer), fault);
    }

    /**
     * Answers one message that came over a WebSocket; each {@code write} to {@code messages} sends one message. A log
     * subscription then streams on the calling thread until the connection or the server ends. Faults are for the
     * request connections and are not taken here.
     */
    void onWebSocketMessage(long connection, byte[] request, OutputStream messages) throws IOException {
        zinit.record(connection, request);
        JsonNode root = parse(request);
        Object answer;
        if (isSubscribe(root)) {
            LogFollower subscription = supervisorLogs.follow();
            answer = call(root, subscription);
            if (answer != null && !isError(answer)) {
                try {
                    messages.write(bytes(answer));
                    messages.flush();
                } catch (IOException e) {
                    subscription.close();
                    throw e;
                }
                streamLogs(messages, subscription, optionalName(root.get("params")),
                        ((Map<?, ?>) answer).get("result"));
                return;
            }
            subscription.close();
        } else {
            answer = answerTo(root);
        }
        if (answer != null) {
            messages.write(bytes(answer));
            messages.flush();
        }
    }

    private static JsonNode parse(byte[] request) {
        try {
            return WireJson.MAPPER.readTree(request);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isSubscribe(JsonNode root) {
        return root != null && root.isObject() && "stream_subscribeLogs".equals(root.path("method").asText());
    }

    /** The answer to a request that is not a subscription (parse errors and batches included), or {@code null}. */
    private Object answerTo(JsonNode root) {
        if (root == null) {
            return error(NullNode.getInstance(), -32700, "Parse error", null);
        }
        if (root.isArray() && root.isEmpty()) {
            return error(NullNode.getInstance(), -32600, "Invalid request", null);
        }
        if (root.isArray()) {
            List<Object> out = new ArrayList<>();
            for (JsonNode r : root) {
                Object one = call(r, null);
                if (one != null) {
                    out.add(one);
                }
            }
            return out.isEmpty() ? null : out;
        }
        return call(root, null);
    }

    private static boolean isError(Object answer) {
        return answer instanceof Map && ((Map<?, ?>) answer).containsKey("error");
    }

    private static byte[] bytes(Object answer) {
        return (WireJson.write(answer) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void streamLogs(OutputStream out, LogFollower follower, String service, Object id)
            throws IOException {
        try (follower) {
            for (String l : supervisorLogs.lines(service)) {
                out.write(bytes(notification(l, id)));
            }
            out.flush();
            follower.pump(out, line -> service == null || LogBuffer.belongs(line, service),
                    line -> bytes(notification(line, id)), zinit::running);
        }
    }

    private static Map<String, Object> notification(String line, Object id) {
        Map<String, Object> params = new TreeMap<>();
        params.put("result", line);
        params.put("subscription", id);
        Map<String, Object> n = new TreeMap<>();
        n.put("jsonrpc", "2.0");
        n.put("method", "stream_subscribeLogs");
        n.put("params", params);
        return n;
    }

    private Object call(JsonNode r, LogFollower subscription) {
        if (!r.isObject()) {
            return error(NullNode.getInstance(), -32600, "Invalid request", null);
        }
        JsonNode id = r.get("id");
        if (!"2.0".equals(r.path("jsonrpc").asText(null)) || !r.path("method").isTextual()) {
            return error(id == null ? NullNode.getInstance() : id, -32600, "Invalid request", null);
        }
        Object result;
        try {
            result = dispatch(r.get("method").asText(), r.get("params"), subscription);
        } catch (RpcError e) {
            return id == null ? null : error(id, e.code, e.getMessage(), e.data);
        } catch (Refusal e) {
            return id == null ? null : refusal(id, r.get("method").asText(), e);
        }
        if (id == null) {
            return null;
        }
        Map<String, Object> ok = new TreeMap<>();
        ok.put("id", id);
        ok.put("jsonrpc", "2.0");
        ok.put("result", result);
        return ok;
    }

    private static Map<String, Object> error(JsonNode id, int code, String message, Object data) {
        Map<String, Object> e = new TreeMap<>();
        e.put("code", code);
        e.put("message", message);
        if (data != null) {
            e.put("data", data);
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("error", e);
        out.put("id", id);
        out.put("jsonrpc", "2.0");
        return out;
    }

    private Object dispatch(String method, JsonNode params, LogFollower subscription) {
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
                pause(() -> supervisor.finishStop(name, pid));
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
                return stats(requiredName(params));
            case "system_start_http_server":
                // not in the recordings, and the upstream sources we could read answer it differently: invented text
                return "HTTP server started at " + arg(params, 0, "address");
            case "system_stop_http_server":
                return null;
            case "stream_currentLogs":
                return supervisorLogs.lines(optionalName(params));
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
        try (InputStream in = FakeRpc.class.getResourceAsStream(SPEC_RESOURCE)) {
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

    private Object stats(String name) {
        int pid = supervisor.pidOf(name);
        pause(supervisor::statsPause);
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

    /**
     * The {@code data} object of one kind of refusal. Errors of zinit's service handlers carry {@code cause_chain} and
     * {@code retryable} ({@code retryable} non-null here); those of the file handlers do not.
     */
    private record ErrorShape(int code, String codeName, String hint, Boolean retryable) {
        Map<String, Object> data(String action, String service) {
            Map<String, Object> data = new TreeMap<>();
            data.put("action", action);
            data.put("code_name", codeName);
            data.put("hint", hint);
            data.put("service", service);
            if (retryable != null) {
                data.put("cause_chain", null);
                data.put("retryable", retryable);
            }
            return data;
        }
    }

    private static final ErrorShape NOT_FOUND = new ErrorShape(-32000, "ServiceNotFound",
            "Ensure the service is monitored or the name is correct", false);
    private static final ErrorShape FILE_NOT_FOUND = new ErrorShape(-32000, "ServiceNotFound",
            "Ensure the service file exists", null);
    private static final ErrorShape ALREADY_MONITORED = new ErrorShape(-32001, "ServiceAlreadyMonitored",
            "The service is already monitored; call service_forget or control it with start/stop", true);
    private static final ErrorShape IS_UP = new ErrorShape(-32002, "ServiceIsUp",
            "Service is already up; use service_stop or restart", false);
    private static final ErrorShape IS_DOWN = new ErrorShape(-32003, "ServiceIsDown",
            "Service is down; start it before sending signals or requesting stats", true);
    private static final ErrorShape CONFIG = new ErrorShape(-32005, "ConfigError",
            "Verify the YAML file exists and is valid", null);
    /** Not in the recordings: code from zinit's sources, hint and message invented in the style of the others. */
    private static final ErrorShape SHUTTING_DOWN = new ErrorShape(-32006, "ShuttingDown",
            "zinit is shutting down; retry after it restarts", false);
    private static final ErrorShape ALREADY_EXISTS = new ErrorShape(-32007, "ServiceAlreadyExists",
            "Use a different name or delete the existing service first", null);
    private static final ErrorShape INVALID_NAME = new ErrorShape(-32602, "InvalidServiceName",
            "Name must not contain '/', '\\\\' or '.'", null);
    /** Not in the recordings: code from zinit's sources, hint and message invented in the style of the others. */
    private static final ErrorShape FILE_ERROR = new ErrorShape(-32008, "ServiceFileError",
            "Check the permissions and content of the service file", null);

    private Map<String, Object> refusal(JsonNode id, String method, Refusal r) {
        String name = r.service();
        boolean fileOp = name.startsWith("file:");
        if (fileOp) {
            name = name.substring(5);
        }
        String action = action(method);
        String quoted = "'" + name + "'";
        ErrorShape shape;
        String dataAction = action;
        String message;
        switch (r.kind()) {
            case NOT_FOUND:
                shape = fileOp ? FILE_NOT_FOUND : NOT_FOUND;
                if (fileOp && action.equals("deleting service")) {
                    dataAction = "deleting service file";
                }
                message = (fileOp ? "Service " : "service ") + quoted + " not found";
                break;
            case ALREADY_MONITORED:
                shape = ALREADY_MONITORED;
                message = "service " + quoted + " already monitored";
                break;
            case IS_UP:
                shape = IS_UP;
                message = "service " + quoted + " is up";
                break;
            case IS_DOWN:
                shape = IS_DOWN;
                message = "service " + quoted + " is down";
                break;
            case CONFIG:
                shape = CONFIG;
                dataAction = "loading service config";
                message = "failed to load '" + name + ".yaml'";
                break;
            case SHUTTING_DOWN:
                shape = SHUTTING_DOWN;
                message = "zinit is shutting down";
                break;
            case ALREADY_EXISTS:
                shape = ALREADY_EXISTS;
                dataAction = "creating service file";
                message = "Service " + quoted + " already exists";
                break;
            case INVALID_NAME:
                shape = INVALID_NAME;
                message = "invalid service name " + quoted;
                break;
            case FILE_ERROR:
            default:
                shape = FILE_ERROR;
                message = "service file error for " + quoted;
                break;
        }
        return error(id, shape.code(), action + ": " + message, shape.data(dataAction, name));
    }

    private static String action(String method) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("service_status", "getting status");
        m.put("service_start", "starting service");
        m.put("service_stop", "stopping service");
        m.put("service_monitor", "monitoring service");
        m.put("service_forget", "forgetting service");
        m.put("service_kill", "sending signal");
        m.put("service_create", "creating service");
        m.put("service_delete", "deleting service");
        m.put("service_get", "getting service");
        m.put("service_stats", "collecting stats");
        m.put("system_shutdown", "shutting down");
        m.put("system_reboot", "rebooting");
        return m.getOrDefault(method, method);
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

    private interface Pause {
        void run() throws InterruptedException;
    }

    private static void pause(Pause p) {
        try {
            p.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcError(-32603, "Internal error", "the fake zinit is closing");
        }
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
