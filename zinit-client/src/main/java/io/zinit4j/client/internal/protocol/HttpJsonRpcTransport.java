package io.zinit4j.client.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.LogStream;
import io.zinit4j.client.internal.transport.HttpEndpoint;
import io.zinit4j.error.ZinitProtocolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON-RPC over zinit's HTTP server (jsonrpsee): each request is one POST whose body is the answer, and the log
 * subscription runs on a WebSocket of its own. No connection state lives here: the JDK's HTTP client pools
 * connections and opens new ones after a failure. Thread-safe.
 */
public final class HttpJsonRpcTransport implements JsonRpcTransport {
    private final HttpEndpoint endpoint;
    private final ObjectMapper mapper;

    /**
     * @param endpoint the server; owned by this transport from now on
     */
    HttpJsonRpcTransport(HttpEndpoint endpoint) {
        this.endpoint = endpoint;
        this.mapper = JsonRpcJson.mapper();
    }

    @Override
    public RpcAnswer exchange(String method, String subject, String id, byte[] request) {
        String what = method + (subject == null ? "" : " '" + subject + "'");
        byte[] body = endpoint.post(request, what);
        JsonNode answer;
        try {
            answer = mapper.readTree(body);
        } catch (IOException e) {
            throw new ZinitProtocolException(what + ": zinit at " + where() + " answered with something that is not "
                    + "JSON: " + JsonRpcFrameReader.abbreviate(new String(body, StandardCharsets.UTF_8)), e);
        }
        if (answer == null || answer.isMissingNode() || !answer.isObject()
                || !"2.0".equals(answer.path("jsonrpc").asText(null))) {
            throw new ZinitProtocolException(what + ": zinit at " + where() + " answered with something that is not "
                    + "a JSON-RPC 2.0 response: " + JsonRpcFrameReader.abbreviate(new String(body,
                    StandardCharsets.UTF_8)));
        }
        JsonNode answerId = answer.get("id");
        if (answerId == null || answerId.isNull()) {
            // jsonrpsee answers a request it could not parse with a null id: the error is still ours
            return RpcAnswer.of(answer);
        }
        if (!id.equals(answerId.isTextual() ? answerId.textValue() : answerId.asText())) {
            throw new ZinitProtocolException(what + ": zinit at " + where() + " answered another request (id "
                    + answerId + ", ours " + id + ")");
        }
        return RpcAnswer.of(answer);
    }

    @Override
    public LogStream followLogs(String service) {
        return WebSocketLogStream.open(endpoint, service);
    }

    @Override
    public String where() {
        return endpoint.settings().url().toString();
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
