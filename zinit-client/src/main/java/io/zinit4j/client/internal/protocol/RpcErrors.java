package io.zinit4j.client.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.error.UnsupportedByServerException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitServerException;

/**
 * Turns a JSON-RPC {@code error} object from zinit into the typed exception callers act on. Stateless and
 * thread-safe.
 *
 * <p>The code decides first, because zinit 0.2.28 gives each failure its own code; the message decides only for codes
 * that carry no meaning of their own (older 0.2.x servers answer most failures with -32603 "Internal error" and no
 * {@code data}), so a recognisable text still maps to the right type there. Both go through {@link ServerErrors}, the
 * table the legacy generation's texts use too; only the protocol-level codes (parameters, parsing, unknown method)
 * are decided here.
 */
public final class RpcErrors {
    /** Parse error: the server could not read what we sent. */
    public static final int PARSE_ERROR = -32700;
    /** Invalid request: what we sent was not a request. */
    public static final int INVALID_REQUEST = -32600;
    /** The server has no such method (an older server, or a typo). */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Invalid params; zinit 0.2.28 also uses it for an invalid service name, with {@code data.code_name}. */
    public static final int INVALID_PARAMS = -32602;
    /** Internal error: older servers use it for every failure. */
    public static final int INTERNAL_ERROR = -32603;

    private RpcErrors() {
    }

    /**
     * Maps one error object.
     *
     * @param method  the method that was called
     * @param subject the service (or other argument) the call was about, or {@code null}
     * @param error   the {@code error} member of the response
     * @return the exception to throw; never {@code null}
     */
    public static ZinitException toException(String method, String subject, JsonNode error) {
        if (error == null || !error.isObject()) {
            return new ZinitProtocolException(method + ": zinit sent an error that is not an object: "
                    + JsonRpcFrameReader.abbreviate(String.valueOf(error)));
        }
        JsonNode codeNode = error.get("code");
        if (codeNode == null || !codeNode.canConvertToInt()) {
            return new ZinitProtocolException(method + ": zinit sent an error without an integer code: "
                    + JsonRpcFrameReader.abbreviate(error.toString()));
        }
        int code = codeNode.intValue();
        String serverMessage = error.path("message").isTextual() ? error.get("message").textValue() : "";
        JsonNode dataNode = error.get("data");
        String data = dataNode == null || dataNode.isNull() ? null : dataNode.toString();
        String codeName = dataNode != null && dataNode.isObject() ? dataNode.path("code_name").asText("") : "";
        String what = method + (subject == null ? "" : " '" + subject + "'");
        String message = what + " failed: " + serverMessage + " (code " + code + ")";

        ZinitServerException known = ServerErrors.byCode(code, message, serverMessage, data);
        if (known != null) {
            return known;
        }
        switch (code) {
            case INVALID_PARAMS:
                if ("InvalidServiceName".equals(codeName)) {
                    String name = dataNode.path("service").isTextual() ? dataNode.get("service").textValue() : subject;
                    return new InvalidServiceNameException(name, "rejected by zinit: " + serverMessage);
                }
                return new ZinitProtocolException(what + ": zinit rejected the parameters zinit4j sent: "
                        + serverMessage + (data == null ? "" : " " + JsonRpcFrameReader.abbreviate(data))
                        + " (code " + code + ")");
            case PARSE_ERROR:
            case INVALID_REQUEST:
                return new ZinitProtocolException(what + ": zinit could not read the request zinit4j sent: "
                        + serverMessage + " (code " + code + ")");
            case METHOD_NOT_FOUND:
                return new UnsupportedByServerException(method, "zinit answered " + code + " '" + serverMessage
                        + "': this JSON-RPC server has no such method");
            default:
                return ServerErrors.byText(message, serverMessage, code, data);
        }
    }
}
