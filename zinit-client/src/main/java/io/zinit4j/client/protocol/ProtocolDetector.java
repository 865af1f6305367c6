package io.zinit4j.client.protocol;

import io.zinit4j.client.transport.UnixSocketConnector;

/** PLACEHOLDER: replaced by real detection. */
public final class ProtocolDetector {
    private ProtocolDetector() {
    }

    /**
     * @param connector how to reach the server
     * @return a codec for the generation that answers
     */
    public static ZinitCodec detect(UnixSocketConnector connector) {
        return new LegacyCodec(connector);
    }
}
