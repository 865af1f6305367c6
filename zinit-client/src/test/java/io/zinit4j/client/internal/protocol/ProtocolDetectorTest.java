package io.zinit4j.client.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zinit4j.client.Protocol;
import io.zinit4j.client.SocketTransport;
import io.zinit4j.client.internal.transport.SocketSettings;
import io.zinit4j.client.internal.transport.UnixSocketConnector;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection against scripted servers of each generation, and its failures. */
class ProtocolDetectorTest {
    @TempDir
    Path tmp;

    @Test
    void aLegacyServerIsRecognisedFromItsErrorAndGetsNoOtherCommand() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        // as zinit 0.2.14 does: read one line, split it shell-style, answer an error, close
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            String line = peer.readLine();
            lines.add(line);
            String word = line.replace("\"", "").split(" ")[0]; // what a shell-style split leaves
            peer.send(RpcScriptedServer.MAPPER.writeValueAsString(Map.of("state", "error", "body",
                    "unknown command '" + word + "' or wrong arguments count")));
        })) {
            ZinitCodec codec = ProtocolDetector.detect(server.connector(Duration.ofSeconds(2)));
            assertInstanceOf(LegacyCodec.class, codec);
            assertEquals(Protocol.LEGACY, codec.generation());
            assertEquals(1, server.connections());
            assertEquals(1, lines.size());
            JsonNode sent = RpcScriptedServer.MAPPER.readTree(lines.get(0));
            assertEquals("service_list", sent.get("method").asText());
            assertEquals("2.0", sent.get("jsonrpc").asText());
            assertTrue(server.failures.isEmpty(), server.failures::toString);
        }
    }

    @Test
    void aJsonRpcServerIsRecognisedAndItsConnectionIsKept() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req;
            while ((req = peer.read()) != null) {
                // member order differs from ours on purpose, and the id comes back as a string
                peer.send("{\"result\":{\"web\":\"Running\"},\"id\":\"" + req.get("id").asText()
                        + "\",\"jsonrpc\":\"2.0\"}\n");
            }
        })) {
            try (ZinitCodec codec = ProtocolDetector.detect(server.connector(Duration.ofSeconds(2)))) {
                assertInstanceOf(JsonRpcCodec.class, codec);
                assertEquals(Protocol.JSON_RPC, codec.generation());
                assertEquals("Running", codec.list().get("web").raw());
                assertEquals(1, codec.list().size());
                assertEquals(1, server.connections(), "the detection connection serves the codec");
            }
        }
    }

    @Test
    void theProbesListIsOfferedOnceOnTheDetectingThreadAndOnlyUntilTheNextRequest() throws Exception {
        List<JsonNode> seen = new CopyOnWriteArrayList<>();
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req;
            while ((req = peer.read()) != null) {
                seen.add(req);
                peer.result(req, Map.of("web", "Running", "db", "Blocked"));
            }
        })) {
            try (JsonRpcCodec codec = (JsonRpcCodec) ProtocolDetector.detect(server.connector(Duration.ofSeconds(2)))) {
                java.util.concurrent.atomic.AtomicReference<Object> elsewhere =
                        new java.util.concurrent.atomic.AtomicReference<>();
                Thread other = new Thread(() -> elsewhere.set(codec.takeDetectionList()));
                other.start();
                other.join();
                assertEquals(java.util.Optional.empty(), elsewhere.get(), "only for the thread that detected");

                Map<String, io.zinit4j.model.ServiceState> probed = codec.takeDetectionList().orElseThrow();
                assertEquals(java.util.Set.of("web", "db"), probed.keySet());
                assertEquals("Blocked", probed.get("db").raw());
                assertTrue(codec.takeDetectionList().isEmpty(), "only once");
                assertEquals(1, seen.size(), "taken from the probe, not asked again");
            }
            try (JsonRpcCodec codec = (JsonRpcCodec) ProtocolDetector.detect(server.connector(Duration.ofSeconds(2)))) {
                codec.start("web");
                assertTrue(codec.takeDetectionList().isEmpty(), "something was sent since the probe");
            }
            assertEquals(List.of("service_list", "service_list", "service_start"),
                    seen.stream().map(r -> r.get("method").asText()).toList());
        }
    }

    @Test
    void onTheJdkTransportTheProbeGoesOnTheJdkChannelAndItsConnectionIsKept() throws Exception {
        List<JsonNode> seen = new CopyOnWriteArrayList<>();
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req;
            while ((req = peer.read()) != null) {
                seen.add(req);
                peer.result(req, Map.of("web", "Running"));
            }
        })) {
            try (JsonRpcCodec codec = (JsonRpcCodec) ProtocolDetector.detect(jdk(server, Duration.ofSeconds(2)))) {
                assertEquals("Running", codec.takeDetectionList().orElseThrow().get("web").raw());
                // asked on the kept connection, read there by its reader thread, which took over from the probe
                codec.start("web");
                assertEquals("Running", codec.list().get("web").raw());
                assertEquals(1, server.connections(), "the probe's connection serves the codec");
            }
            assertEquals(List.of("service_list", "service_start", "service_list"),
                    seen.stream().map(r -> r.get("method").asText()).toList());
        }
    }

    @Test
    void onTheJdkTransportALegacyServerAndSilenceAreRecognisedToo() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            peer.readLine();
            peer.send("{\"state\":\"error\",\"body\":\"unknown command\"}");
        })) {
            assertInstanceOf(LegacyCodec.class, ProtocolDetector.detect(jdk(server, Duration.ofSeconds(2))));
            assertEquals(1, server.connections());
        }
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            peer.readLine();
            peer.readLine(); // waits for the client to give up
        })) {
            ZinitTimeoutException e = assertThrows(ZinitTimeoutException.class,
                    () -> ProtocolDetector.detect(jdk(server, Duration.ofMillis(200))));
            assertTrue(e.getMessage().contains("detecting the protocol"), e.getMessage());
        }
    }

    private static UnixSocketConnector jdk(RpcScriptedServer server, Duration readTimeout) {
        return new UnixSocketConnector(new SocketSettings(server.socket(), Duration.ofSeconds(2), readTimeout,
                SocketTransport.JDK));
    }

    @Test
    void aProbeAnswerThatIsNoListIsNotOffered() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req = peer.read();
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"error\":{\"code\":-32601,"
                    + "\"message\":\"Method not found\"}}\n");
            while ((req = peer.read()) != null) {
                peer.result(req, Map.of());
            }
        })) {
            try (JsonRpcCodec codec = (JsonRpcCodec) ProtocolDetector.detect(server.connector(Duration.ofSeconds(2)))) {
                assertTrue(codec.takeDetectionList().isEmpty());
                assertEquals(Map.of(), codec.list());
            }
        }
    }

    @Test
    void anAnswerOfNeitherGenerationIsAProtocolError() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            peer.readLine();
            peer.send("{\"hello\":\"world\"}");
        })) {
            assertThrows(ZinitProtocolException.class,
                    () -> ProtocolDetector.detect(server.connector(Duration.ofSeconds(2))));
        }
    }

    @Test
    void closingWithoutAnswerSilenceAndNoSocketAreTypedAndNotCached() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> peer.readLine())) {
            assertThrows(ZinitConnectionException.class,
                    () -> ProtocolDetector.detect(server.connector(Duration.ofSeconds(2))));
        }
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            peer.readLine();
            peer.readLine(); // waits for the client to give up
        })) {
            ZinitTimeoutException e = assertThrows(ZinitTimeoutException.class,
                    () -> ProtocolDetector.detect(server.connector(Duration.ofMillis(200))));
            assertTrue(e.getMessage().contains("detecting the protocol"), e.getMessage());
        }
        UnixSocketConnector none = new UnixSocketConnector(new SocketSettings(tmp.resolve("none.sock"),
                Duration.ofMillis(200), Duration.ofMillis(200)));
        assertThrows(ZinitConnectionException.class, () -> CodecFactory.create(Protocol.AUTO, none));
        assertThrows(ZinitConnectionException.class, () -> CodecFactory.create(Protocol.AUTO, none));
    }

    @Test
    void aForcedGenerationConnectsToNothingUpFront() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req;
            while ((req = peer.read()) != null) {
                peer.result(req, Map.of());
            }
        })) {
            UnixSocketConnector c = server.connector(Duration.ofSeconds(2));
            assertInstanceOf(LegacyCodec.class, CodecFactory.create(Protocol.LEGACY, c));
            try (ZinitCodec rpc = CodecFactory.create(Protocol.JSON_RPC, c)) {
                assertInstanceOf(JsonRpcCodec.class, rpc);
                assertEquals(0, server.connections(), "the JSON-RPC codec connects lazily");
                assertEquals(Map.of(), rpc.list());
                assertEquals(1, server.connections());
            }
        }
    }
}
