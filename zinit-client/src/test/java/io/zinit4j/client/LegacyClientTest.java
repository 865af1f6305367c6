package io.zinit4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.error.ServiceConfigException;
import io.zinit4j.error.ServiceIsDownException;
import io.zinit4j.error.ServiceIsUpException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.ShuttingDownException;
import io.zinit4j.error.UnsupportedByServerException;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import io.zinit4j.model.Filter;
import io.zinit4j.model.LogLine;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.Behavior;
import io.zinit4j.testkit.Fault;
import io.zinit4j.testkit.FakeZinitExtension;
import io.zinit4j.testkit.FakeZinitServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every operation of {@link ZinitClient} over the legacy protocol, against the fake zinit. */
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

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached");
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private ZinitClient withWeb() {
        ext.server().writeService("web", "exec: sleep 1000\n");
        ZinitClient c = client();
        c.monitor("web");
        await(() -> c.status("web").state().is(StateKind.RUNNING));
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
    void listStatusExists() {
        ZinitClient c = client();
        assertEquals(Map.of(), c.list());
        assertEquals("list\n", ext.server().lastRequest().text());
        assertFalse(c.exists("web"));
        c = withWeb();
        assertEquals(Map.of("web", ServiceState.parse("Running")), c.list());
        ServiceStatus s = c.status("web");
        assertEquals("web", s.name());
        assertEquals(9511, s.pid());
        assertEquals(ServiceTarget.UP, s.target());
        assertTrue(c.exists("web"));
        assertEquals("status web\n", ext.server().lastRequest().text());
    }

    @Test
    void stopStartForget() {
        ZinitClient c = withWeb();
        c.stop("web");
        assertEquals("stop web\n", ext.server().lastRequest().text());
        await(() -> c.status("web").state().is(StateKind.ERROR));
        ServiceStatus s = c.status("web");
        assertEquals(Signal.SIGTERM, s.state().signal().orElseThrow());
        assertEquals(0, s.pid());
        assertEquals(ServiceTarget.DOWN, s.target());
        assertThrows(ServiceIsDownException.class, () -> c.kill("web", Signal.SIGKILL));
        c.start("web");
        assertEquals("start web\n", ext.server().lastRequest().text());
        await(() -> c.status("web").state().is(StateKind.RUNNING));
        assertThrows(ServiceIsUpException.class, () -> c.forget("web"));
        c.stop("web");
        c.forget("web");
        assertEquals("forget web\n", ext.server().lastRequest().text());
        assertThrows(ServiceNotFoundException.class, () -> c.status("web"));
    }

    @Test
    void killSendsTheSigName() {
        ext.server().script("web", Behavior.longRunning().ignoring(Signal.SIGTERM));
        ZinitClient c = withWeb();
        c.stop("web");
        assertEquals(StateKind.RUNNING, c.status("web").state().kind(), "it ignores the stop signal");
        c.kill("web", Signal.SIGUSR1);
        assertEquals("kill web SIGUSR1\n", ext.server().lastRequest().text());
        await(() -> c.status("web").state().is(StateKind.ERROR));
        ServiceStatus s = c.status("web");
        assertEquals(Signal.SIGUSR1, s.state().signal().orElseThrow());
        assertEquals(9511, s.state().processId().orElseThrow());
        assertEquals(0, s.pid());
    }

    @Test
    void zinitRestartsAProcessThatDiesWhileItsTargetIsUp() {
        ZinitClient c = withWeb();
        c.kill("web", Signal.SIGKILL);
        await(() -> c.status("web").pid() == 9512 && c.status("web").state().is(StateKind.RUNNING));
        assertEquals(ServiceTarget.UP, c.status("web").target());
    }

    @Test
    void pauseIsNotFatalToTheProcess() {
        ZinitClient c = withWeb();
        c.kill("web", Signal.SIGSTOP);
        c.kill("web", Signal.SIGCONT);
        assertTrue(c.status("web").state().is(StateKind.RUNNING));
    }

    @Test
    void typedErrorsForEveryServerText() {
        ZinitClient c = client();
        assertThrows(ServiceNotFoundException.class, () -> c.status("nope"));
        assertThrows(ServiceNotFoundException.class, () -> c.start("nope"));
        assertThrows(ServiceNotFoundException.class, () -> c.stop("nope"));
        assertThrows(ServiceNotFoundException.class, () -> c.forget("nope"));
        assertThrows(ServiceNotFoundException.class, () -> c.kill("nope", Signal.SIGTERM));
        ServiceConfigException config = assertThrows(ServiceConfigException.class, () -> c.monitor("nope"));
        assertEquals("failed to load service config", config.serverMessage());
        assertTrue(config.getMessage().contains("monitor nope"), config.getMessage());
        ext.server().writeService("web", "exec: sleep 1000\n");
        c.monitor("web");
        assertThrows(ServiceAlreadyMonitoredException.class, () -> c.monitor("web"));
        assertThrows(ServiceIsUpException.class, () -> c.forget("web"));
    }

    @Test
    void namesAreCheckedBeforeAnythingIsSent() {
        ZinitClient c = client();
        assertThrows(InvalidServiceNameException.class, () -> c.status("a\nlist"));
        assertThrows(InvalidServiceNameException.class, () -> c.start("../x"));
        assertThrows(InvalidServiceNameException.class, () -> c.kill("a b", Signal.SIGKILL));
        assertTrue(ext.server().requests().isEmpty());
    }

    @Test
    void shutdownAndReboot() {
        ZinitClient c = withWeb();
        c.shutdown();
        assertEquals("shutdown\n", ext.server().lastRequest().text());
        assertTrue(ext.server().shutdownRequested());
        assertThrows(ShuttingDownException.class, () -> c.start("web"));
        assertThrows(ShuttingDownException.class, c::reboot);
        assertEquals("reboot\n", ext.server().lastRequest().text());
    }

    @Test
    void rebootOfAFreshServer() {
        ZinitClient c = client();
        c.reboot();
        assertTrue(ext.server().rebootRequested());
    }

    @Test
    void logSnapshotFilteredOnTheClient() {
        FakeZinitServer z = ext.server();
        z.addLog("web", "one");
        z.addLog("[-] web/test: probing");
        z.addLog("db", "other");
        z.addLog("[+] webby: not web");
        ZinitClient c = client();
        List<String> all = new ArrayList<>();
        try (LogStream s = c.logs(null)) {
            s.forEach(l -> all.add(l.raw()));
        }
        assertEquals(List.of("[+] web: one", "[-] web/test: probing", "[+] db: other", "[+] webby: not web"), all);
        assertEquals("log snapshot\n", z.lastRequest().text());
        List<LogLine> web;
        try (LogStream s = c.logs("web")) {
            web = s.stream().toList();
        }
        assertEquals(2, web.size());
        assertEquals("one", web.get(0).text());
        assertEquals(LogLine.LogStream.STDOUT, web.get(0).stream());
        assertEquals("web/test", web.get(1).service());
    }

    @Test
    void followedLogGetsNewLinesAndClosesFromAnotherThread() throws InterruptedException {
        FakeZinitServer z = ext.server();
        z.addLog("web", "old");
        ZinitClient c = client(Duration.ofMillis(300));
        LogStream s = c.followLogs("web");
        assertEquals("old", s.next().text());
        z.addLog("db", "ignored");
        z.addLog("web", "new");
        assertEquals("new", s.next().text(), "a quiet log longer than the read timeout is not an error");
        CountDownLatch ended = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            assertNull(s.next());
            ended.countDown();
        });
        reader.start();
        s.close();
        assertTrue(ended.await(5, TimeUnit.SECONDS), "close() ends a blocked next()");
        s.close();
    }

    @Test
    void jsonRpcOnlyOperationsAreUnsupported() {
        ZinitClient c = withWeb();
        for (Runnable op : List.<Runnable>of(() -> c.stats("web"), c::discover, c::stopHttpServer,
                () -> c.startHttpServer("127.0.0.1:8080"))) {
            UnsupportedByServerException e = assertThrows(UnsupportedByServerException.class, op::run);
            assertTrue(e.getMessage().contains("legacy line protocol (zinit <= 0.2.14)"), e.getMessage());
        }
    }

    @Test
    void matchesByNameAndStateWithOneListCall() {
        FakeZinitServer z = ext.server();
        z.writeService("web", "exec: sleep 1000\n");
        z.writeService("db", "exec: sleep 1000\n");
        z.script("db", Behavior.unstartable());
        ZinitClient c = client();
        c.monitor("web");
        c.monitor("db");
        await(() -> c.status("web").state().is(StateKind.RUNNING));
        z.clearRequests();
        assertEquals(List.of("db", "web"), c.matches());
        assertEquals(List.of("web"), c.matches(Filter.name("web")));
        assertEquals(List.of("db"), c.matches(Filter.state(StateKind.FAILURE)));
        assertEquals(3, z.requests().size(), "one list per matches call, no status calls");
        assertTrue(z.requests().stream().allMatch(r -> r.text().equals("list\n")));
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

    @Test
    void missingSocketNamesThePath(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path sock = dir.resolve("nothing.sock");
        try (ZinitClient c = ZinitClient.builder().socket(sock).protocol(Protocol.LEGACY).build()) {
            ZinitConnectionException e = assertThrows(ZinitConnectionException.class, c::list);
            assertEquals(sock, e.socket());
            assertTrue(e.getMessage().contains(sock.toString()), e.getMessage());
        }
    }

    @Test
    void getChecksTheStatusFirstAndFileOperationsCheckNames() {
        ZinitClient c = client();
        assertThrows(ServiceNotFoundException.class, () -> c.get("nope"));
        assertEquals("status nope\n", ext.server().lastRequest().text());
        int before = ext.server().requests().size();
        assertThrows(InvalidServiceNameException.class, () -> c.loadService("../passwd"));
        assertThrows(InvalidServiceNameException.class, () -> c.removeService("a/b"));
        assertThrows(InvalidServiceNameException.class, () -> c.logs("a b"));
        assertEquals(before, ext.server().requests().size());
    }

    @Test
    void aFollowedLogEndsWhenTheServerGoesAway() {
        FakeZinitServer z = ext.server();
        z.addLog("web", "one");
        ZinitClient c = client();
        try (LogStream s = c.followLogs(null)) {
            assertEquals("one", s.next().text());
            z.close();
            assertNull(s.next());
        }
    }

    @Test
    void aClosedClientRefusesWork() {
        ZinitClient c = client();
        c.list();
        c.close();
        c.close();
        assertThrows(IllegalStateException.class, c::list);
        assertTrue(c.toString().contains(ext.server().socket().toString()));
    }
}
