package io.zinit4j.client.internal.protocol;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.internal.transport.HttpEndpoint;
import io.zinit4j.client.internal.transport.HttpSettings;
import io.zinit4j.client.internal.transport.UnixSocketConnector;
import java.util.Objects;

/**
 * Makes the codec a client uses: the forced generation, or the one {@link ProtocolDetector} finds. Stateless and
 * thread-safe; the caller keeps the codec (detection is not cached here, so a failed detection can simply be retried).
 */
public final class CodecFactory {
    private CodecFactory() {
    }

    /**
     * A forced generation connects to nothing here (the JSON-RPC codec connects on its first request); {@link
     * Protocol#AUTO} connects once to detect, and the JSON-RPC codec it returns keeps that connection.
     *
     * @param protocol  the requested protocol; {@link Protocol#AUTO} detects on this call
     * @param connector how to reach the server
     * @return a codec for the generation that answers
     * @throws io.zinit4j.error.ZinitConnectionException when detection cannot reach the server
     * @throws io.zinit4j.error.ZinitTimeoutException    when nothing answers detection within the read timeout
     * @throws io.zinit4j.error.ZinitProtocolException   when the answer belongs to neither generation
     */
    public static ZinitCodec create(Protocol protocol, UnixSocketConnector connector) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(connector, "connector");
        switch (protocol) {
            case LEGACY:
                return new LegacyCodec(connector);
            case JSON_RPC:
                return new JsonRpcCodec(connector);
            default:
                return ProtocolDetector.detect(connector);
        }
    }

    /**
     * A codec for zinit's HTTP server, which only JSON-RPC servers (0.2.15 and later) have. {@link Protocol#AUTO}
     * still sends the detection probe ({@code service_list}) on this call, so that a wrong address (a proxy's error
     * page, another service) fails here rather than on some later call, and keeps its answer for a first list.
     *
     * @param protocol {@link Protocol#AUTO} or {@link Protocol#JSON_RPC}
     * @param http     where the HTTP server is
     * @return a JSON-RPC codec that POSTs its requests
     * @throws IllegalArgumentException when {@link Protocol#LEGACY} is asked for: the legacy generation has no HTTP
     * @throws io.zinit4j.error.ZinitException typed, when the probe fails
     */
    public static ZinitCodec create(Protocol protocol, HttpSettings http) {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(http, "http");
        if (protocol == Protocol.LEGACY) {
            throw new IllegalArgumentException("the legacy protocol (zinit 0.2.14 and earlier) has no HTTP server: "
                    + "use a socket, or Protocol.JSON_RPC or AUTO with a URL");
        }
        JsonRpcCodec codec = new JsonRpcCodec(new HttpJsonRpcTransport(new HttpEndpoint(http)));
        if (protocol == Protocol.AUTO) {
            try {
                codec.probe();
            } catch (RuntimeException e) {
                codec.close();
                throw e;
            }
        }
        return codec;
    }
}
