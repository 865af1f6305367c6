package io.zinit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zinit4j.client.Protocol;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.lifecycle.LifecycleClock;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.Generation;
import io.zinit4j.testkit.RecordedRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole command-line contract against a {@link io.zinit4j.testkit.FakeZinitServer} of one generation, through
 * the standard client factory with {@code -s}, {@code --config-dir} and {@code --protocol auto}; plus a smoke subset
 * with the protocol forced, and what only a real socket shows (the options reaching the client, clients closed,
 * requests sent). Subclasses pick the generation and may force the protocol for the whole suite.
 */
abstract class FakeServerZinitCtlTest extends ZinitCtlContractTest {
    /** @return the generation the fake speaks */
    abstract Generation generation();

    /** @return the {@code --protocol} value of every run of the suite */
    String protocolArg() {
        return "auto";
    }

    @Override
    protected CliBackend newBackend(LifecycleClock clock) {
        FakeServerBackend b = new FakeServerBackend(generation(), clock);
        b.protocol = protocolArg();
        return b;
    }

    FakeServerBackend fake() {
        return (FakeServerBackend) backend;
    }

    /** The requests of the fake that asked for a service's status (either protocol). */
    private List<RecordedRequest> statusRequests(String service) {
        return fake().zinit.requests().stream().filter(r -> {
            String t = r.text();
            return t.startsWith("status " + service) || (t.contains("\"service_status\"")
                    && t.contains("\"" + service + "\""));
        }).toList();
    }

    // ---- forced protocol

    /** Command lines that must work with the protocol forced to the fake's own one. */
    static Stream<List<String>> smoke() {
        return Stream.of(List.of("list"), List.of("status", "web"), List.of("stop", "--wait=2s", "web"),
                List.of("start", "web"), List.of("restart", "web"), List.of("kill", "web", "HUP"), List.of("log"),
                List.of("get", "web"), List.of("find", "--state", "running"),
                List.of("add", "api", "--exec", "api", "--wait=2s"), List.of("wait", "net", "--for", "stopped"),
                List.of("version"), List.of("list", "--json"));
    }

    @ParameterizedTest
    @MethodSource("smoke")
    void worksWithTheProtocolForced(List<String> command) {
        fake().protocol = fake().ownProtocol();
        run(command.toArray(new String[0])).ok();
    }

    @Test
    void theWrongForcedProtocolFailsWithOneLine() {
        fake().protocol = generation() == Generation.LEGACY ? "json-rpc" : "legacy";
        Run r = run("list");
        assertTrue(r.code() != ExitCodes.OK, () -> "exit " + r.code() + ", out=" + r.out());
        assertEquals(1, r.err().lines().count(), r::err);
        assertTrue(r.err().startsWith("zinitctl: "), r.err());
    }

    // ---- what only a socket shows

    @Test
    void globalOptionsReachTheClient() {
        List<GlobalOptions> made = new ArrayList<>();
        ClientFactory capturing = options -> {
            made.add(options);
            return backend.factory().create(options);
        };
        String forced = generation() == Generation.LEGACY ? "LEGACY" : "JSON-RPC";
        Run r = runWith(capturing, "-s", fake().zinit.socket().toString(), "--config-dir",
                fake().zinit.configDir().toString(), "--protocol", forced, "--timeout", "1500ms", "list").ok();
        assertEquals(2, r.out().lines().count(), r.out());
        GlobalOptions o = made.get(0);
        assertEquals(fake().zinit.socket(), o.socket());
        assertEquals(fake().zinit.configDir(), o.configDir());
        assertEquals(generation() == Generation.LEGACY ? Protocol.LEGACY : Protocol.JSON_RPC, o.protocol());
        assertEquals(Duration.ofMillis(1500), o.timeout());
    }

    @Test
    void configDirDefaultsToTheEnvironment() {
        List<GlobalOptions> made = new ArrayList<>();
        ClientFactory capturing = options -> {
            made.add(options);
            return backend.factory().create(options);
        };
        env = Map.of("ZINIT_CONFIG_DIR", fake().zinit.configDir().toString());
        runWith(capturing, "-s", fake().zinit.socket().toString(), "get", "web").ok();
        GlobalOptions o = made.get(0);
        assertEquals(fake().zinit.configDir(), o.configDir());
        assertEquals(Protocol.AUTO, o.protocol());
        assertNull(o.timeout());
    }

    @Test
    void theClientIsClosedAfterTheCommandEvenWhenItFails() {
        AtomicBoolean closed = new AtomicBoolean();
        ClientFactory watching = options -> {
            ZinitClient real = backend.factory().create(options);
            return (ZinitClient) Proxy.newProxyInstance(ZinitClient.class.getClassLoader(),
                    new Class<?>[] {ZinitClient.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            closed.set(true);
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
        List<String> args = new ArrayList<>(backend.globalArgs());
        args.addAll(List.of("status", "ghost"));
        runWith(watching, args.toArray(new String[0])).failed(ExitCodes.NOT_FOUND);
        assertTrue(closed.get());
    }

    @Test
    void refusedCommandsNeverTouchTheSocket() {
        fake().zinit.clearRequests();
        run("shutdown").failed(ExitCodes.USAGE);
        run("add", "api").failed(ExitCodes.USAGE);
        assertEquals(List.of(), fake().zinit.requests());
    }

    @Test
    void waitAsksForStatusOnceWhenTheGoalIsReached() {
        fake().zinit.clearRequests();
        run("wait", "web", "net", "--for", "running").ok();
        assertEquals(1, statusRequests("web").size());
        assertEquals(1, statusRequests("net").size());
        assertEquals(0, clock.sleeps.get());
    }

    @Test
    void waitForStoppedFollowsARealStop() {
        run("stop", "web").ok();
        assertEquals("web: stopped\n", run("wait", "web", "--for", "stopped", "--timeout", "5s").ok().out());
        assertTrue(fake().zinit.state("web").orElseThrow().startsWith("Error(Signaled"),
                fake().zinit.state("web").toString());
    }

    @Test
    void waitForAServiceForgottenMeanwhileIsNotFound() {
        backend.service("gone", ServiceConfig.builder().exec("sleep 100").build(), StateKind.SPAWNED);
        // once the wait has seen the service (its first sleep), it fails to start, is stopped and forgotten behind
        // the wait's back; done on the waiting thread at that sleep, so nothing races the scripted clock
        fake().atNextTick(() -> {
            fake().zinit.setStatus("gone", 0, ServiceState.of(StateKind.FAILURE), ServiceTarget.DOWN);
            try (ZinitClient c = backend.factory().create(new GlobalOptions(fake().zinit.socket(),
                    fake().zinit.configDir(), Protocol.AUTO, null, false))) {
                c.forget("gone");
            }
        });
        Run r = run("wait", "gone", "--for", "running", "--timeout", "60s").failed(ExitCodes.NOT_FOUND);
        assertTrue(r.err().contains("gone"), r.err());
    }

    @Test
    void versionOfTheFakeIsUnknownAndSaysTheProtocol() {
        Run r = run("version").ok();
        assertTrue(r.out().startsWith("client: zinitctl "), r.out());
        assertTrue(r.out().contains("server: unknown (unknown"), r.out());
        assertTrue(r.out().contains("protocol: " + fake().ownProtocol() + " on "), r.out());
        JsonNode j = run("version", "--json").ok().json();
        assertTrue(j.get("server").get("version").isNull());
        assertEquals("unknown", j.get("server").get("source").asText());
        assertEquals(fake().ownProtocol(), j.get("server").get("protocol").asText());
        if (fake().http != null) {
            assertEquals(fake().http.url().toString(), j.get("server").get("url").asText());
        } else {
            assertEquals(fake().zinit.socket().toString(), j.get("server").get("socket").asText());
        }
        assertFalse(j.get("client").asText().isEmpty());
    }

    @Test
    void onlyTheCommandRunIsBuiltUnlessHelpIsAsked() {
        assertEquals("list", ZinitCtl.commandName(new String[] {"-s", "/x", "--json", "list"}));
        assertEquals("wait", ZinitCtl.commandName(new String[] {"--timeout", "1s", "--", "wait", "a"}));
        assertNull(ZinitCtl.commandName(new String[] {"--help", "list"}));
        assertNull(ZinitCtl.commandName(new String[] {"frobnicate"}));
        assertNull(ZinitCtl.commandName(new String[] {"--debug"}));
        // the help of the root lists every command even though runs build only one
        Run help = run("--help");
        for (String name : ZinitCtl.COMMANDS.keySet()) {
            assertTrue(help.out().contains("  " + name + " "), name);
        }
    }

    @Test
    void colourOnATerminalUnlessNoColour() {
        String[] list = Stream.concat(backend.globalArgs().stream(), Stream.of("list")).toArray(String[]::new);
        String[] json = Stream.concat(backend.globalArgs().stream(), Stream.of("list", "--json"))
                .toArray(String[]::new);
        assertTrue(onTerminal(list, Map.of()).contains("\u001b[32mRunning\u001b[0m"));
        assertFalse(onTerminal(list, Map.of("NO_COLOR", "1")).contains("\u001b["));
        assertFalse(onTerminal(json, Map.of()).contains("\u001b["));
    }

    private String onTerminal(String[] args, Map<String, String> environment) {
        StringWriter out = new StringWriter();
        ZinitCtl.execute(args, backend.factory(), environment, true, new PrintWriter(out),
                new PrintWriter(new StringWriter()));
        return out.toString();
    }

    @Test
    void startWithWaitLoadsTheFileAndSaysWhenThereIsNone() {
        // start --wait monitors first (the client's startWait), so a service without a file is zinit's load error
        Run r = run("start", "--wait=1s", "web", "ghost").failed(ExitCodes.SERVER_ERROR);
        assertTrue(r.err().contains("ghost"), r.err());
        backend.file("cron", ServiceConfig.builder().exec("crond -f").build());
        assertEquals("running: cron\n", run("start", "--wait=2s", "cron").ok().out());
    }

    @Test
    void configDirOptionIsWhereLegacyFilesGo() {
        run("add", "api", "--exec", "api").ok();
        assertTrue(Files.exists(fake().zinit.configDir().resolve("api.yaml")));
    }
}
