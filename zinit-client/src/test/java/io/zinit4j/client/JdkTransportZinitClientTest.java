package io.zinit4j.client;

import io.zinit4j.testkit.Generation;

/**
 * The {@link ZinitClientContract} against a JSON-RPC fake with {@link SocketTransport#JDK}: the shared connection on
 * the JDK's own channel, read by its reader thread, as a client on virtual threads gets it.
 */
class JdkTransportZinitClientTest extends ZinitClientContract {
    JdkTransportZinitClientTest() {
        super(Generation.JSON_RPC);
    }

    @Override
    ZinitClientBuilder reach(ZinitClientBuilder b) {
        return super.reach(b).socketTransport(SocketTransport.JDK);
    }
}
