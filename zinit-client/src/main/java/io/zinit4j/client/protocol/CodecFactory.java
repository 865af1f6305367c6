package io.zinit4j.client.protocol;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.transport.UnixSocketConnector;

/**
 * Makes the codec a client uses: the forced generation, or the one {@link ProtocolDetector} finds.
 */
public final class CodecFactory {
    private CodecFactory() {
    }

    /**
     * @param protocol  the requested protocol; {@link Protocol#AUTO} detects on this call
     * @param connector how to reach the server
     * @return a codec for the generation that answers
     */
    public static ZinitCodec create(Protocol protocol, UnixSocketConnector connector) {
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
