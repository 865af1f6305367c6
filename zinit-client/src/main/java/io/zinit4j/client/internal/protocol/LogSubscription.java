package io.zinit4j.client.internal.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.model.LogLine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The messages of a {@code stream_subscribeLogs} subscription, whatever carries them (a socket of its own or a
 * WebSocket): the subscribe request, the answer that names the subscription, and the notifications that carry lines.
 * Stateless.
 */
final class LogSubscription {
    static final String METHOD = io.zinit4j.client.Operation.FOLLOW_LOGS.rpcMethod();
    /** The id of the subscribe request: it is the only request on its connection. */
    static final String REQUEST_ID = "1";

    private LogSubscription() {
    }

    /** {@return the subscribe request; the service filter stays on our side (zinit's drops the test's lines)} */
    static byte[] request(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", METHOD, "params",
                    List.of())).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new ZinitProtocolException(METHOD + ": cannot encode the request", e);
        }
    }

    /**
     * @param answer  a message that arrived before the subscription was confirmed
     * @param service the service asked for, for messages
     * @return the subscription id, or {@code null} when the message is not the answer to the subscribe request
     * @throws io.zinit4j.error.ZinitServerException when the server refused the subscription
     * @throws ZinitProtocolException                when the answer carries no usable id
     */
    static String subscriptionOf(JsonNode answer, String service) {
        if (!answer.has("id") || !REQUEST_ID.equals(answer.get("id").asText())) {
            return null;
        }
        if (answer.has("error")) {
            throw RpcErrors.toException(METHOD, service, answer.get("error"));
        }
        JsonNode result = answer.get("result");
        if (result == null || !(result.isNumber() || result.isTextual())) {
            throw new ZinitProtocolException(METHOD + ": expected a subscription id, got "
                    + JsonRpcFrameReader.abbreviate(answer.toString()));
        }
        return result.asText();
    }

    /**
     * @param message      a message of the subscription's connection
     * @param subscription the subscription id
     * @param service      only this service's lines (and its test's), or {@code null}
     * @return the line it carries, or {@code null} when it carries none that is wanted
     */
    static LogLine lineOf(JsonNode message, String subscription, String service) {
        JsonNode params = message.get("params");
        if (params == null || !params.isObject() || !subscription.equals(params.path("subscription").asText())) {
            return null;
        }
        JsonNode line = params.get("result");
        if (line == null || !line.isTextual()) {
            return null;
        }
        LogLine parsed = LogLine.parse(line.textValue());
        return service == null || parsed.belongsTo(service) ? parsed : null;
    }
}
