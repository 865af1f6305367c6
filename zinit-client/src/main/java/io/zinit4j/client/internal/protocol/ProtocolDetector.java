package io.zinit4j.client.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.internal.transport.SocketConnection;
import io.zinit4j.client.internal.transport.UnixSocketConnector;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Finds out which protocol generation answers on a socket. It sends one harmless JSON-RPC request ({@code
 * service_list}) on a fresh connection: a JSON-RPC server answers with {@code "jsonrpc":"2.0"}, and that connection
 * is kept for the returned {@link JsonRpcCodec}; a legacy server reads the text as an unknown command line, answers
 * {@code {"state":"error",...}} and closes, and a {@link LegacyCodec} is returned. The answer is read whole in both
 * cases and nothing else is sent, so no half-read connection or stray command is left behind. A JSON-RPC answer's
 * list of services is handed to the codec, for {@link JsonRpcCodec#takeDetectionList()}.
 *
 * <p>Stateless and thread-safe; the caller caches the result. Failures are thrown, never cached here, so a later call
 * tries again.
 */
public final class ProtocolDetector {
    /** The id of the detection request; the codec's own ids continue after it. */
    static final long PROBE_ID = 1;

    private ProtocolDetector() {
    }

    /**
     * @param connector how to reach the server
     * @return a codec for the generation that answers
     * @throws ZinitConnectionException when the socket cannot be reached or closes without an answer
     * @throws ZinitTimeoutException    when nothing answers within the read timeout
     * @throws ZinitProtocolException   when the answer belongs to neither generation
     */
    public static ZinitCodec detect(UnixSocketConnector connector) {
        return detect(connector, JsonRpcFrameReader.DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * @param connector       how to reach the server
     * @param maxMessageBytes the largest message the JSON-RPC codec accepts
     * @return a codec for the generation that answers
     */
    static ZinitCodec detect(UnixSocketConnector connector, int maxMessageBytes) {
        ObjectMapper mapper = JsonRpcJson.MAPPER;
        SocketConnection socket = connector.connect();
        boolean keep = false;
        try {
            JsonRpcFrameReader frames = new JsonRpcFrameReader(socket::read, maxMessageBytes);
            // the newline ends the line for a legacy server, which otherwise waits for more; JSON-RPC skips it
            socket.write(("{\"jsonrpc\":\"2.0\",\"id\":" + PROBE_ID + ",\"method\":\"service_list\",\"params\":[]}\n")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] frame;
            try {
                frame = frames.next();
            } catch (ZinitTimeoutException e) {
                throw new ZinitTimeoutException("detecting the protocol: zinit at " + connector.settings().socket()
                        + " did not answer within " + connector.settings().readTimeout().toMillis() + " ms", e);
            }
            if (frame == null) {
                throw new ZinitConnectionException(connector.settings().socket(), "detecting the protocol: zinit at "
                        + connector.settings().socket() + " closed the connection without answering", null);
            }
            JsonNode answer;
            try {
                answer = mapper.readTree(frame);
            } catch (IOException e) {
                throw new ZinitProtocolException("detecting the protocol: the answer is not JSON: "
                        + JsonRpcFrameReader.abbreviate(new String(frame, StandardCharsets.UTF_8)), e);
            }
            if (answer.isObject() && "2.0".equals(answer.path("jsonrpc").asText(null))) {
                // the probe went on junixsocket, whose reads time out; a client that wants the JDK's channel for its
                // JSON-RPC connection (virtual threads) opens that on its first request instead of keeping this one
                boolean onJdk = connector.streamsOnJdk();
                JsonRpcConnection connection = onJdk ? null : new JsonRpcConnection(socket, frames, mapper);
                keep = !onJdk;
                // the probe asked for the services: offer the answer to a list() that is waiting for this detection
                JsonNode listed = answer.get("result");
                boolean usable = listed != null && listed.isObject() && !answer.has("error")
                        && Long.toString(PROBE_ID).equals(answer.path("id").asText());
                return new JsonRpcCodec(connector, connection, mapper, maxMessageBytes, PROBE_ID,
                        usable ? listed : null);
            }
            if (answer.isObject() && answer.has("state") && answer.has("body")) {
                return new LegacyCodec(connector);
            }
            throw new ZinitProtocolException("detecting the protocol: zinit at " + connector.settings().socket()
                    + " answered neither JSON-RPC nor the legacy protocol: "
                    + JsonRpcFrameReader.abbreviate(answer.toString()));
        } finally {
            if (!keep) {
                socket.close();
            }
        }
    }
}
