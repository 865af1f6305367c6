package io.zinit4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.lifecycle.PollPolicy;
import io.zinit4j.client.lifecycle.ServiceWatch;
import io.zinit4j.client.lifecycle.StateChange;
import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.error.ServiceConfigRejectedException;
import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.ServiceFileFormatException;
import io.zinit4j.error.ServiceIsDownException;
import io.zinit4j.error.ServiceIsUpException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.ShuttingDownException;
import io.zinit4j.error.UnsupportedByServerException;
import io.zinit4j.error.WaitTimeoutException;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import io.zinit4j.model.Filter;
import io.zinit4j.model.LogLine;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.Behavior;
import io.zinit4j.testkit.FakeZinitExtension;
import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Fault;
import io.zinit4j.testkit.Generation;
import io.zinit4j.testkit.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link ZinitClient}, written once and run against the fake zinit of each protocol generation by the
 * subclasses. The client is built the same way for both ({@link Protocol#AUTO}), so every test here is also a test that
 * the same calling code drives both generations. Where the generations must differ on the wire (what is sent, whether
 * service files go through the server), the test asks {@link #generation()} and says why.
 */
abstract class ZinitClientContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generous: only reached when something is broken; nothing asserts how long an operation took. */
    static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * The defaults, except that a failure state already there before a start ends a start wait after 200 ms instead
     * of 3 s (the fake restarts a crashed service after 30 ms, not after zinit's second or two).
     */
    static final PollPolicy POLICY = PollPolicy.defaults().toBuilder().failureGrace(Duration.ofMillis(200)).build();

    private final Generation generation;

    @RegisterExtension
    final FakeZinitExtension ext;

    private final List<ZinitClient> clients = new ArrayList<>();

    ZinitClientContract(Generation generation) {
        this.generation = generation;
        this.ext = FakeZinitExtension.with(b -> b.generation(generation).restartDelay(Duration.ofMillis(30))
                .stopAnswerDelay(Duration.ZERO).statsDelay(Duration.ZERO));
    }

    /** @return the generation of the fake this run talks to */
    final Generation generation() {
        return generation;
    }

    /** @return the protocol the client must detect */
    final Protocol expectedProtocol() {
        return generation == Generation.LEGACY ? Protocol.LEGACY : Protocol.JSON_RPC;
    }

    final boolean legacy() {
        return generation == Generation.LEGACY;
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ZinitClient::close);
    }

    FakeZinitServer fake() {
        return ext.server();
    }

    /** The one way every test builds its client: nothing generation-specific. */
    ZinitClient client() {
        return client(Duration.ofSeconds(5));
    }

    ZinitClient client(Duration readTimeout) {
        ZinitClient c = reach(ZinitClient.builder()).configDir(fake().configDir())
                .readTimeout(readTimeout).pollPolicy(POLICY).build();
        clients.add(c);
        return c;
    }

    /**
     * Points a builder at the fake the way this run reaches it: its socket here; a subclass for another transport
     * (HTTP) overrides this, and every test that builds with {@link #client()} then runs over that transport.
     */
    ZinitClientBuilder reach(ZinitClientBuilder b) {
        return b.socket(fake().socket());
    }

    /** {@return how this run names the server in messages: the socket path, or the URL} */
    String where() {
        return fake().socket().toString();
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not reached within " + WAIT);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static ServiceConfig sleeper() {
        return ServiceConfig.builder().exec("sleep 1000").build();
    }

    /** A client with "web" (sleep 1000) added, monitored and running. */
    ZinitClient withWeb() {
        ZinitClient c = client();
        c.addService("web", sleeper());
        c.monitor("web");
        c.startWait(WAIT, "web");
        return c;
    }

    /**
     * A request in one comparable form for both generations: a legacy line as sent without its newline, a JSON-RPC
     * request as its method followed by its textual positional parameters.
     */
    static String op(RecordedRequest r) {
        String text = r.text().strip();
        if (!text.startsWith("{")) {
            return text;
        }
        try {
            JsonNode n = JSON.readTree(text);
            StringBuilder out = new StringBuilder(n.path("method").asText());
            for (JsonNode p : n.path("params")) {
                if (p.isValueNode()) {
                    out.append(' ').append(p.asText());
                }
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> ops() {
        return fake().requests().stream().map(ZinitClientContract::op).toList();
    }

    String lastOp() {
        return op(fake().lastRequest());
    }

    /** @return the request each generation must have sent */
    String wire(String legacyLine, String rpcRequest) {
        return legacy() ? legacyLine : rpcRequest;
    }

    // ------------------------------------------------------------------ detection, version, socket

    @Test
    void autoDetectionPicksTheGenerationAndLeavesNoStrayCommand() {
        ZinitClient c = client();
        assertTrue(fake().requests().isEmpty(), "building a client sends nothing");
        assertEquals(expectedProtocol(), c.protocol());
        // one probe, the JSON-RPC service_list: a legacy server answers it with an error and acts on nothing
        assertEquals(List.of("service_list"), ops());
        assertEquals(expectedProtocol(), c.protocol(), "detected once");
        assertEquals(1, fake().requests().size());
        assertEquals(Map.of(), c.list());
        assertEquals(List.of("service_list", wire("list", "service_list")), ops());
        assertTrue(fake().monitored().isEmpty(), "the probe changed nothing on the server");
    }

    @Test
    void aFirstListThatDetectsTheProtocolIsAnsweredByTheProbeOnJsonRpc() {
        ZinitClient setup = client();
        setup.addService("web", sleeper());
        setup.monitor("web");
        fake().clearRequests();
        ZinitClient c = client();
        assertEquals(List.of("web"), List.copyOf(c.list().keySet()));
        // JSON-RPC: the probe is a service_list, and its answer is the list; legacy: the probe fails, so list asks
        assertEquals(legacy() ? List.of("service_list", "list") : List.of("service_list"), ops());
        assertEquals(List.of("web"), List.copyOf(c.list().keySet()));
        assertEquals(legacy() ? 3 : 2, ops().size(), "later calls ask the server");
    }

    @Test
    void versionIsNeverAGuess() {
        ZinitClient c = client();
        ServerVersion v = c.version();
        assertEquals(ServerVersion.Source.UNKNOWN, v.source());
        assertTrue(v.version().isEmpty(), v.toString());
        assertTrue(v.raw().contains(legacy() ? "0.2.14 or earlier" : "0.2.15 or later"), v.raw());
        assertEquals(List.of("service_list"), ops(), "only the detection probe; no version call exists");
    }

    @Test
    void socketChoiceIsTheExplicitSocket() {
        ZinitClient c = client();
        assertEquals(fake().socket(), c.socketChoice().path());
        assertEquals("set explicitly", c.socketChoice().reason());
    }

    @Test
    void configDirIsTheBuildersAndDefaultsToEtcZinitWithoutConnecting() {
        assertEquals(fake().configDir(), client().configDir());
        try (ZinitClient c = ZinitClient.builder().socket(fake().socket()).build()) {
            assertEquals(java.nio.file.Path.of("/etc/zinit"), c.configDir());
        }
        assertEquals(List.of(), ops(), "the config directory is known without asking the server");
    }

    @Test
    void theSocketFromZinitSocketIsUsed() {
        try (ZinitClient c = ZinitClient.builder().environment(Map.of("ZINIT_SOCKET", fake().socket().toString()))
                .configDir(fake().configDir()).build()) {
            assertEquals(new SocketChoice(fake().socket(), "from ZINIT_SOCKET"), c.socketChoice());
            assertEquals(expectedProtocol(), c.protocol());
            assertEquals(Map.of(), c.list());
        }
    }

    // ------------------------------------------------------------------ reading

    @Test
    void listStatusExistsGet() {
        ZinitClient c = client();
        assertEquals(Map.of(), c.list());
        assertFalse(c.exists("web"));
        assertThrows(ServiceNotFoundException.class, () -> c.get("web"));
        c.addService("web", sleeper());
        c.monitor("web");
        c.startWait(WAIT, "web");
        assertEquals(Map.of("web", ServiceState.parse("Running")), c.list());
        ServiceStatus s = c.status("web");
        assertEquals("web", s.name());
        assertEquals(9511, s.pid());
        assertEquals(ServiceTarget.UP, s.target());
        assertTrue(s.state().is(StateKind.RUNNING));
        assertEquals(wire("status web", "service_status web"), lastOp());
        assertTrue(c.exists("web"));
        assertEquals(sleeper(), c.get("web"));
    }

    @Test
    void getOfAnUnmonitoredServiceFailsEvenWithAFile() {
        ZinitClient c = client();
        c.addService("web", sleeper());
        assertThrows(ServiceNotFoundException.class, () -> c.get("web"));
        assertEquals(sleeper(), c.loadService("web"), "loadService reads the file whether monitored or not");
    }

    // ------------------------------------------------------------------ service files

    @Test
    void addServiceIsIdempotentAndGoesWhereTheServerReadsFiles() throws IOException {
        ZinitClient c = client();
        c.protocol();
        fake().clearRequests();
        assertTrue(c.addService("web", sleeper()));
        Path file = fake().configDir().resolve("web.yaml");
        assertTrue(Files.exists(file));
        assertEquals(sleeper(), ServiceConfig.fromYaml(Files.readString(file)));
        if (legacy()) {
            assertTrue(fake().requests().isEmpty(), "a legacy zinit has no file call: the config dir is written");
        } else {
            assertTrue(ops().contains("service_create web"), ops().toString());
        }
        fake().clearRequests();
        assertFalse(c.addService("web", sleeper()), "identical content changes nothing");
        assertFalse(ops().stream().anyMatch(o -> o.startsWith("service_create") || o.startsWith("service_delete")),
                ops().toString());
        ServiceConfig changed = ServiceConfig.builder().exec("sleep 2000").test("true").build();
        assertTrue(c.addService("web", changed));
        assertEquals(changed, c.loadService("web"));
        assertEquals(changed, ServiceConfig.fromYaml(Files.readString(file)));
    }

    @Test
    void everyFieldOfAServiceFileRoundTripsAndStaysIdempotent() {
        ServiceConfig rich = ServiceConfig.builder().exec("redis-server --port 6379 --dir '/var/lib/my redis'")
                .test("redis-cli -p 6379 ping").oneshot(false).shutdownTimeout(Duration.ofSeconds(7))
                .after("net", "disks").stopSignal(Signal.SIGINT).log(io.zinit4j.model.LogType.STDOUT)
                .env("A", "1").env("EMPTY", "").env("QUOTED", "it's \"here\"").dir("/srv").build();
        ZinitClient c = client();
        assertTrue(c.addService("redis", rich));
        assertEquals(rich, c.loadService("redis"));
        assertFalse(c.addService("redis", rich), "the same file read back is equal, so nothing is rewritten");
        ServiceConfig job = ServiceConfig.builder().exec("true").oneshot(true).build();
        assertTrue(c.addService("job", job));
        assertFalse(c.addService("job", job));
        assertEquals(job, c.loadService("job"));
    }

    @Test
    void addServiceReplacesABrokenFile() {
        fake().writeService("web", "exec: [broken\n");
        ZinitClient c = client();
        assertThrows(ServiceFileFormatException.class, () -> c.loadService("web"), "one type in both generations");
        assertTrue(c.addService("web", sleeper()));
        assertEquals(sleeper(), c.loadService("web"));
    }

    @Test
    void removeAndLoadService() {
        ZinitClient c = client();
        assertThrows(ServiceNotFoundException.class, () -> c.loadService("web"));
        assertFalse(c.removeService("web"));
        c.addService("web", sleeper());
        assertEquals(sleeper(), c.loadService("web"));
        assertTrue(c.removeService("web"));
        assertFalse(Files.exists(fake().configDir().resolve("web.yaml")));
        assertFalse(c.removeService("web"));
        assertThrows(ServiceNotFoundException.class, () -> c.loadService("web"));
    }

    @Test
    void aServiceAddedByTheClientCanBeMonitoredByTheServer() {
        ZinitClient c = client();
        c.addService("job", ServiceConfig.builder().exec("true").oneshot(true).build());
        c.monitor("job");
        assertEquals(wire("monitor job", "service_monitor job"), lastOp());
        c.startWait(WAIT, "job");
        assertTrue(c.status("job").state().any(StateKind.RUNNING, StateKind.SUCCESS));
    }

    // ------------------------------------------------------------------ commands

    @Test
    void stopStartForget() {
        ZinitClient c = withWeb();
        c.stop("web");
        assertEquals(wire("stop web", "service_stop web"), lastOp());
        await(() -> c.status("web").state().is(StateKind.ERROR));
        ServiceStatus s = c.status("web");
        assertEquals(Signal.SIGTERM, s.state().signal().orElseThrow());
        assertEquals(0, s.pid());
        assertEquals(ServiceTarget.DOWN, s.target());
        c.start("web");
        assertEquals(wire("start web", "service_start web"), lastOp());
        await(() -> c.status("web").state().is(StateKind.RUNNING));
        assertEquals(ServiceTarget.UP, c.status("web").target());
        c.stopWait(WAIT, "web");
        c.forget("web");
        assertEquals(wire("forget web", "service_forget web"), lastOp());
        assertFalse(c.exists("web"));
        assertTrue(Files.exists(fake().configDir().resolve("web.yaml")), "forget keeps the file");
    }

    @Test
    void killSendsTheSignalName() {
        fake().script("web", Behavior.longRunning().ignoring(Signal.SIGTERM));
        ZinitClient c = withWeb();
        c.kill("web", Signal.SIGUSR1);
        assertEquals(wire("kill web SIGUSR1", "service_kill web SIGUSR1"), lastOp());
        // zinit restarts a process that dies while its target is up
        await(() -> c.status("web").pid() == 9512 && c.status("web").state().is(StateKind.RUNNING));
    }

    @Test
    void pauseAndResumeSendStopAndContAndTheServiceStaysRunning() {
        ZinitClient c = withWeb();
        c.pause("web");
        assertEquals(wire("kill web SIGSTOP", "service_kill web SIGSTOP"), lastOp());
        assertTrue(c.status("web").state().is(StateKind.RUNNING));
        c.resume("web");
        assertEquals(wire("kill web SIGCONT", "service_kill web SIGCONT"), lastOp());
        ServiceStatus s = c.status("web");
        assertTrue(s.state().is(StateKind.RUNNING));
        assertEquals(9511, s.pid());
    }

    @Test
    void shutdownThenEverythingIsRefused() {
        ZinitClient c = withWeb();
        c.shutdown();
        assertEquals(wire("shutdown", "system_shutdown"), lastOp());
        assertTrue(fake().shutdownRequested());
        assertThrows(ShuttingDownException.class, () -> c.start("web"));
    }

    @Test
    void reboot() {
        ZinitClient c = client();
        c.reboot();
        assertEquals(wire("reboot", "system_reboot"), lastOp());
        assertTrue(fake().rebootRequested());
    }

    // ------------------------------------------------------------------ typed errors

    @Test
    void typedErrors() {
        ZinitClient c = client();
        assertThrows(ServiceNotFoundException.class, () -> c.status("nope"));
        assertThrows(ServiceNotFoundException.class, () -> c.start("nope"));
        assertThrows(ServiceNotFoundException.class, () -> c.stop("nope"));
        assertThrows(ServiceNotFoundException.class, () -> c.forget("nope"));
        assertThrows(ServiceNotFoundException.class, () -> c.kill("nope", Signal.SIGTERM));
        assertThrows(ServiceNotFoundException.class, () -> c.startWait(WAIT, "nope"));
        assertThrows(ServiceNotFoundException.class, () -> c.stopWait(WAIT, "nope"));
        assertThrows(ServiceConfigRejectedException.class, () -> c.monitor("nope"), "no file to load");
        c.addService("web", sleeper());
        c.monitor("web");
        assertThrows(ServiceAlreadyMonitoredException.class, () -> c.monitor("web"));
        c.startWait(WAIT, "web");
        assertThrows(ServiceIsUpException.class, () -> c.forget("web"));
        c.stopWait(WAIT, "web");
        assertThrows(ServiceIsDownException.class, () -> c.kill("web", Signal.SIGKILL));
    }

    @Test
    void aBrokenServiceFileIsAConfigError() {
        fake().writeService("bad", "exec: [unclosed\n");
        ZinitClient c = client();
        assertThrows(ServiceConfigRejectedException.class, () -> c.monitor("bad"));
        assertFalse(c.exists("bad"));
    }

    @Test
    void badNamesAreRejectedBeforeAnythingIsSent() {
        ZinitClient c = client();
        for (String bad : List.of("../x", "a b", "a\nlist", "", "a/b")) {
            List<Executable> ops = List.of(
                    () -> c.status(bad), () -> c.exists(bad), () -> c.get(bad), () -> c.start(bad),
                    () -> c.stop(bad), () -> c.monitor(bad), () -> c.forget(bad), () -> c.kill(bad, Signal.SIGKILL),
                    () -> c.logs(bad), () -> c.followLogs(bad), () -> c.addService(bad, sleeper()),
                    () -> c.removeService(bad), () -> c.loadService(bad), () -> c.stats(bad),
                    () -> c.startWait(WAIT, bad), () -> c.stopWait(WAIT, bad), () -> c.startMultiple(WAIT, "ok", bad),
                    () -> c.stopMultiple(WAIT, "ok", bad), () -> c.destroy(WAIT, "ok", bad),
                    () -> c.restart(WAIT, bad), () -> c.pause(bad), () -> c.resume(bad), () -> c.watch("ok", bad));
            for (Executable op : ops) {
                assertThrows(InvalidServiceNameException.class, op, () -> "name " + bad.replace("\n", "\\n"));
            }
        }
        assertTrue(fake().requests().isEmpty(), "not even the detection probe: " + ops());
        assertTrue(c.matches(Filter.name("../x")).isEmpty(), "a filter is not a name to send");
    }

    @Test
    void aDottedNameIsAServiceOnLegacyAndRefusedByJsonRpcZinit() {
        ZinitClient c = client();
        if (legacy()) {
            // zinit 0.2.14 only appends .yaml, so "api.v2" is a name like any other
            assertTrue(c.addService("api.v2", sleeper()));
            c.monitor("api.v2");
            c.startWait(WAIT, "api.v2");
            assertTrue(c.exists("api.v2"));
            return;
        }
        // zinit 0.2.28 refuses '.' in names (-32602 InvalidServiceName): the same typed error as a local refusal
        InvalidServiceNameException e = assertThrows(InvalidServiceNameException.class,
                () -> c.addService("api.v2", sleeper()));
        assertTrue(e.getMessage().contains("api.v2"), e.getMessage());
        assertThrows(InvalidServiceNameException.class, () -> c.monitor("api.v2"));
        assertFalse(Files.exists(fake().configDir().resolve("api.v2.yaml")));
    }

    @Test
    void aClosedClientRefusesWork() {
        ZinitClient c = client();
        c.list();
        c.close();
        c.close();
        fake().clearRequests();
        List<Executable> ops = List.of(c::list, c::protocol, c::version, () -> c.status("web"),
                () -> c.start("web"), () -> c.addService("web", sleeper()), () -> c.logs(null),
                () -> c.startWait(WAIT, "web"), () -> c.stopWait(WAIT, "web"), () -> c.startMultiple(WAIT, "web"),
                () -> c.destroy(WAIT, "web"), () -> c.restart(WAIT, "web"), () -> c.pause("web"),
                () -> c.watch("web"), c::matches);
        for (Executable op : ops) {
            assertThrows(IllegalStateException.class, op);
        }
        assertTrue(fake().requests().isEmpty(), ops().toString());
        assertTrue(c.toString().contains(where()), c.toString());
    }

    @Test
    void closingTheClientEndsAWaitInProgress() throws InterruptedException {
        fake().script("web", Behavior.longRunning().withSpawnTime(Duration.ofHours(1)));
        ZinitClient c = client();
        c.addService("web", sleeper());
        c.monitor("web");
        CountDownLatch ended = new CountDownLatch(1);
        List<Throwable> thrown = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread waiter = new Thread(() -> {
            try {
                c.startWait(Duration.ofMinutes(1), "web");
            } catch (Throwable e) {
                thrown.add(e);
            }
            ended.countDown();
        });
        waiter.start();
        await(() -> ops().stream().filter(o -> o.equals(wire("status web", "service_status web"))).count() >= 2);
        c.close();
        assertTrue(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the wait ends at its next poll");
        assertEquals(1, thrown.size());
        assertTrue(thrown.get(0) instanceof ZinitException || thrown.get(0) instanceof IllegalStateException,
                thrown.toString());
    }

    // ------------------------------------------------------------------ logs

    @Test
    void logSnapshotAllAndOneService() {
        FakeZinitServer z = fake();
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
        List<LogLine> web;
        try (LogStream s = c.logs("web")) {
            web = s.stream().toList();
        }
        assertEquals(List.of("one", "probing"), web.stream().map(LogLine::text).toList());
        assertEquals(LogLine.LogStream.STDOUT, web.get(0).stream());
        assertEquals("web/test", web.get(1).service());
    }

    @Test
    void followedLogsGetNewLinesOfTheirServiceAndCloseFromAnotherThread() throws InterruptedException {
        FakeZinitServer z = fake();
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
        assertTrue(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS), "close() ends a blocked next()");
        s.close();
        assertEquals(Map.of(), c.list(), "the client still works after a followed log");
    }

    @Test
    void closingTheClientEndsItsFollowedLogs() throws InterruptedException {
        fake().addLog("web", "one");
        ZinitClient c = client();
        LogStream s = c.followLogs(null);
        assertEquals("one", s.next().text());
        CountDownLatch ended = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            s.next();
            ended.countDown();
        });
        reader.start();
        c.close();
        assertTrue(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS), "a blocked next() ends when the client closes");
        assertNull(s.next());
    }

    @Test
    void followedLogOfAllServicesSeesServiceOutput() {
        fake().script("web", Behavior.longRunning().printing("hello"));
        ZinitClient c = client();
        try (LogStream s = c.followLogs(null)) {
            c.addService("web", sleeper());
            c.monitor("web");
            LogLine line;
            do {
                line = s.next();
            } while (line != null && !line.text().equals("hello"));
            assertEquals("web", line.service());
        }
    }

    // ------------------------------------------------------------------ matches

    @Test
    void matchesEveryFilterKind() {
        FakeZinitServer z = fake();
        z.script("bad", Behavior.unstartable());
        ZinitClient c = client();
        c.addService("web", sleeper());
        c.addService("db", ServiceConfig.builder().exec("/usr/bin/redis-server --port 1").build());
        c.addService("bad", ServiceConfig.builder().exec("/nowhere/redis-server").build());
        c.addService("lonely", sleeper()); // has a file, is not monitored: never matches
        for (String n : List.of("web", "db", "bad")) {
            c.monitor(n);
        }
        c.startMultiple(WAIT, "web", "db");
        await(() -> c.status("bad").state().is(StateKind.FAILURE));
        assertEquals(List.of("bad", "db", "web"), c.matches());
        assertEquals(List.of("web"), c.matches(Filter.name("web")));
        assertEquals(List.of("bad", "db"), c.matches(Filter.exec("redis-server")));
        assertEquals(List.of("web"), c.matches(Filter.execRegex("^sleep ")));
        assertEquals(List.of("bad"), c.matches(Filter.state(StateKind.FAILURE)));
        assertEquals(List.of("db"), c.matches(Filter.exec("redis-server"), Filter.state(StateKind.RUNNING)));
        assertEquals(List.of("db"), c.matches(Filter.exec("redis-server").and(Filter.state(StateKind.RUNNING))));
        assertEquals(List.of("bad", "web"), c.matches(Filter.name("web").or(Filter.state(StateKind.FAILURE))));
        assertEquals(List.of("bad", "db"), c.matches(Filter.name("web").negate()));
        assertEquals(List.of(), c.matches(Filter.name("lonely")));
    }

    @Test
    void matchesOnTheFileFailsTheSameWayWhenAMonitoredServiceHasABrokenFile() {
        ZinitClient c = withWeb();
        fake().writeService("web", "exec: [broken\n");
        assertThrows(ServiceFileFormatException.class, () -> c.matches(Filter.exec("sleep")));
        assertEquals(List.of("web"), c.matches(Filter.name("web")), "a filter that needs no file reads none");
    }

    @Test
    void matchesByNameAndStateNeedOneListCallAndNoFile() {
        ZinitClient c = withWeb();
        fake().clearRequests();
        assertEquals(List.of("web"), c.matches(Filter.name("web"), Filter.state(StateKind.RUNNING)));
        assertEquals(List.of(wire("list", "service_list")), ops());
    }

    // ------------------------------------------------------------------ JSON-RPC only operations

    @Test
    void statsHttpServerAndDiscover() {
        ZinitClient c = withWeb();
        if (legacy()) {
            Map<String, Executable> ops = Map.of("stats", () -> c.stats("web"),
                    "starting the HTTP server", () -> c.startHttpServer("127.0.0.1:8080"),
                    "stopping the HTTP server", c::stopHttpServer, "rpc.discover", c::discover);
            for (Map.Entry<String, Executable> e : ops.entrySet()) {
                UnsupportedByServerException ex = assertThrows(UnsupportedByServerException.class, e.getValue());
                assertEquals(e.getKey(), ex.operation());
                assertTrue(ex.getMessage().contains(e.getKey()) && ex.getMessage().contains("0.2.14"),
                        ex.getMessage());
            }
            return;
        }
        ServiceStats stats = c.stats("web");
        assertEquals("web", stats.name());
        assertEquals(9511, stats.pid());
        assertTrue(stats.memoryBytes() >= 0);
        assertTrue(c.startHttpServer("127.0.0.1:8080").contains("127.0.0.1:8080"));
        assertEquals("system_start_http_server 127.0.0.1:8080", lastOp());
        c.stopHttpServer();
        assertEquals("system_stop_http_server", lastOp());
        String doc = c.discover();
        assertTrue(doc.contains("\"openrpc\""), doc.substring(0, Math.min(200, doc.length())));
        assertEquals("rpc.discover", lastOp());
        assertThrows(ServiceNotFoundException.class, () -> c.stats("nope"));
    }

    @Test
    void startHttpServerChecksItsAddressFirst() {
        ZinitClient c = client();
        assertThrows(IllegalArgumentException.class, () -> c.startHttpServer(" "));
        assertThrows(IllegalArgumentException.class, () -> c.startHttpServer("a b"));
        assertTrue(fake().requests().isEmpty());
    }

    // ------------------------------------------------------------------ waits and bulk lifecycle

    @Test
    void startWaitWaitsThroughSpawned() {
        fake().script("web", Behavior.longRunning().withSpawnTime(Duration.ofMillis(50)));
        ZinitClient c = client();
        c.addService("web", sleeper());
        c.monitor("web");
        c.startWait(WAIT, "web");
        assertTrue(c.status("web").state().is(StateKind.RUNNING));
    }

    @Test
    void stopWaitWaitsForTheExit() {
        ZinitClient c = withWeb();
        c.stopWait(WAIT, "web");
        ServiceStatus s = c.status("web");
        assertTrue(s.state().exited(), s.toString());
        assertEquals(ServiceTarget.DOWN, s.target());
        assertFalse(ops().stream().anyMatch(o -> o.endsWith("SIGKILL")), "no SIGKILL when SIGTERM works");
    }

    @Test
    void stopWaitKillsAServiceIgnoringSigtermAtTheDeadline() {
        fake().script("web", Behavior.longRunning().ignoring(Signal.SIGTERM));
        ZinitClient c = withWeb();
        c.stopWait(Duration.ofMillis(100), "web");
        ServiceStatus s = c.status("web");
        assertTrue(s.state().exited(), s.toString());
        assertEquals(Signal.SIGKILL, s.state().signal().orElseThrow());
        assertTrue(ops().contains(wire("kill web SIGKILL", "service_kill web SIGKILL")), ops().toString());
    }

    @Test
    void startAndStopMultiple() {
        ZinitClient c = client();
        c.addService("web", sleeper());
        c.addService("db", sleeper());
        c.startMultiple(WAIT, "web", "db");
        assertEquals(Map.of("web", ServiceState.parse("Running"), "db", ServiceState.parse("Running")), c.list());
        c.stopMultiple(WAIT, "web", "db", "ghost");
        for (String n : List.of("web", "db")) {
            assertTrue(c.status(n).state().exited());
            assertEquals(ServiceTarget.DOWN, c.status(n).target());
        }
    }

    @Test
    void destroyStopsForgetsAndRemovesAndSkipsUnknownNames() {
        fake().script("stubborn", Behavior.longRunning().ignoring(Signal.SIGTERM));
        ZinitClient c = withWeb();
        c.addService("stubborn", sleeper());
        c.addService("unmonitored", sleeper());
        c.monitor("stubborn");
        c.startWait(WAIT, "stubborn");
        c.destroy(Duration.ofMillis(100), "web", "stubborn", "ghost", "unmonitored");
        assertEquals(Map.of(), c.list());
        for (String n : List.of("web", "stubborn", "unmonitored")) {
            assertFalse(Files.exists(fake().configDir().resolve(n + ".yaml")), n);
        }
        c.destroy(WAIT);
        c.destroy(WAIT, "ghost");
    }

    @Test
    void restartGivesANewProcess() {
        ZinitClient c = withWeb();
        int before = c.status("web").pid();
        c.restart(WAIT, "web");
        ServiceStatus s = c.status("web");
        assertTrue(s.state().is(StateKind.RUNNING));
        assertEquals(ServiceTarget.UP, s.target());
        assertNotEquals(before, s.pid());
    }

    @Test
    void restartOfAStoppedServiceStartsIt() {
        ZinitClient c = withWeb();
        c.stopWait(WAIT, "web");
        c.restart(WAIT, "web");
        assertTrue(c.status("web").state().is(StateKind.RUNNING));
        assertEquals(ServiceTarget.UP, c.status("web").target());
    }

    @Test
    void watchSeesSpawnedThenRunning() {
        // held in Spawned by its script (think: a test command that has not passed), then let go by the test
        fake().script("web", Behavior.longRunning().withSpawnTime(Duration.ofHours(1)));
        ZinitClient c = client();
        c.addService("web", sleeper());
        c.monitor("web");
        try (ServiceWatch w = c.watch("web")) {
            StateChange first = w.next(WAIT).orElseThrow();
            assertTrue(first.initial());
            assertTrue(first.current().state().is(StateKind.SPAWNED), first.toString());
            fake().setState("web", ServiceState.parse("Running"));
            StateChange next = w.next(WAIT).orElseThrow();
            assertTrue(next.previous().state().is(StateKind.SPAWNED), next.toString());
            assertTrue(next.current().state().is(StateKind.RUNNING), next.toString());
            assertTrue(w.lastSeen().get("web").state().is(StateKind.RUNNING));
        }
    }

    @Test
    void watchSeesAServiceGo() {
        ZinitClient c = withWeb();
        try (ServiceWatch w = c.watch("web")) {
            assertTrue(w.next(WAIT).orElseThrow().initial());
            c.stopWait(WAIT, "web");
            c.forget("web");
            Optional<StateChange> change;
            do {
                change = w.next(WAIT);
            } while (change.isPresent() && !change.get().gone());
            assertTrue(change.orElseThrow().gone());
        }
    }

    @Test
    void startWaitFailsEarlyForAServiceThatCannotStart() {
        // (a failed oneshot is started again by zinit's start, and is Running before it fails once more: what
        // startWait makes of that is issue 11's)
        fake().script("missing", Behavior.unstartable());
        ZinitClient c = client();
        c.addService("missing", ServiceConfig.builder().exec("/nowhere/bin").build());
        c.monitor("missing");
        ServiceFailedException e = assertThrows(ServiceFailedException.class, () -> c.startWait(WAIT, "missing"));
        assertTrue(e.status().state().is(StateKind.FAILURE), e.getMessage());
    }

    @Test
    void aOneshotStartWaitReturnsOnlyOnceItSucceeded() {
        fake().script("job", Behavior.exitsAfter(Duration.ofMillis(300), 0));
        ZinitClient c = client();
        c.addService("job", ServiceConfig.builder().exec("true").oneshot(true).build());
        // monitors and starts it; zinit shows the oneshot Running until it ends
        c.startMultiple(WAIT, "job");
        assertEquals(StateKind.SUCCESS, c.status("job").state().kind());
    }

    @Test
    void aOneshotThatExitsWithACodeFailsTheStartWaitAlsoWhenStartedAgain() {
        fake().script("job", Behavior.exitsAfter(Duration.ofMillis(200), 3));
        ZinitClient c = client();
        c.addService("job", ServiceConfig.builder().exec("false").oneshot(true).build());
        ServiceFailedException first = assertThrows(ServiceFailedException.class, () -> c.startMultiple(WAIT, "job"));
        assertEquals(3, first.status().state().exitCode().getAsInt(), first.getMessage());
        // start again: zinit spawns the ended oneshot once more (or leaves its Error); either way the wait fails
        ServiceFailedException again = assertThrows(ServiceFailedException.class, () -> c.startWait(WAIT, "job"));
        assertEquals(3, again.status().state().exitCode().getAsInt(), again.getMessage());
    }

    @Test
    void aOneshotKilledByASignalFailsTheStartWaitWithTheSignal() {
        fake().script("job", Behavior.crashesAfter(Duration.ofMillis(200), Signal.SIGKILL));
        ZinitClient c = client();
        c.addService("job", ServiceConfig.builder().exec("true").oneshot(true).build());
        ServiceFailedException e = assertThrows(ServiceFailedException.class, () -> c.startMultiple(WAIT, "job"));
        assertEquals(Signal.SIGKILL, e.status().state().signal().orElseThrow(), e.getMessage());
    }

    @Test
    void aRestartOfAOneshotReturnsOnceItsSecondRunSucceeded() {
        fake().script("job", Behavior.exitsAfter(Duration.ofMillis(200), 0).printing("ran"));
        ZinitClient c = client();
        c.addService("job", ServiceConfig.builder().exec("true").oneshot(true).build());
        c.startMultiple(WAIT, "job");
        c.restart(WAIT, "job");
        assertEquals(StateKind.SUCCESS, c.status("job").state().kind());
        long runs;
        try (LogStream logs = c.logs("job")) {
            runs = logs.stream().filter(l -> l.text().equals("ran")).count();
        }
        assertEquals(2, runs, "the second run had not printed yet");
    }

    @Test
    void startWaitTimesOutWithTheLastStatus() {
        fake().script("web", Behavior.longRunning().withSpawnTime(Duration.ofHours(1)));
        ZinitClient c = client();
        c.addService("web", sleeper());
        c.monitor("web");
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                () -> c.startWait(Duration.ofMillis(50), "web"));
        assertTrue(e.lastSeen().get("web").state().is(StateKind.SPAWNED), e.getMessage());
    }

    @Test
    void aZeroTimeoutSendsTheCommandAndDoesNotWait() {
        fake().script("web", Behavior.longRunning().withSpawnTime(Duration.ofHours(1)));
        ZinitClient c = client();
        c.addService("web", sleeper());
        c.monitor("web");
        c.stop("web");
        await(() -> c.status("web").state().exited());
        c.startWait(Duration.ZERO, "web");
        assertEquals(wire("start web", "service_start web"), lastOp());
        // zinit keeps the old state (target Up) until it spawns the process a moment later
        assertEquals(ServiceTarget.UP, c.status("web").target());
        await(() -> c.status("web").state().is(StateKind.SPAWNED));
    }

    @Test
    void startMultipleWaitsThroughBlockedDependencies() {
        // a long-running dependency; a oneshot one (Blocked until its Success) is covered by the testkit's replay of
        // legacy-v0.2.14/states.jsonl
        ZinitClient c = client();
        c.addService("db", sleeper());
        c.addService("web", ServiceConfig.builder().exec("sleep 1000").after("db").build());
        c.monitor("web");
        ServiceStatus blocked = c.status("web");
        assertTrue(blocked.state().is(StateKind.BLOCKED), blocked.toString());
        assertEquals(0, blocked.pid());
        c.startMultiple(WAIT, "web", "db");
        assertTrue(c.status("web").state().is(StateKind.RUNNING));
        assertTrue(c.status("db").state().is(StateKind.RUNNING));
    }

    @Test
    void stopWaitWithTheServicesOwnStopSignal() {
        ZinitClient c = client();
        c.addService("web", ServiceConfig.builder().exec("sleep 1000").stopSignal(Signal.SIGKILL).build());
        c.monitor("web");
        c.startWait(WAIT, "web");
        c.stopWait(WAIT, "web");
        assertEquals(Signal.SIGKILL, c.status("web").state().signal().orElseThrow());
        assertFalse(ops().stream().anyMatch(o -> o.contains("kill")), "zinit sent the signal, not the client");
    }

    @Test
    void statsOfAStoppedServiceIsDownOnJsonRpc() {
        ZinitClient c = withWeb();
        c.stopWait(WAIT, "web");
        if (legacy()) {
            assertThrows(UnsupportedByServerException.class, () -> c.stats("web"));
        } else {
            assertThrows(ServiceIsDownException.class, () -> c.stats("web"));
        }
    }

    // ------------------------------------------------------------------ faults and the server going away

    @Test
    void misbehavingAnswersAreTypedErrorsAndTheNextCallWorks() {
        ZinitClient c = client(Duration.ofMillis(300));
        assertEquals(Map.of(), c.list());
        fake().fault(Fault.garbage("hello\n"));
        assertThrows(ZinitProtocolException.class, c::list);
        assertEquals(Map.of(), c.list());
        fake().fault(Fault.closeEarly());
        // legacy: ZinitProtocolException (its connection was made for this request); JSON-RPC: the persistent
        // connection is gone, ZinitConnectionException. Both are ZinitExceptions, which is all a caller may rely on.
        assertThrows(ZinitException.class, c::list);
        assertEquals(Map.of(), c.list());
        fake().fault(Fault.halfResponse());
        assertThrows(ZinitProtocolException.class, c::list);
        assertEquals(Map.of(), c.list());
        fake().fault(Fault.neverAnswer());
        assertThrows(ZinitTimeoutException.class, c::list);
        assertEquals(Map.of(), c.list(), "the next call works again");
        assertEquals(expectedProtocol(), c.protocol(), "a fault does not change the detected generation");
    }

    @Test
    void aFollowedLogEndsWhenTheServerGoesAway() {
        FakeZinitServer z = fake();
        z.addLog("web", "one");
        ZinitClient c = client();
        try (LogStream s = c.followLogs(null)) {
            assertEquals("one", s.next().text());
            z.close();
            assertNull(s.next());
        }
        assertThrows(ZinitConnectionException.class, c::list);
    }

    @Test
    void aMissingSocketIsAConnectionErrorNamingThePath(@TempDir Path dir) {
        Path sock = dir.resolve("nothing.sock");
        try (ZinitClient c = ZinitClient.builder().socket(sock).configDir(dir).build()) {
            ZinitConnectionException e = assertThrows(ZinitConnectionException.class, c::list);
            assertEquals(sock, e.socket());
            assertEquals(ZinitConnectionException.Reason.NO_SOCKET, e.reason());
            assertTrue(e.getMessage().contains(sock.toString()), e.getMessage());
            assertThrows(ZinitConnectionException.class, c::protocol, "a failed detection is not cached");
        }
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void concurrentFirstCallsDetectOnce() throws InterruptedException {
        ZinitClient c = client();
        int threads = 6;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    assertEquals(Map.of(), c.list());
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            all.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : all) {
            th.join(WAIT.toMillis());
        }
        assertTrue(failures.isEmpty(), failures.toString());
        // JSON-RPC: the thread that detected takes the probe's answer (a service_list) as its list
        assertEquals(legacy() ? 1 + threads : threads, fake().requests().size(),
                "one probe, then one list per thread that did not detect: " + ops());
        assertEquals(expectedProtocol(), c.protocol());
    }

    @Test
    void oneClientServesManyThreads() throws InterruptedException {
        ZinitClient c = withWeb();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; i < 25; i++) {
                        assertEquals(9511, c.status("web").pid());
                        assertEquals(1, c.list().size());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(WAIT.toMillis());
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    // ------------------------------------------------------------------ the event listener

    /** One event as a listener heard it, and the thread it was heard on. */
    record Heard(String kind, Object event, Thread thread) {
        ZinitEventListener.CallEvent call() {
            return (ZinitEventListener.CallEvent) event;
        }

        /** {@return the kind with the call's operation and service, e.g. {@code "callStart status web"}} */
        String describe() {
            if (event instanceof ZinitEventListener.CallEvent c) {
                return kind + " " + c.operation() + (c.service() == null ? "" : " " + c.service());
            }
            return kind;
        }
    }

    /** Keeps every event, in the order heard, from any thread. */
    static class Recorder implements ZinitEventListener {
        final List<Heard> heard = new java.util.concurrent.CopyOnWriteArrayList<>();

        void hear(String kind, Object event) {
            heard.add(new Heard(kind, event, Thread.currentThread()));
        }

        @Override
        public void callStart(CallEvent call) {
            hear("callStart", call);
        }

        @Override
        public void callEnd(CallEvent call) {
            hear("callEnd", call);
        }

        @Override
        public void callFailed(CallEvent call) {
            hear("callFailed", call);
        }

        @Override
        public void connectionOpened(ConnectionEvent connection) {
            hear("connectionOpened", connection);
        }

        @Override
        public void connectionLost(ConnectionEvent connection) {
            hear("connectionLost", connection);
        }

        @Override
        public void connectionReopened(ConnectionEvent connection) {
            hear("connectionReopened", connection);
        }

        @Override
        public void waitPoll(WaitPollEvent poll) {
            hear("waitPoll", poll);
        }

        List<Heard> calls() {
            return heard.stream().filter(h -> h.event() instanceof CallEvent).toList();
        }

        List<String> callKinds() {
            return calls().stream().map(Heard::describe).toList();
        }

        List<String> connectionKinds() {
            return heard.stream().filter(h -> h.event() instanceof ConnectionEvent).map(Heard::kind).toList();
        }

        List<WaitPollEvent> polls() {
            return heard.stream().filter(h -> h.event() instanceof WaitPollEvent)
                    .map(h -> (WaitPollEvent) h.event()).toList();
        }

        void clear() {
            heard.clear();
        }
    }

    /** Built as {@link #client()} is, with a listener. */
    ZinitClient listening(ZinitEventListener listener, Duration readTimeout) {
        ZinitClient c = reach(ZinitClient.builder()).configDir(fake().configDir()).readTimeout(readTimeout)
                .pollPolicy(POLICY).eventListener(listener).build();
        clients.add(c);
        return c;
    }

    @Test
    void eachRequestIsOneCallWithItsOperationServiceProtocolAndDuration() {
        Recorder r = new Recorder();
        ZinitClient c = listening(r, Duration.ofSeconds(5));
        assertEquals(Map.of(), c.list());
        assertEquals(List.of("callStart list", "callEnd list"), r.callKinds());
        ZinitEventListener.CallEvent start = r.calls().get(0).call();
        ZinitEventListener.CallEvent end = r.calls().get(1).call();
        assertEquals(Protocol.AUTO, start.protocol(), "this call detects the protocol");
        assertEquals(Duration.ZERO, start.duration());
        assertEquals(expectedProtocol(), end.protocol());
        assertNull(end.service());
        assertFalse(end.duration().isNegative());
        assertFalse(end.failed());
        for (Heard h : r.calls()) {
            assertEquals(Thread.currentThread(), h.thread(), "called on the calling thread");
        }

        r.clear();
        ServiceNotFoundException e = assertThrows(ServiceNotFoundException.class, () -> c.status("nope"));
        assertEquals(List.of("callStart status nope", "callFailed status nope"), r.callKinds());
        ZinitEventListener.CallEvent failed = r.calls().get(1).call();
        assertTrue(failed.failed());
        assertEquals(e, failed.failure(), "the listener sees the very exception the caller gets");
        assertEquals(expectedProtocol(), failed.protocol());
        assertEquals(expectedProtocol(), r.calls().get(0).call().protocol(), "known once detected");

        r.clear();
        assertThrows(InvalidServiceNameException.class, () -> c.status("a/b"));
        assertEquals(List.of(), r.heard, "a name refused before sending is no call");
    }

    @Test
    void operationsBuiltFromSeveralRequestsShowAsThoseRequests() {
        Recorder r = new Recorder();
        ZinitClient c = listening(r, Duration.ofSeconds(5));
        c.addService("web", sleeper());
        c.monitor("web");
        r.clear();
        c.get("web");
        // legacy servers' files are read from the config directory: no request, so no call
        assertEquals(legacy() ? List.of("callStart status web", "callEnd status web")
                        : List.of("callStart status web", "callEnd status web", "callStart loadService web",
                        "callEnd loadService web"), r.callKinds());
        r.clear();
        c.followLogs("web").close();
        assertEquals(List.of("callStart followLogs web", "callEnd followLogs web"), r.callKinds());
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheCall() {
        ZinitEventListener throwing = new Recorder() {
            @Override
            void hear(String kind, Object event) {
                throw new IllegalStateException("listener broken in " + kind);
            }
        };
        ZinitClient c = listening(throwing, Duration.ofSeconds(5));
        assertEquals(Map.of(), c.list());
        assertThrows(ServiceNotFoundException.class, () -> c.status("nope"), "the call's own failure, not the "
                + "listener's");
        c.addService("web", sleeper());
        c.monitor("web");
        c.startWait(WAIT, "web");
        c.stopWait(WAIT, "web");
        assertTrue(c.status("web").state().exited());
    }

    @Test
    void waitPollsNameTheWaitsServicesAndWhatEachRoundSaw() {
        Recorder r = new Recorder();
        ZinitClient c = listening(r, Duration.ofSeconds(5));
        c.addService("web", sleeper());
        c.monitor("web");
        r.clear();
        c.startWait(WAIT, "web");
        List<ZinitEventListener.WaitPollEvent> polls = r.polls();
        assertFalse(polls.isEmpty(), "a wait that polled says so");
        for (ZinitEventListener.WaitPollEvent p : polls) {
            assertEquals("startWait", p.operation());
            assertEquals(java.util.Set.of("web"), p.services());
            assertEquals(java.util.Set.of(), p.unknown());
        }
        assertEquals(StateKind.RUNNING, polls.get(polls.size() - 1).states().get("web").kind());
        long statusCalls = r.callKinds().stream().filter("callEnd status web"::equals).count();
        assertTrue(statusCalls >= polls.size(), "each round's status calls are calls too: " + r.callKinds());

        r.clear();
        c.stopWait(WAIT, "web");
        polls = r.polls();
        assertFalse(polls.isEmpty());
        assertEquals("stopWait", polls.get(0).operation());
        assertTrue(polls.get(polls.size() - 1).states().get("web").exited());
        for (Heard h : r.heard) {
            assertEquals(Thread.currentThread(), h.thread(), "a blocking wait reports on its own thread");
        }
    }

    /**
     * Over the socket: a legacy server gets a connection per request, a JSON-RPC server one kept connection, which
     * is reported lost when the server drops it and reopened by the next request.
     */
    @Test
    void connectionsOpenedLostAndReopened() {
        Recorder r = new Recorder();
        ZinitClient c = listening(r, Duration.ofMillis(300));
        assertEquals(Map.of(), c.list());
        assertEquals(Map.of(), c.list());
        fake().fault(Fault.closeEarly());
        assertThrows(ZinitException.class, c::list);
        assertEquals(Map.of(), c.list());
        if (legacy()) {
            // the detection probe, then one connection for each of the four lists
            assertEquals(java.util.Collections.nCopies(5, "connectionOpened"), r.connectionKinds());
        } else {
            // on either socket library the JSON-RPC connection is the one detection opened
            assertEquals(List.of("connectionOpened", "connectionLost", "connectionOpened", "connectionReopened"),
                    r.connectionKinds());
            Heard lost = r.heard.stream().filter(h -> h.kind().equals("connectionLost")).findFirst().orElseThrow();
            assertTrue(((ZinitEventListener.ConnectionEvent) lost.event()).cause() instanceof ZinitConnectionException,
                    lost.toString());
        }
        for (Heard h : r.heard) {
            if (h.event() instanceof ZinitEventListener.ConnectionEvent e) {
                assertEquals(where(), e.address());
            }
        }
    }

    @Test
    void aFailedDetectionIsACallThatFailedBeforeAnyConnection(@TempDir Path dir) {
        Recorder r = new Recorder();
        try (ZinitClient c = ZinitClient.builder().socket(dir.resolve("nothing.sock")).configDir(dir)
                .eventListener(r).build()) {
            ZinitConnectionException e = assertThrows(ZinitConnectionException.class, c::list);
            assertEquals(List.of("callStart list", "callFailed list"), r.callKinds());
            assertEquals(Protocol.AUTO, r.calls().get(1).call().protocol(), "no generation was found");
            assertEquals(e, r.calls().get(1).call().failure());
            assertEquals(List.of(), r.connectionKinds());
        }
    }

    @Test
    void concurrentCallsAreEachHeardOnTheirOwnThread() throws InterruptedException {
        Recorder r = new Recorder();
        ZinitClient c = listening(r, Duration.ofSeconds(5));
        c.addService("web", sleeper());
        c.monitor("web");
        r.clear();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    c.status("web");
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join(WAIT.toMillis());
        }
        for (Thread th : threads) {
            List<String> own = r.calls().stream().filter(h -> h.thread() == th).map(Heard::describe).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                expected.add("callStart status web");
                expected.add("callEnd status web");
            }
            assertEquals(expected, own, "each thread hears its own calls, in order");
        }
        assertEquals(80, r.calls().size());
    }

    @Test
    void closingTheClientShutsDownItsOneFanOutPool() {
        ZinitClient c = client();
        java.util.concurrent.Executor pool = ((io.zinit4j.client.internal.concurrent.FanOut.Owner) c).fanOut();
        c.close();
        assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> pool.execute(() -> { }));
    }
}
