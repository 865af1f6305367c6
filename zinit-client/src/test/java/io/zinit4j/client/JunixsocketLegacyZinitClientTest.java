package io.zinit4j.client;

import io.zinit4j.testkit.Generation;

/**
 * The {@link ZinitClientContract} against a line-protocol fake with {@link SocketTransport#JUNIXSOCKET}: the
 * one-command connections on junixsocket instead of the default JDK channel.
 */
class JunixsocketLegacyZinitClientTest extends ZinitClientContract {
    JunixsocketLegacyZinitClientTest() {
        super(Generation.LEGACY);
    }

    @Override
    ZinitClientBuilder reach(ZinitClientBuilder b) {
        return super.reach(b).socketTransport(SocketTransport.JUNIXSOCKET);
    }
}
