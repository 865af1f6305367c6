package io.zinit4j.client.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.zinit4j.client.LogStream;
import io.zinit4j.error.UnsupportedByServerException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.model.LogLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The followed log: its own connection, filtering, ending, and failures. */
class JsonRpcLogStreamTest {
    @TempDir
    Path tmp;

    private static String note(long sub, String line) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"stream_subscribeLogs\",\"params\":{\"subscription\":" + sub
                + ",\"result\":" + RpcScriptedServer.MAPPER.valueToTree(line) + "}}\n";
    }

    @Test
    void followsTheServicesLinesAndItsTestsAndEndsWhenTheServerGoesAway() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req = peer.read();
            peer.send("{\"jsonrpc\":\"2.0\",\"result\":77,\"id\":" + req.get("id") + "}\n"
                    + note(77, "[+] web: one") + note(77, "[+] webapp: not ours") + note(12, "[+] web: other sub")
                    + note(77, "[-] web/test: probe failed") + note(77, "[+] db: not ours") + note(77, "[-] web: two"));
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(2)))) {
            List<String> got = new ArrayList<>();
            try (LogStream logs = codec.logs("web", true)) {
                for (LogLine l : logs) {
                    got.add(l.raw());
                }
            }
            assertEquals(List.of("[+] web: one", "[-] web/test: probe failed", "[-] web: two"), got);
        }
    }

    @Test
    void withoutAServiceEveryLineComesAndCloseFromAnotherThreadUnblocks() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req = peer.read();
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"result\":\"sub-a\"}\n"
                    + note(0, "ignored: wrong subscription").replace("\"subscription\":0", "\"subscription\":\"b\"")
                    + note(0, "[+] a: x").replace("\"subscription\":0", "\"subscription\":\"sub-a\""));
            peer.read(); // until the client closes
            closed.countDown();
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofMillis(200)))) {
            LogStream logs = codec.logs(null, true);
            assertEquals("[+] a: x", logs.next().raw());
            CompletableFuture<LogLine> blocked = CompletableFuture.supplyAsync(logs::next);
            logs.close();
            assertNull(blocked.get(5, TimeUnit.SECONDS));
            assertNull(logs.next());
            closed.await(5, TimeUnit.SECONDS);
            assertEquals(0, closed.getCount(), "the server saw the connection close");
        }
    }

    @Test
    void aServerWithoutSubscriptionsAndGarbageAreTypedErrors() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req = peer.read();
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id")
                    + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}\n");
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(2)))) {
            assertThrows(UnsupportedByServerException.class, () -> codec.logs("web", true));
        }
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req = peer.read();
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"result\":1}\n" + "garbage\n");
            peer.read();
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(2)))) {
            try (LogStream logs = codec.logs(null, true)) {
                assertThrows(ZinitProtocolException.class, logs::next);
                assertNull(logs.next());
            }
        }
    }

    @Test
    void theSnapshotFiltersLikeTheFollowedLog() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req;
            while ((req = peer.read()) != null) {
                peer.result(req, List.of("[+] web: a", "[+] web/test: b", "[+] webx: c", "[-] web: d"));
            }
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(2)))) {
            List<String> got = new ArrayList<>();
            try (LogStream logs = codec.logs("web", false)) {
                logs.forEach(l -> got.add(l.text()));
            }
            assertEquals(List.of("a", "b", "d"), got);
            try (LogStream logs = codec.logs(null, false)) {
                assertEquals(4, logs.stream().count());
            }
        }
    }
}
