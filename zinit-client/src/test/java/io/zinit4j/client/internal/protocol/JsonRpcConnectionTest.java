package io.zinit4j.client.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.internal.transport.SocketConnection;
import io.zinit4j.client.internal.transport.UnixSocketConnector;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.model.ServiceState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader/follower connection itself: who reads an answer, how an interrupt ends a wait, and how a connection the
 * server closed while idle is noticed. Routing of answers out of order among many threads is in {@link
 * JsonRpcCodecTest}.
 */
class JsonRpcConnectionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Only a guard against a broken test hanging the build; nothing asserts how long anything took. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(10);
    /** Long enough that no wait in these tests can end by the read timeout. */
    private static final Duration LONG_READ = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private static byte[] request(String id, String method, String... params) throws Exception {
        var r = MAPPER.createObjectNode();
        r.put("jsonrpc", "2.0");
        r.put("id", Long.parseLong(id));
        r.put("method", method);
        var p = r.putArray("params");
        for (String s : params) {
            p.add(s);
        }
        return (MAPPER.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonRpcConnection open(UnixSocketConnector connector, long quietNanos) {
        SocketConnection socket = connector.connect();
        return new JsonRpcConnection(socket, new JsonRpcFrameReader(socket::read,
                JsonRpcFrameReader.DEFAULT_MAX_MESSAGE_BYTES), quietNanos);
    }

    @Test
    void aLoneCallerReadsItsOwnAnswerOnItsOwnThread() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode req;
            while ((req = peer.read()) != null) {
                peer.result(req, Map.of("web", "Running"));
            }
        })) {
            // the reader thread would wait a minute of quiet before it reads: if the caller did not read for itself,
            // no answer would arrive and the hang guard would fail the test
            JsonRpcConnection conn = open(server.connector(LONG_READ), TimeUnit.SECONDS.toNanos(60));
            try {
                assertTimeoutPreemptively(HANG_GUARD, () -> {
                    for (int i = 1; i <= 3; i++) {
                        String id = Integer.toString(i);
                        CompletableFuture<RpcAnswer> answer = conn.send(id, request(id, "service_list"));
                        AtomicReference<Thread> completedOn = new AtomicReference<>();
                        // nobody reads before await, so this runs on whichever thread completes the answer
                        answer.whenComplete((r, e) -> completedOn.set(Thread.currentThread()));
                        Thread caller = Thread.currentThread();
                        JsonNode response = conn.await(answer, LONG_READ.toNanos()).tree();
                        assertEquals(i, response.get("id").asInt());
                        assertEquals("Running", response.get("result").get("web").asText());
                        assertSame(caller, completedOn.get(), "the caller read its answer itself, no hand-off");
                    }
                });
                assertTrue(conn.isOpen());
            } finally {
                conn.close();
            }
            assertFalse(conn.isOpen());
            assertTrue(server.failures.isEmpty(), server.failures::toString);
        }
    }

    @Test
    void anAnswerReadByAnotherCallerIsHandedToItsOwner() throws Exception {
        CountDownLatch bothSent = new CountDownLatch(2);
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            JsonNode first = peer.read();
            JsonNode second = peer.read();
            // answer the later request first: whoever reads gets an answer that is not its own first
            peer.result(second, second.get("id").asText());
            peer.result(first, first.get("id").asText());
            peer.read();
        })) {
            JsonRpcConnection conn = open(server.connector(LONG_READ), TimeUnit.SECONDS.toNanos(60));
            try {
                assertTimeoutPreemptively(HANG_GUARD, () -> {
                    FutureTask<String> a = new FutureTask<>(() -> roundTrip(conn, "1", bothSent));
                    FutureTask<String> b = new FutureTask<>(() -> roundTrip(conn, "2", bothSent));
                    new Thread(a, "caller-1").start();
                    new Thread(b, "caller-2").start();
                    assertEquals("1", a.get());
                    assertEquals("2", b.get());
                });
            } finally {
                conn.close();
            }
            assertTrue(server.failures.isEmpty(), server.failures::toString);
        }
    }

    private static String roundTrip(JsonRpcConnection conn, String id, CountDownLatch bothSent) throws Exception {
        CompletableFuture<RpcAnswer> answer = conn.send(id, request(id, "service_status", "svc" + id));
        bothSent.countDown();
        bothSent.await();
        return conn.await(answer, LONG_READ.toNanos()).tree().get("result").asText();
    }

    @Test
    void anInterruptEndsACallWaitingOnASilentServerTypedAndTheConnectionServesOn() throws Exception {
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch callerGaveUp = new CountDownLatch(1);
        AtomicInteger sessions = new AtomicInteger();
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            sessions.incrementAndGet();
            JsonNode silent = peer.read();
            firstArrived.countDown();
            callerGaveUp.await();
            // the late answer to the abandoned request must be dropped, not given to the next caller
            peer.result(silent, Map.of("late", "Running"));
            JsonNode req;
            while ((req = peer.read()) != null) {
                peer.result(req, Map.of("web", "Running"));
            }
        }); JsonRpcCodec codec = new JsonRpcCodec(server.connector(LONG_READ))) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flagAfter = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    codec.list();
                } catch (Throwable e) {
                    thrown.set(e);
                }
                flagAfter.set(Thread.currentThread().isInterrupted());
            }, "interrupted-caller");
            assertTimeoutPreemptively(HANG_GUARD, () -> {
                caller.start();
                firstArrived.await();
                caller.interrupt();
                caller.join();
            });
            callerGaveUp.countDown();

            Throwable e = thrown.get();
            assertInstanceOf(ZinitException.class, e);
            assertTrue(e.getMessage().startsWith("service_list: interrupted"), e.getMessage());
            assertInstanceOf(InterruptedException.class, e.getCause());
            assertEquals(Boolean.TRUE, flagAfter.get(), "the interrupt flag is set again for the caller");

            Map<String, ServiceState> next = assertTimeoutPreemptively(HANG_GUARD, codec::list);
            assertEquals(List.of("web"), List.copyOf(next.keySet()), "the late answer went to nobody");
            assertEquals(1, sessions.get(), "an interrupt does not cost the connection");
            assertTrue(server.failures.isEmpty(), server.failures::toString);
        }
    }

    @Test
    void anInterruptBeforeTheWaitEndsItAtOnce() throws Exception {
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            while (peer.read() != null) {
                // never answer
            }
        })) {
            JsonRpcConnection conn = open(server.connector(LONG_READ), TimeUnit.SECONDS.toNanos(60));
            try {
                assertTimeoutPreemptively(HANG_GUARD, () -> {
                    CompletableFuture<RpcAnswer> answer = conn.send("1", request("1", "service_list"));
                    Thread.currentThread().interrupt();
                    assertThrows(InterruptedException.class, () -> conn.await(answer, LONG_READ.toNanos()));
                    conn.abandon("1");
                });
                assertTrue(conn.isOpen());
            } finally {
                conn.close();
            }
        }
    }

    @Test
    void anIdleConnectionTheServerClosedIsNoticedBeforeTheNextRequest() throws Exception {
        BlockingQueue<Integer> sessionOfEachRequest = new LinkedBlockingQueue<>();
        AtomicInteger sessions = new AtomicInteger();
        try (RpcScriptedServer server = new RpcScriptedServer(tmp, peer -> {
            int session = sessions.incrementAndGet();
            JsonNode req;
            while ((req = peer.read()) != null) {
                sessionOfEachRequest.add(session);
                peer.result(req, Map.of("web", "Running"));
                if (session == 1) {
                    return; // one answer, then close the connection as an idle timeout would
                }
            }
        })) {
            UnixSocketConnector connector = server.connector(Duration.ofSeconds(5));
            // the codec's first connection, with the default reader, kept here to watch it
            SocketConnection socket = connector.connect();
            JsonRpcConnection first = new JsonRpcConnection(socket, new JsonRpcFrameReader(socket::read,
                    JsonRpcFrameReader.DEFAULT_MAX_MESSAGE_BYTES));
            try (JsonRpcCodec codec = new JsonRpcCodec(connector, first,
                    JsonRpcFrameReader.DEFAULT_MAX_MESSAGE_BYTES, 0)) {
                assertEquals("Running", codec.list().get("web").raw());
                // the reader thread reads the idle connection, sees the end, and marks it failed
                assertTimeoutPreemptively(HANG_GUARD, () -> {
                    while (first.isOpen()) {
                        Thread.sleep(1);
                    }
                });
                // so the next request goes out on a new connection instead of being lost on the dead one
                assertEquals("Running", codec.list().get("web").raw());
                assertEquals(List.of(1, 2), List.copyOf(sessionOfEachRequest));
                assertEquals(2, server.connections());
                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> first.await(first.send("9", request("9", "service_list")), LONG_READ.toNanos()),
                        "a failed connection refuses further requests");
                ZinitConnectionException why = assertInstanceOf(ZinitConnectionException.class, refused.getCause());
                assertTrue(why.getMessage().contains("closed the connection"), why.getMessage());
            }
            assertTrue(server.failures.isEmpty(), server.failures::toString);
        }
    }
}
