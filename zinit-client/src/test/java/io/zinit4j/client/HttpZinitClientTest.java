package io.zinit4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.testkit.FakeZinitHttpServer;
import io.zinit4j.testkit.Generation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link ZinitClientContract} over zinit's HTTP server: the JSON-RPC fake behind its HTTP front, the client built
 * with {@link ZinitClientBuilder#url}. Every request is a POST, a followed log a WebSocket. The tests of the contract
 * that build their own socket client (socket choice, {@code ZINIT_SOCKET}, a missing socket) still test the socket.
 */
class HttpZinitClientTest extends ZinitClientContract {
    private FakeZinitHttpServer http;

    HttpZinitClientTest() {
        super(Generation.JSON_RPC);
    }

    @BeforeEach
    void serveHttp() {
        http = FakeZinitHttpServer.serve(fake());
    }

    @AfterEach
    void stopHttp() {
        http.close();
    }

    @Override
    ZinitClientBuilder reach(ZinitClientBuilder b) {
        return b.url(http.url());
    }

    @Override
    String where() {
        return http.url().toString();
    }

    /** Replaces the socket test: an HTTP client has no socket, and says where it goes instead. */
    @Override
    @Test
    void socketChoiceIsTheExplicitSocket() {
        ZinitClient c = client();
        assertEquals(Optional.of(http.url()), c.url());
        IllegalStateException e = assertThrows(IllegalStateException.class, c::socketChoice);
        assertTrue(e.getMessage().contains(http.url().toString()), e.getMessage());
        assertEquals(List.of(), ops(), "nothing is sent to tell where the client goes");
    }

    /** Replaces the socket test: the JDK's HTTP client pools its connections out of sight, so none is reported. */
    @Override
    @Test
    void connectionsOpenedLostAndReopened() {
        Recorder r = new Recorder();
        ZinitClient c = listening(r, java.time.Duration.ofMillis(300));
        assertEquals(java.util.Map.of(), c.list());
        fake().fault(io.zinit4j.testkit.Fault.closeEarly());
        assertThrows(io.zinit4j.error.ZinitException.class, c::list);
        assertEquals(java.util.Map.of(), c.list());
        assertEquals(List.of(), r.connectionKinds());
        assertEquals(List.of("callStart list", "callEnd list", "callStart list", "callFailed list", "callStart list",
                "callEnd list"), r.callKinds());
    }
}
