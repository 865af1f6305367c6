package io.zinit4j.testkit;

import java.io.IOException;

/** One generation's wire format on the fake's Unix socket: reads requests from a connection and answers them. */
interface WireProtocol {
    /**
     * Serves one accepted connection until the client or the server ends it; the caller closes the socket afterwards.
     *
     * @param connection the connection
     * @throws IOException when the client breaks the connection (nothing is left to answer then)
     */
    void serve(SocketConnection connection) throws IOException;
}
