package io.zinit4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** The JSON-RPC 2.0 envelopes zinit 0.2.28 sends, and reading a request; members sorted as jsonrpsee writes them. */
final class RpcMessages {
    private RpcMessages() {
    }

    /** {@return the request parsed, or {@code null} when it is no JSON} */
    static JsonNode parse(byte[] request) {
        try {
            return WireJson.MAPPER.readTree(request);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@return a successful answer} */
    static Map<String, Object> result(JsonNode id, Object result) {
        Map<String, Object> ok = new TreeMap<>();
        ok.put("id", id);
        ok.put("jsonrpc", "2.0");
        ok.put("result", result);
        return ok;
    }

    /** {@return an error answer; {@code data} is left out when {@code null}} */
    static Map<String, Object> error(JsonNode id, int code, String message, Object data) {
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

    /** {@return whether an answer is an error} */
    static boolean isError(Object answer) {
        return answer instanceof Map && ((Map<?, ?>) answer).containsKey("error");
    }

    /** {@return one log line of a subscription} */
    static Map<String, Object> logNotification(String line, Object subscription) {
        Map<String, Object> params = new TreeMap<>();
        params.put("result", line);
        params.put("subscription", subscription);
        Map<String, Object> n = new TreeMap<>();
        n.put("jsonrpc", "2.0");
        n.put("method", "stream_subscribeLogs");
        n.put("params", params);
        return n;
    }

    /** {@return a message's bytes on the wire, with the {@code \n} zinit puts after each} */
    static byte[] bytes(Object message) {
        return (WireJson.write(message) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
