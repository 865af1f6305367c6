package io.zinit4j.client.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.client.LogStream;
import io.zinit4j.client.internal.transport.SocketSettings;
import io.zinit4j.client.internal.transport.UnixSocketConnector;
import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitServerException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Edge cases of the legacy codec that the fake does not produce by itself. */
class LegacyCodecTest {
    private LegacyScriptedServer server;
    private LegacyCodec codec;

    @BeforeEach
    void start() throws IOException {
        server = new LegacyScriptedServer();
        codec = new LegacyCodec(new UnixSocketConnector(new SocketSettings(server.socket(), Duration.ofSeconds(2),
                Duration.ofSeconds(5))));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void anErrorAnswerToALogCommandIsTyped() {
        server.answer("{\"state\":\"error\",\"body\":\"invalid log command arguments\"}");
        try (LogStream s = codec.logs(null, false)) {
            ZinitServerException e = assertThrows(ZinitServerException.class, s::next);
            assertEquals("invalid log command arguments", e.serverMessage());
        }
    }

    @Test
    void aLastLogLineWithoutLineEndIsKept() {
        server.answer("[+] a: one\n[+] a: two");
        try (LogStream s = codec.logs("a", false)) {
            assertEquals("one", s.next().text());
            assertEquals("two", s.next().text());
            assertEquals(null, s.next());
        }
    }

    @Test
    void trailingBytesAfterTheAnswerAreAProtocolError() {
        server.answer("{\"state\":\"ok\",\"body\":{}}{\"state\":\"ok\",\"body\":{}}");
        assertThrows(ZinitProtocolException.class, codec::list);
    }

    @Test
    void aServerErrorThatIsNotRecognisedKeepsItsText() {
        server.answer("{\"state\":\"error\",\"body\":\"something new\"}");
        ZinitServerException e = assertThrows(ZinitServerException.class, codec::list);
        assertEquals(ZinitServerException.class, e.getClass());
        assertEquals("something new", e.serverMessage());
        assertTrue(e.getMessage().startsWith("list: "), e.getMessage());
    }

    @Test
    void anOversizedAnswerIsCutOff() {
        server.answer("{\"state\":\"ok\",\"body\":\"" + "x".repeat(LegacyCodec.MAX_RESPONSE_BYTES) + "\"}");
        ZinitProtocolException e = assertThrows(ZinitProtocolException.class, codec::list);
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void shutdownAcceptsAServerThatEndsWithoutAnswering() {
        server.answer("");
        codec.shutdown();
        assertEquals("shutdown", server.received().get(0));
        server.answer("");
        assertThrows(ZinitProtocolException.class, codec::list);
    }

    @Test
    void lineEndsAndNulCannotBeCarried() {
        for (String bad : new String[] {"a\nb", "a\rb", "a\0b"}) {
            assertThrows(InvalidServiceNameException.class, () -> codec.status(bad));
        }
        assertTrue(server.received().isEmpty());
    }
}
