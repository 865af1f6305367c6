package io.zinit4j.client.internal.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.zinit4j.client.internal.transport.CommandConnection;
import io.zinit4j.client.internal.transport.JdkSocketConnection;
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
 * <p>The probe goes on the socket library the JSON-RPC connection would use ({@link
 * UnixSocketConnector#streamsOnJdk()}), so that a JSON-RPC server's probe connection is kept either way: with the JDK's
 * channel, a client that never follows a log loads no junixsocket class at all (its JNI library and native set-up
 * are a good part of a short-lived process's start).
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
        boolean onJdk = connector.streamsOnJdk();
        CommandConnection socket;
        JsonRpcFrameReader frames;
        // cleared when the connection is handed to the codec: its reader thread then waits for whatever comes, while
        // the probe's answer is awaited only until the read timeout (the JDK's channel has no timeout of its own)
        boolean[] probing = {true};
        if (onJdk) {
            JdkSocketConnection jdk = connector.connectOnJdk();
            socket = jdk;
            long deadline = System.nanoTime() + connector.settings().readTimeout().toNanos();
            // one reader for both, so that bytes read past the probe's answer stay for the codec
            frames = new JsonRpcFrameReader(buf -> probing[0] ? jdk.read(buf, deadline) : jdk.readUntimed(buf),
                    maxMessageBytes);
        } else {
            SocketConnection junix = connector.connect();
            socket = junix;
            frames = new JsonRpcFrameReader(junix::read, maxMessageBytes);
        }
        boolean keep = false;
        try {
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
            String text = new String(frame, StandardCharsets.UTF_8);
            Members members;
            try {
                members = Members.of(frame);
            } catch (IOException e) {
                throw new ZinitProtocolException("detecting the protocol: the answer is not JSON: "
                        + JsonRpcFrameReader.abbreviate(text), e);
            }
            if (members.isJsonRpc()) {
                RpcAnswer answer = RpcAnswer.readOne(frame);
                // written before the connection starts its reader thread, which therefore sees it
                probing[0] = false;
                // on the JDK's channel the reader thread reads every answer, with no quiet stretch to wait for, as
                // for the connections the codec opens itself there
                JsonRpcConnection connection = onJdk
                        ? new JsonRpcConnection(socket, frames, 0)
                        : new JsonRpcConnection((SocketConnection) socket, frames);
                keep = true;
                // the probe asked for the services: offer the answer to a list() that is waiting for this detection
                boolean usable = answer.resultIsObject() && !answer.hasError()
                        && Long.toString(PROBE_ID).equals(answer.id());
                return new JsonRpcCodec(connector, connection, maxMessageBytes, PROBE_ID, usable ? answer : null);
            }
            if (members.isLegacy()) {
                return new LegacyCodec(connector);
            }
            throw new ZinitProtocolException("detecting the protocol: zinit at " + connector.settings().socket()
                    + " answered neither JSON-RPC nor the legacy protocol: " + JsonRpcFrameReader.abbreviate(text));
        } finally {
            if (!keep) {
                socket.close();
            }
        }
    }

    /**
     * What the probe's answer says of its generation, from its top-level members: a JSON-RPC 2.0 message has {@code
     * "jsonrpc": "2.0"}, a legacy answer has {@code state} and {@code body}. Read with the streaming parser, so that
     * detection builds no tree.
     */
    private record Members(boolean version2, boolean state, boolean body) {
        static Members of(byte[] frame) throws IOException {
            try (JsonParser p = JsonRpcJson.FACTORY.createParser(frame)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    // still read to the end: the message for malformed JSON must win over "neither generation"
                    p.skipChildren();
                    while (p.nextToken() != null) {
                        p.skipChildren();
                    }
                    return new Members(false, false, false);
                }
                boolean version2 = false;
                boolean state = false;
                boolean body = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (name) {
                        case "jsonrpc" -> version2 = value == JsonToken.VALUE_STRING && "2.0".equals(p.getText());
                        case "state" -> state = true;
                        case "body" -> body = true;
                        default -> {
                        }
                    }
                    p.skipChildren();
                }
                while (p.nextToken() != null) {
                    p.skipChildren();
                }
                return new Members(version2, state, body);
            }
        }

        boolean isJsonRpc() {
            return version2;
        }

        boolean isLegacy() {
            return state && body;
        }
    }
}
