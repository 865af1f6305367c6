package io.zinit4j.client.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitTimeoutException;
import io.zinit4j.testkit.Fault;
import io.zinit4j.testkit.FakeZinitExtension;
import io.zinit4j.testkit.FakeZinitServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Connect and read timeouts, and connection failures that name the socket. */
class UnixSocketConnectorTest {
    @RegisterExtension
    final FakeZinitExtension ext = new FakeZinitExtension();

    private static UnixSocketConnector connector(Path socket, Duration read) {
        return new UnixSocketConnector(new SocketSettings(socket, Duration.ofSeconds(1), read));
    }

    @Test
    void writesAndReadsOnARealSocket() {
        FakeZinitServer z = ext.server();
        try (SocketConnection c = connector(z.socket(), Duration.ofSeconds(5)).connect()) {
            c.write("list\n".getBytes(StandardCharsets.UTF_8));
            byte[] buf = new byte[64];
            int n = c.read(buf);
            assertTrue(n > 0);
            assertEquals("list\n", z.lastRequest().text());
        }
    }

    @Test
    void silenceIsATimeout() {
        FakeZinitServer z = ext.server();
        z.fault(Fault.neverAnswer());
        try (SocketConnection c = connector(z.socket(), Duration.ofMillis(100)).connect()) {
            c.write("list\n".getBytes(StandardCharsets.UTF_8));
            ZinitTimeoutException e = assertThrows(ZinitTimeoutException.class, () -> c.read(new byte[16]));
            assertTrue(e.getMessage().contains(z.socket().toString()), e.getMessage());
        }
    }

    @Test
    void aMissingSocketIsAConnectionErrorNamingIt(@TempDir Path dir) {
        Path sock = dir.resolve("zinit.sock");
        ZinitConnectionException e = assertThrows(ZinitConnectionException.class,
                () -> connector(sock, Duration.ofSeconds(1)).connect());
        assertEquals(sock, e.socket());
        assertTrue(e.getMessage().contains("no socket at " + sock), e.getMessage());
    }

    @Test
    void aFileThatIsNotASocketIsRefused(@TempDir Path dir) throws IOException {
        Path notSocket = Files.writeString(dir.resolve("plain"), "x");
        ZinitConnectionException e = assertThrows(ZinitConnectionException.class,
                () -> connector(notSocket, Duration.ofSeconds(1)).connect());
        assertTrue(e.getMessage().contains(notSocket.toString()), e.getMessage());
    }

    @Test
    void aStaleSocketFileIsRefused() {
        FakeZinitServer z = FakeZinitServer.builder().build().start();
        Path sock = z.socket();
        z.close();
        assertThrows(ZinitConnectionException.class, () -> connector(sock, Duration.ofSeconds(1)).connect());
    }

    @Test
    void closeFromAnotherThreadUnblocksARead() throws InterruptedException {
        FakeZinitServer z = ext.server();
        z.fault(Fault.neverAnswer());
        SocketConnection c = connector(z.socket(), Duration.ofSeconds(30)).connect();
        c.write("list\n".getBytes(StandardCharsets.UTF_8));
        RuntimeException[] failure = new RuntimeException[1];
        Thread reader = new Thread(() -> {
            try {
                c.read(new byte[16]);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        });
        reader.start();
        Thread.sleep(50);
        c.close();
        reader.join(5000);
        assertTrue(!reader.isAlive(), "the reader was woken by close()");
        assertTrue(c.isClosed());
        assertTrue(failure[0] == null || failure[0] instanceof ZinitConnectionException,
                "a closed connection reads as its end or as a connection error, not a timeout: " + failure[0]);
    }

    @Test
    void aCommandOnTheJdkChannelReadsTheAnswer() {
        FakeZinitServer z = ext.server();
        try (CommandConnection c = connector(z.socket(), Duration.ofSeconds(5)).connectForCommand()) {
            assertTrue(c instanceof JdkSocketConnection, "the default for commands is the JDK's channel");
            c.write("list\n".getBytes(StandardCharsets.UTF_8));
            c.shutdownOutput();
            byte[] buf = new byte[4096];
            int n = c.read(buf, System.nanoTime() + Duration.ofSeconds(5).toNanos());
            assertTrue(n > 0);
            assertTrue(new String(buf, 0, n, StandardCharsets.UTF_8).startsWith("{"));
        }
    }

    @Test
    void silenceOnTheJdkChannelIsATimeoutAtTheDeadline() {
        FakeZinitServer z = ext.server();
        z.fault(Fault.neverAnswer());
        try (CommandConnection c = connector(z.socket(), Duration.ofSeconds(5)).connectForCommand()) {
            c.write("list\n".getBytes(StandardCharsets.UTF_8));
            ZinitTimeoutException e = assertThrows(ZinitTimeoutException.class,
                    () -> c.read(new byte[16], System.nanoTime() + Duration.ofMillis(100).toNanos()));
            assertTrue(e.getMessage().contains(z.socket().toString()), e.getMessage());
        }
    }

    @Test
    void aDeadlineAlreadyPassedIsATimeoutWithoutReading() {
        FakeZinitServer z = ext.server();
        try (CommandConnection c = connector(z.socket(), Duration.ofSeconds(5)).connectForCommand()) {
            assertThrows(ZinitTimeoutException.class, () -> c.read(new byte[16], System.nanoTime() - 1));
        }
    }

    @Test
    void aMissingSocketOnTheJdkChannelIsAConnectionErrorNamingIt(@TempDir Path dir) {
        Path sock = dir.resolve("zinit.sock");
        ZinitConnectionException e = assertThrows(ZinitConnectionException.class,
                () -> connector(sock, Duration.ofSeconds(1)).connectForCommand());
        assertEquals(sock, e.socket());
        assertEquals(ZinitConnectionException.Reason.NO_SOCKET, e.reason());
    }

    @Test
    void junixsocketCommandsWhenAskedFor() {
        FakeZinitServer z = ext.server();
        UnixSocketConnector junix = new UnixSocketConnector(new SocketSettings(z.socket(), Duration.ofSeconds(1),
                Duration.ofSeconds(5), io.zinit4j.client.SocketTransport.JUNIXSOCKET));
        try (CommandConnection c = junix.connectForCommand()) {
            assertTrue(c instanceof SocketConnection);
            assertTrue(!junix.streamsOnJdk());
        }
    }

    @Test
    void autoKeepsPlatformThreadsOnJunixsocketForStreams() {
        FakeZinitServer z = ext.server();
        // the test runs on a platform thread: AUTO takes the JDK's channel for streams only on virtual threads
        assertTrue(!connector(z.socket(), Duration.ofSeconds(1)).streamsOnJdk());
        assertTrue(!UnixSocketConnector.isVirtual(Thread.currentThread()));
    }
}
