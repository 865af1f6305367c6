package io.zinit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zinit4j.client.lifecycle.LifecycleClock;
import io.zinit4j.testkit.FakeZinitHttpServer;
import org.junit.jupiter.api.Test;

/**
 * The whole command-line contract (and the JSON-RPC extras) with {@code --url} instead of {@code -s}: every command
 * reaches the fake zinit 0.2.28 through its HTTP front, followed logs over WebSocket. The tests inherited from {@link
 * FakeServerZinitCtlTest} that pass {@code -s} themselves still check the socket option.
 */
class HttpFakeServerZinitCtlTest extends JsonRpcFakeServerZinitCtlTest {
    @Override
    protected CliBackend newBackend(LifecycleClock clock) {
        FakeServerBackend b = (FakeServerBackend) super.newBackend(clock);
        b.http = FakeZinitHttpServer.serve(b.zinit);
        return b;
    }

    @Test
    void everyRequestWentOverHttp() {
        fake().zinit.clearRequests();
        run("list").ok();
        run("status", "web").ok();
        assertTrue(fake().zinit.requests().size() >= 2, fake().zinit.requests().toString());
    }

    @Test
    void versionNamesTheUrl() {
        JsonNode j = run("version", "--json").ok().json();
        assertEquals(fake().http.url().toString(), j.get("server").get("url").asText());
        assertTrue(run("version").ok().out().contains("on " + fake().http.url()));
    }

    @Test
    void aSocketAndAUrlTogetherAreAUsageError() {
        Run r = runWith(ClientFactory.standard(), "-s", fake().zinit.socket().toString(), "--url",
                fake().http.url().toString(), "list");
        r.failed(ExitCodes.USAGE);
        assertTrue(r.err().contains("not both"), r.err());
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageError() {
        Run r = runWith(ClientFactory.standard(), "--url", "ftp://host/", "list");
        r.failed(ExitCodes.USAGE);
        assertTrue(r.err().contains("http://HOST:PORT"), r.err());
    }
}
