package io.zinit4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitHttpException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way an HTTP request can fail, against a scripted JDK HTTP server standing in for zinit or a proxy in front of
 * it: each is a typed error, and the next call works.
 */
class HttpFailuresTest {
    private HttpServer server;
    private final AtomicReference<Answer> next = new AtomicReference<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    /** What the scripted server answers. */
    private record Answer(int status, String contentType, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        ex.getRequestBody().readAllBytes();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        Answer a = next.getAndSet(null);
        if (a == null) {
            a = new Answer(200, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":{}}");
        }
        if (a.status() == 0) {
            try {
                release.await(); // never answers until the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        String body = a.body().replace("ID", idOf(ex));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", a.contentType());
        ex.sendResponseHeaders(a.status(), bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    /** The scripted server echoes the id the client used; every request of these tests is the only one in flight. */
    private final AtomicInteger ids = new AtomicInteger();

    private String idOf(HttpExchange ex) {
        return Integer.toString(ids.incrementAndGet());
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private ZinitClient client(Duration timeout) {
        return ZinitClient.builder().url(url()).protocol(Protocol.JSON_RPC).timeout(timeout)
                .httpHeader("Authorization", "Bearer fixed").build();
    }

    @Test
    void aProxyRefusingTheCredentialsIsAnHttpErrorWithItsStatus() {
        try (ZinitClient c = client(Duration.ofSeconds(5))) {
            next.set(new Answer(401, "text/plain", "bad token"));
            ZinitHttpException e = assertThrows(ZinitHttpException.class, c::list);
            assertEquals(401, e.statusCode());
            assertTrue(e.isClientError());
            assertEquals(url(), e.url());
            assertNull(e.socket());
            assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("bad token"), e.getMessage());
            assertEquals(Map.of(), c.list(), "the next call works");
            assertEquals(List.of("Bearer fixed", "Bearer fixed"), authorizations);
        }
    }

    @Test
    void aServerErrorIsAnHttpErrorToo() {
        try (ZinitClient c = client(Duration.ofSeconds(5))) {
            next.set(new Answer(502, "text/html", "<html>Bad Gateway</html>"));
            ZinitHttpException e = assertThrows(ZinitHttpException.class, c::list);
            assertEquals(502, e.statusCode());
            assertTrue(e.getMessage().contains("proxy could not reach zinit"), e.getMessage());
        }
    }

    @Test
    void anAnswerThatIsNotJsonIsAProtocolError() {
        try (ZinitClient c = client(Duration.ofSeconds(5))) {
            next.set(new Answer(200, "text/html", "<html>hello</html>"));
            ZinitProtocolException e = assertThrows(ZinitProtocolException.class, c::list);
            assertTrue(e.getMessage().contains("not JSON") && e.getMessage().contains("<html>"), e.getMessage());
            next.set(new Answer(200, "application/json", "{\"hello\":1}"));
            assertThrows(ZinitProtocolException.class, c::list, "JSON, but no JSON-RPC response");
            assertEquals(Map.of(), c.list());
        }
    }

    @Test
    void noAnswerWithinTheReadTimeoutIsATimeout() {
        try (ZinitClient c = client(Duration.ofMillis(300))) {
            next.set(new Answer(0, "", ""));
            ZinitTimeoutException e = assertThrows(ZinitTimeoutException.class, c::list);
            assertTrue(e.getMessage().contains(url().toString()), e.getMessage());
        }
    }

    @Test
    void aRefusedConnectionIsAConnectionErrorNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        try (ZinitClient c = ZinitClient.builder().url(nowhere).build()) {
            ZinitConnectionException e = assertThrows(ZinitConnectionException.class, c::list);
            assertTrue(e.getMessage().contains(nowhere.toString()) && e.getMessage().contains("refused"),
                    e.getMessage());
            assertThrows(ZinitConnectionException.class, c::protocol, "a failed detection is not cached");
        }
    }

    @Test
    void theHeaderHookIsAskedForEveryRequestAndWinsOverFixedHeaders() {
        AtomicInteger n = new AtomicInteger();
        try (ZinitClient c = ZinitClient.builder().url(url()).protocol(Protocol.JSON_RPC)
                .httpHeader("Authorization", "Bearer fixed")
                .httpHeaders(() -> Map.of("Authorization", "Bearer " + n.incrementAndGet())).build()) {
            c.list();
            c.list();
        }
        assertEquals(List.of("Bearer 1", "Bearer 2"), authorizations);
    }

    @Test
    void badAddressesAndCombinationsAreRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> ZinitClient.builder().url(URI.create("ftp://host/")));
        assertThrows(IllegalArgumentException.class, () -> ZinitClient.builder().url(URI.create("/relative")));
        assertThrows(IllegalStateException.class, () -> ZinitClient.builder().url(url())
                .socket(java.nio.file.Path.of("/tmp/zinit.sock")).build());
        assertThrows(IllegalStateException.class, () -> ZinitClient.builder().url(url()).protocol(Protocol.LEGACY)
                .build());
        assertTrue(authorizations.isEmpty(), "nothing was sent");
    }
}
