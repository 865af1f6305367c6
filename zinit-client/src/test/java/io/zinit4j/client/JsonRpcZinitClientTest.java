package io.zinit4j.client;

import io.zinit4j.testkit.Generation;

/** The {@link ZinitClientContract} against a fake zinit speaking JSON-RPC (zinit 0.2.15 and later). */
class JsonRpcZinitClientTest extends ZinitClientContract {
    JsonRpcZinitClientTest() {
        super(Generation.JSON_RPC);
    }
}
