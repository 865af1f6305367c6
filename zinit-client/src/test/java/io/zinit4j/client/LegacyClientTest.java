package io.zinit4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import io.zinit4j.model.Signal;
import io.zinit4j.testkit.Fault;
import io.zinit4j.testkit.FakeZinitExtension;
import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What only the legacy generation has, with the protocol forced to {@link Protocol#LEGACY}: no detection probe, the
 * exact bytes of each command line, the server's own garbage shapes. Every operation runs in both generations in
 * {@link ZinitClientContract}.
 */
class LegacyClientTest {
    @RegisterExtension
    final FakeZinitExtension ext = FakeZinitExtension.with(b -> b.restartDelay(Duration.ofMillis(30)));

    private final List<ZinitClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(ZinitClient::close);
    }

    private ZinitClient client() {
        return client(Duration.ofSeconds(5));
    }

    private ZinitClient client(Duration readTimeout) {
        FakeZinitServer z = ext.server();
        ZinitClient c = ZinitClient.builder().socket(z.socket()).configDir(z.configDir()).protocol(Protocol.LEGACY)
                .readTimeout(readTimeout).build();
        clients.add(c);
        return c;
    }

    @Test
    void protocolAndVersionSayLegacy() {
        ZinitClient c = client();
        assertEquals(Protocol.LEGACY, c.protocol());
        ServerVersion v = c.version();
        assertEquals(ServerVersion.Source.UNKNOWN, v.source());
        assertTrue(v.version().isEmpty(), "never a guessed version");
        assertTrue(v.raw().contains("0.2.14 or earlier"), v.raw());
        assertTrue(ext.server().requests().isEmpty(), "nothing needs the socket to tell the version");
    }

    @Test
    void eachCommandIsOneLineOnItsOwnConnection() {
        ext.server().writeService("web", "exec: sleep 1000\n");
        ZinitClient c = client();
        c.monitor("web");
        c.status("web");
        c.kill("web", Signal.SIGUSR1);
        c.list();
        List<RecordedRequest> sent = ext.server().requests();
        assertEquals(List.of("monitor web\n", "status web\n", "kill web SIGUSR1\n", "list\n"),
                sent.stream().map(RecordedRequest::text).toList());
        assertEquals(sent.size(), sent.stream().map(RecordedRequest::connection).distinct().count(),
                "zinit 0.2.14 answers one command per connection");
    }

    @Test
    void garbageHalfAnswersAndSilenceAreTypedErrors() {
        FakeZinitServer z = ext.server();
        ZinitClient c = client(Duration.ofMillis(200));
        z.fault(Fault.garbage("hello"));
        assertThrows(ZinitProtocolException.class, c::list);
        z.fault(Fault.garbage("{\"state\":\"maybe\",\"body\":null}"));
        assertThrows(ZinitProtocolException.class, c::list);
        z.fault(Fault.garbage("{\"state\":\"ok\",\"body\":{\"web\":3}}"));
        assertThrows(ZinitProtocolException.class, c::list);
        z.fault(Fault.garbage("{\"state\":\"ok\",\"body\":[]}"));
        assertThrows(ZinitProtocolException.class, () -> c.status("web"));
        z.fault(Fault.halfResponse());
        assertThrows(ZinitProtocolException.class, c::list);
        z.fault(Fault.closeEarly());
        ZinitProtocolException early = assertThrows(ZinitProtocolException.class, c::list);
        assertTrue(early.getMessage().contains("without answering"), early.getMessage());
        z.fault(Fault.neverAnswer());
        assertThrows(ZinitTimeoutException.class, c::list);
        z.fault(Fault.neverAnswer());
        assertThrows(ZinitTimeoutException.class, () -> c.logs(null).next());
        assertEquals(Map.of(), c.list(), "the next call works again");
    }
}
