package io.zinit4j.client.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.ServiceStats;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent connection: routing by id, reconnects, and typed failures that never hang. */
class JsonRpcCodecTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    Path tmp;

    private static Map<String, Object> status(String name) {
        return Map.of("after", Map.of(), "name", name, "pid", 7, "state", "Running", "target", "Up");
    }

    @Test
    void manyThreadsShareOneConnectionAndAnswersOutOfOrderReachTheirCallers() throws Exception {
        int threads = 8;
        int perThread = 40;
        AtomicInteger reordered = new AtomicInteger();
        // the server gathers whatever requests are in flight (up to 4) and answers them in reverse order
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            BlockingQueue<JsonNode> in = new LinkedBlockingQueue<>();
            JsonNode end = MAPPER.nullNode();
            Thread reader = new Thread(() -> {
                try {
                    JsonNode r;
                    while ((r = peer.read()) != null) {
                        in.add(r);
                    }
                } catch (Exception e) {
                    // the client went away
                }
                in.add(end);
            });
            reader.setDaemon(true);
            reader.start();
            while (true) {
                JsonNode first = in.take();
                if (first == end) {
                    return;
                }
                List<JsonNode> group = new ArrayList<>(List.of(first));
                JsonNode more;
                while (group.size() < 4 && (more = in.poll(2, TimeUnit.MILLISECONDS)) != null) {
                    if (more == end) {
                        return;
                    }
                    group.add(more);
                }
                if (group.size() > 1) {
                    reordered.incrementAndGet();
                }
                Collections.reverse(group);
                for (JsonNode r : group) {
                    peer.result(r, status(r.get("params").get(0).asText()));
                }
            }
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(5)))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    go.await();
                    int ok = 0;
                    for (int i = 0; i < perThread; i++) {
                        String name = "svc-" + thread + "-" + i;
                        ServiceStatus s = codec.status(name);
                        assertEquals(name, s.name());
                        ok++;
                    }
                    return ok;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(threads * perThread, total);
            assertEquals(1, server.connections(), "one connection for every call");
            assertTrue(reordered.get() > 0, "some answers went out in reverse order");
            assertTrue(server.failures.isEmpty(), server.failures::toString);
        }
    }

    @Test
    void requestIdsAreUniqueAndParamsPositional() throws Exception {
        BlockingQueue<JsonNode> seen = new LinkedBlockingQueue<>();
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req;
            while ((req = peer.read()) != null) {
                seen.add(req);
                String m = req.get("method").asText();
                Object result = m.equals("service_get") ? Map.of("exec", "sleep 1", "oneshot", true)
                        : m.equals("service_stats") ? Map.of("name", "web", "pid", 9, "memory_usage", 1024,
                        "cpu_usage", 1.5, "children", List.of(Map.of("pid", 10, "memory_usage", 12, "cpu_usage", 0.25)))
                        : m.equals("system_start_http_server") ? "HTTP server started at 127.0.0.1:1" : null;
                peer.result(req, result);
            }
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(5)))) {
            codec.kill("web", Signal.SIGUSR1);
            codec.createService("web", ServiceConfig.builder().exec("sleep 1").oneshot(true).build());
            ServiceConfig got = codec.loadService("web");
            ServiceStats stats = codec.stats("web");
            String http = codec.startHttpServer("127.0.0.1:1");
            codec.stopHttpServer();
            codec.shutdown();
            assertEquals("sleep 1", got.exec());
            assertTrue(got.oneshot());
            assertEquals(new ServiceStats("web", 9, 1024, 1.5, List.of(new ServiceStats.ChildStats(10, 12, 0.25))),
                    stats);
            assertEquals("HTTP server started at 127.0.0.1:1", http);
            List<JsonNode> reqs = new ArrayList<>(seen);
            assertEquals(7, reqs.size());
            assertEquals(MAPPER.readTree("[\"web\",\"SIGUSR1\"]"), reqs.get(0).get("params"));
            assertEquals(MAPPER.readTree("[\"web\",{\"exec\":\"sleep 1\",\"oneshot\":true}]"),
                    reqs.get(1).get("params"));
            assertEquals(MAPPER.readTree("[\"127.0.0.1:1\"]"), reqs.get(4).get("params"));
            assertEquals("system_shutdown", reqs.get(6).get("method").asText());
            assertEquals(reqs.size(), reqs.stream().map(r -> r.get("id").asLong()).distinct().count());
        }
    }

    @Test
    void aRequestInFlightWhenTheConnectionDiesFailsAndTheNextReconnects() throws Exception {
        AtomicInteger session = new AtomicInteger();
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            int n = session.incrementAndGet();
            JsonNode req = peer.read();
            peer.result(req, Map.of());
            req = peer.read();
            if (n == 1) {
                return; // drop the connection with the second request unanswered
            }
            peer.result(req, Map.of("web", "Running"));
            peer.read();
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(5)))) {
            assertEquals(Map.of(), codec.list());
            ZinitConnectionException e = assertThrows(ZinitConnectionException.class, codec::list);
            assertTrue(e.getMessage().startsWith("service_list: "), e.getMessage());
            assertEquals(Map.of(), codec.list());
            assertEquals("Running", codec.list().get("web").raw());
            assertEquals(2, server.connections());
        }
    }

    @Test
    void garbageFailsTheWaitingCallAndDropsTheConnection() throws Exception {
        AtomicInteger session = new AtomicInteger();
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req = peer.read();
            if (session.incrementAndGet() == 1) {
                peer.send("hello, this is not JSON\n");
                peer.read();
                return;
            }
            peer.result(req, Map.of());
            peer.read();
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(5)))) {
            ZinitProtocolException e = assertThrows(ZinitProtocolException.class, codec::list);
            assertTrue(e.getMessage().contains("hello"), e.getMessage());
            assertEquals(Map.of(), codec.list());
            assertEquals(2, server.connections());
        }
    }

    @Test
    void halfAnAnswerThenCloseIsAProtocolError() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req = peer.read();
            peer.send("{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"result\":{\"web\":\"Runn");
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(5)))) {
            ZinitProtocolException e = assertThrows(ZinitProtocolException.class, codec::list);
            assertTrue(e.getMessage().contains("middle of a message"), e.getMessage());
        }
    }

    @Test
    void malformedJsonWithBalancedBracketsIsAProtocolError() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            peer.read();
            peer.send("{\"jsonrpc\": nonsense}\n");
            peer.read();
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(5)))) {
            assertThrows(ZinitProtocolException.class, codec::list);
        }
    }

    @Test
    void silenceTimesOutNamingTheMethodAndTheNextCallStartsAfresh() throws Exception {
        AtomicInteger session = new AtomicInteger();
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            if (session.incrementAndGet() == 1) {
                while (peer.read() != null) {
                    // read and never answer
                }
                return;
            }
            JsonNode req;
            while ((req = peer.read()) != null) {
                peer.result(req, status("web"));
            }
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(SHORT))) {
            ZinitTimeoutException e = assertThrows(ZinitTimeoutException.class, () -> codec.status("web"));
            assertTrue(e.getMessage().contains("service_status 'web'"), e.getMessage());
            assertEquals("web", codec.status("web").name());
            assertEquals(2, server.connections());
        }
    }

    @Test
    void aMessageOverTheBoundIsRefused() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req = peer.read();
            peer.result(req, Map.of("big", "x".repeat(4096)));
            peer.read();
        }); JsonRpcCodec codec = JsonRpcCodec.withMaxMessageBytes(server.connector(Duration.ofSeconds(5)), 1024)) {
            ZinitProtocolException e = assertThrows(ZinitProtocolException.class, codec::list);
            assertTrue(e.getMessage().contains("larger than 1024 bytes"), e.getMessage());
        }
    }

    @Test
    void wrongResultShapesAreProtocolErrors() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req;
            while ((req = peer.read()) != null) {
                peer.result(req, List.of("not", "an", "object"));
            }
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(5)))) {
            assertThrows(ZinitProtocolException.class, codec::list);
            assertThrows(ZinitProtocolException.class, () -> codec.status("web"));
            assertThrows(ZinitProtocolException.class, () -> codec.loadService("web"));
        }
    }

    @Test
    void shutdownCountsAConnectionDroppedByTheExitingServerAsDone() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> peer.read());
             JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(5)))) {
            codec.shutdown();
        }
    }

    @Test
    void aClosedCodecRefusesCallsAndNoServerIsAConnectionError() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> peer.read())) {
            JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(5)));
            codec.close();
            codec.close();
            assertThrows(ZinitConnectionException.class, codec::list);
        }
        JsonRpcCodec nowhere = new JsonRpcCodec(new io.zinit4j.client.internal.transport.UnixSocketConnector(
                new io.zinit4j.client.internal.transport.SocketSettings(tmp.resolve("none.sock"), SHORT, SHORT)));
        ZinitConnectionException e = assertThrows(ZinitConnectionException.class, nowhere::list);
        assertTrue(e.getMessage().contains("none.sock"), e.getMessage());
    }

    @Test
    void everyRequestIsOneLineSoLineBasedServersCanReadIt() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            String line;
            while ((line = peer.readLine()) != null) {
                peer.result(MAPPER.readTree(line), status("a\nb"));
            }
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(Duration.ofSeconds(2)))) {
            assertEquals("a\nb", codec.status("a\nb").name());
            assertEquals("a\nb", codec.status("a\nb").name());
        }
    }
}
