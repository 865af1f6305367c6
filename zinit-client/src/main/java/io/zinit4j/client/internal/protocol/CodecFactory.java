package io.zinit4j.client.internal.protocol;

import io.zinit4j.client.Protocol;
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
}
