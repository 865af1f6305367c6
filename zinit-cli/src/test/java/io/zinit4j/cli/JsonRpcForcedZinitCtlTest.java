package io.zinit4j.cli;

/** The whole {@link JsonRpcFakeServerZinitCtlTest} suite with {@code --protocol json-rpc} instead of detection. */
class JsonRpcForcedZinitCtlTest extends JsonRpcFakeServerZinitCtlTest {
    @Override
    String protocolArg() {
        return "json-rpc";
    }
}
