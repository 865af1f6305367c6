package io.zinit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.lifecycle.LifecycleClock;
import io.zinit4j.model.LogType;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@code zinitctl} command driven through picocli, checking text output, {@code --json} output and exit codes.
 * The zinit under test is a parameter: subclasses supply the {@link CliBackend}; every run starts with the backend's
 * global options ({@code -s}, {@code --config-dir}, {@code --protocol}).
 */
abstract class ZinitCtlContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The result of one run. */
    record Run(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }

        /** Asserts an error: the code, and exactly one line on stderr. */
        Run failed(int expected) {
            assertEquals(expected, code, () -> "exit code; err=" + err + " out=" + out);
            assertEquals(1, err.lines().count(), () -> "one line on stderr, got: " + err);
            return this;
        }

        Run ok() {
            assertEquals(0, code, () -> "exit code; err=" + err + " out=" + out);
            assertEquals("", err);
            return this;
        }
    }

    /**
     * A clock that moves only when a wait sleeps, so that waits take no real time; each sleep also lets the backend
     * move scripted states on.
     */
    final class ScriptedClock implements LifecycleClock {
        // bulk waits sleep from several threads at once
        final AtomicLong now = new AtomicLong();
        final AtomicInteger sleeps = new AtomicInteger();

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void sleepNanos(long nanos) {
            sleeps.incrementAndGet();
            now.addAndGet(Math.max(nanos, 1));
            backend.tick();
        }
    }

    protected CliBackend backend;
    protected ScriptedClock clock;
    protected Map<String, String> env = Map.of();

    /**
     * @param clock the time source the backend's clients must wait with
     * @return a fresh backend for one test
     */
    protected abstract CliBackend newBackend(LifecycleClock clock);

    @BeforeEach
    void setUp() {
        clock = new ScriptedClock();
        backend = newBackend(clock);
        backend.service("web", ServiceConfig.builder().exec("/usr/bin/nginx -g 'daemon off;'").after("net").build(),
                StateKind.RUNNING);
        backend.service("net", ServiceConfig.builder().exec("/sbin/udhcpc -i eth0").oneshot(true).build(),
                StateKind.SUCCESS);
    }

    @AfterEach
    void tearDown() {
        backend.close();
    }

    /** Runs {@code zinitctl} with the backend's global options first. */
    Run run(String... args) {
        List<String> all = new ArrayList<>(backend.globalArgs());
        all.addAll(List.of(args));
        return runWith(backend.factory(), all.toArray(new String[0]));
    }

    /** Runs {@code zinitctl} with exactly these arguments. */
    Run runWith(ClientFactory factory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ZinitCtl.execute(args, factory, env, false, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    // ---- list, status

    @Test
    void listPrintsServicesSortedWithTheirStates() {
        Run r = run("list").ok();
        assertEquals(List.of("net  Success", "web  Running"), r.out().lines().toList());
    }

    @Test
    void listAsJson() {
        JsonNode j = run("list", "--json").ok().json();
        assertEquals(2, j.size());
        assertEquals("net", j.get(0).get("name").asText());
        assertEquals("success", j.get(0).get("kind").asText());
        assertEquals("Running", j.get(1).get("state").asText());
    }

    @Test
    void jsonMayComeBeforeTheCommand() {
        assertEquals(2, run("--json", "list").ok().json().size());
    }

    @Test
    void statusShowsPidStateTargetAndDependencies() {
        Run r = run("status", "web").ok();
        assertTrue(r.out().contains("name:   web"), r.out());
        assertTrue(r.out().contains("state:  Running"), r.out());
        assertTrue(r.out().contains("target: Up"), r.out());
        assertTrue(r.out().contains("  net: Success"), r.out());
        assertFalse(r.out().contains("pid:    0"), r.out());
    }

    @Test
    void statusAsJsonIsAnArrayWithStableKeys() {
        JsonNode j = run("status", "--json", "web", "net").ok().json();
        assertEquals(2, j.size());
        JsonNode web = j.get(0);
        assertEquals(List.of("name", "pid", "state", "kind", "target", "after"), fieldNames(web));
        assertEquals("Up", web.get("target").asText());
        assertEquals("Success", web.get("after").get("net").asText());
        // a oneshot that succeeded keeps its target up, as on zinit
        assertEquals("Up", j.get(1).get("target").asText());
        assertEquals("success", j.get(1).get("kind").asText());
    }

    @Test
    void statusOfAnUnknownServiceExitsNotFoundWithOneLine() {
        Run r = run("status", "nope").failed(ExitCodes.NOT_FOUND);
        assertTrue(r.err().startsWith("zinitctl: "), r.err());
        assertTrue(r.err().contains("nope"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug");
    }

    @Test
    void debugPrintsTheStackTrace() {
        Run r = run("--debug", "status", "nope");
        assertEquals(ExitCodes.NOT_FOUND, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void invalidServiceNameIsAUsageError() {
        run("status", "../etc").failed(ExitCodes.USAGE);
    }

    // ---- start, stop, restart, kill

    @Test
    void stopThenStartChangesTheTarget() {
        run("stop", "web").ok();
        assertEquals("Down", run("status", "--json", "web").json().get(0).get("target").asText());
        assertEquals("started: web\n", run("start", "web").ok().out());
        assertEquals("Up", run("status", "--json", "web").json().get(0).get("target").asText());
    }

    @Test
    void startAndStopWithWait() {
        JsonNode j = run("stop", "--wait=2s", "--json", "web").ok().json();
        assertTrue(j.get("ok").asBoolean());
        assertTrue(j.get("waited").asBoolean());
        assertEquals("web", j.get("services").get(0).asText());
        assertEquals("running: web\n", run("start", "web", "--wait").ok().out());
        assertEquals("running", run("status", "--json", "web").json().get(0).get("kind").asText());
    }

    @Test
    void startOfAnUnknownServiceIsNotFound() {
        run("start", "ghost").failed(ExitCodes.NOT_FOUND);
    }

    @Test
    void restartWithAndWithoutWait() {
        assertEquals("restarted: web\n", run("restart", "web").ok().out());
        run("restart", "--wait", "5s", "web").ok();
        JsonNode s = run("status", "--json", "web").json().get(0);
        assertEquals("Up", s.get("target").asText());
        assertEquals("running", s.get("kind").asText());
    }

    @Test
    void killAcceptsNamesWithoutPrefixAndNumbers() {
        // SIGCONT first: it leaves the process alone, whereas SIGHUP ends it (zinit then restarts it)
        assertEquals("SIGCONT", run("kill", "--json", "web", "18").ok().json().get("signal").asText());
        assertEquals("sent SIGHUP to web\n", run("kill", "web", "hup").ok().out());
    }

    @Test
    void killWithAnUnknownSignalIsAUsageError() {
        Run r = run("kill", "web", "SIGNOPE").failed(ExitCodes.USAGE);
        assertTrue(r.err().contains("SIGNOPE"), r.err());
    }

    @Test
    void killNeedsTwoArguments() {
        run("kill", "web").failed(ExitCodes.USAGE);
    }

    // ---- monitor, forget

    @Test
    void monitorLoadsAFileAndForgetDropsAStoppedService() {
        backend.file("cron", ServiceConfig.builder().exec("crond -f").build());
        assertEquals("monitored: cron\n", run("monitor", "cron").ok().out());
        assertEquals("Up", run("status", "--json", "cron").json().get(0).get("target").asText());
        // zinit refuses to forget a service whose process has not exited yet: a plain stop only sends the signal
        run("stop", "cron", "--wait").ok();
        run("forget", "cron").ok();
        run("status", "cron").failed(ExitCodes.NOT_FOUND);
    }

    @Test
    void monitorTwiceIsAServerError() {
        run("monitor", "web").failed(ExitCodes.SERVER_ERROR);
    }

    @Test
    void forgetARunningServiceIsAServerError() {
        run("forget", "web").failed(ExitCodes.SERVER_ERROR);
    }

    // ---- log

    @Test
    void logPrintsEveryLineOrOneServicesLines() {
        backend.log("[+] web: listening", "[-] net: lease obtained", "[+] web/test: ok", "[+] web: request");
        // zinit's ring also holds its own lines from before (the start marker), so look at its end
        assertEquals(List.of("[+] web: listening", "[-] net: lease obtained", "[+] web/test: ok", "[+] web: request"),
                last(4, run("log").ok().out()));
        assertEquals(List.of("[+] web: listening", "[+] web/test: ok", "[+] web: request"),
                run("log", "web").ok().out().lines().toList());
    }

    @Test
    void logLastLines() {
        backend.log("[+] web: 1", "[+] web: 2", "[+] web: 3");
        assertEquals(List.of("[+] web: 2", "[+] web: 3"), run("log", "-n", "2").ok().out().lines().toList());
        assertEquals("", run("log", "-n", "0").ok().out());
    }

    @Test
    void logAsJsonLines() {
        backend.log("[-] net: lease obtained", "[+] web: hi");
        List<String> lines = last(2, run("log", "--json").ok().out());
        JsonNode first = new Run(0, lines.get(0), "").json();
        assertEquals(List.of("service", "stream", "text", "raw"), fieldNames(first));
        assertEquals("stderr", first.get("stream").asText());
        assertEquals("lease obtained", first.get("text").asText());
    }

    @Test
    void followPrintsUntilTheStreamEnds() throws Exception {
        backend.log("[+] web: a", "[+] web: b", "[+] net: c");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(backend.globalArgs());
        args.addAll(List.of("log", "-f", "web"));
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> ZinitCtl.execute(
                args.toArray(new String[0]), backend.factory(), env, false, new PrintWriter(out, true),
                new PrintWriter(err, true)));
        // the lines zinit holds come first; then the server goes away, which ends the followed stream
        awaitOutput(out, "[+] web: b");
        backend.stopServer();
        int exit = code.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("[+] web: a", "[+] web: b"), out.toString().lines().toList(), err::toString);
        // the end of a followed stream is the end of the command, whoever ended it
        assertEquals(ExitCodes.OK, exit, err::toString);
        assertEquals("", err.toString());
    }

    /** Waits (bounded) until a concurrent run has printed this text. */
    private static void awaitOutput(StringWriter out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!out.toString().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' in: " + out);
            }
            Thread.sleep(2);
        }
    }

    @Test
    void followWithLastLinesIsRefused() {
        run("log", "-f", "-n", "3").failed(ExitCodes.USAGE);
        run("log", "-n", "-1").failed(ExitCodes.USAGE);
    }

    // ---- add, get, remove

    @Test
    void addWritesEveryFieldAndGetPrintsItAsYaml() {
        run("add", "api", "--exec", "java -jar api.jar", "--test", "curl -sf localhost:8080", "--oneshot",
                "--after", "net", "--after", "web", "--env", "A=1", "--env", "B=x=y", "--log", "stdout",
                "--dir", "/srv",
                "--shutdown-timeout", "20s", "--stop-signal", "INT", "--monitor").ok();
        ServiceConfig expected = ServiceConfig.builder().exec("java -jar api.jar").test("curl -sf localhost:8080")
                .oneshot(true).after("net", "web").env("A", "1").env("B", "x=y").log(LogType.STDOUT).dir("/srv")
                .shutdownTimeout(Duration.ofSeconds(20)).stopSignal(Signal.SIGINT).build();
        Run yaml = run("get", "api").ok();
        assertEquals(expected, ServiceConfig.fromYaml(yaml.out()));
        JsonNode j = run("get", "--json", "api").ok().json();
        assertEquals("java -jar api.jar", j.get("exec").asText());
        assertEquals("SIGINT", j.get("signal").get("stop").asText());
        assertEquals(20, j.get("shutdown_timeout").asInt());
    }

    @Test
    void addIsIdempotent() {
        JsonNode first = run("add", "--json", "api", "--exec", "api").ok().json();
        assertTrue(first.get("changed").asBoolean());
        assertFalse(first.get("monitored").asBoolean());
        assertEquals("unchanged api\n", run("add", "api", "--exec", "api").ok().out());
        run("status", "api").failed(ExitCodes.NOT_FOUND);
    }

    @Test
    void addWithWaitMonitorsAndWaits() {
        assertEquals("added api, monitored, running\n", run("add", "api", "--exec", "api", "--wait=5s").ok().out());
        assertEquals("running", run("status", "--json", "api").json().get(0).get("kind").asText());
    }

    @Test
    void addRejectsBadValues() {
        run("add", "api").failed(ExitCodes.USAGE);
        run("add", "api", "--exec", "x", "--env", "NOEQUALS").failed(ExitCodes.USAGE);
        run("add", "api", "--exec", "x", "--log", "file").failed(ExitCodes.USAGE);
        run("add", "api", "--exec", "x", "--stop-signal", "SIGFOO").failed(ExitCodes.USAGE);
        run("add", "api", "--exec", "x", "--shutdown-timeout", "1500ms").failed(ExitCodes.USAGE);
        run("add", "api", "--exec", "x", "--shutdown-timeout", "soon").failed(ExitCodes.USAGE);
        run("add", "api", "--exec", " ").failed(ExitCodes.USAGE);
    }

    @Test
    void getOfAnUnknownServiceIsNotFound() {
        run("get", "ghost").failed(ExitCodes.NOT_FOUND);
    }

    @Test
    void removeDestroysServicesAndSkipsMissingOnes() {
        assertEquals("removed: web ghost\n", run("remove", "web", "ghost", "--timeout", "1s").ok().out());
        run("status", "web").failed(ExitCodes.NOT_FOUND);
        assertEquals(List.of("net"), run("find").ok().out().lines().toList());
    }

    // ---- find

    @Test
    void findAppliesEveryFilter() {
        assertEquals(List.of("net", "web"), run("find").ok().out().lines().toList());
        assertEquals(List.of("web"), run("find", "--name", "web").ok().out().lines().toList());
        assertEquals(List.of("net"), run("find", "--exec", "udhcpc").ok().out().lines().toList());
        assertEquals(List.of("web"), run("find", "--exec-regex", "daemon\\s+off").ok().out().lines().toList());
        assertEquals(List.of("net", "web"), run("find", "--state", "running,success").ok().out().lines().toList());
        assertEquals("", run("find", "--state", "running", "--exec", "udhcpc").ok().out());
        JsonNode j = run("find", "--json", "--state", "RUNNING").ok().json();
        assertEquals("[\"web\"]", j.toString());
    }

    @Test
    void findRejectsBadFilters() {
        run("find", "--exec-regex", "(").failed(ExitCodes.USAGE);
        run("find", "--state", "sleeping").failed(ExitCodes.USAGE);
    }

    // ---- wait

    @Test
    void waitPollsUntilRunning() {
        backend.script("web", ServiceState.of(StateKind.SPAWNED), ServiceState.of(StateKind.SPAWNED),
                ServiceState.of(StateKind.RUNNING));
        assertEquals("web: running\n", run("wait", "web", "--for", "running", "--timeout", "5s").ok().out());
        assertTrue(clock.sleeps.get() >= 2, "waited through both Spawned states, slept " + clock.sleeps);
    }

    @Test
    void waitForStoppedSucceedsAtOnceForAnExitedService() {
        JsonNode j = run("wait", "--json", "net", "--for", "stopped").ok().json();
        assertEquals("stopped", j.get("state").asText());
        assertEquals(0, clock.sleeps.get());
    }

    @Test
    void waitTimesOutNamingTheLastState() {
        backend.script("web", ServiceState.of(StateKind.SPAWNED), ServiceState.of(StateKind.SPAWNED),
                ServiceState.of(StateKind.SPAWNED), ServiceState.of(StateKind.SPAWNED),
                ServiceState.of(StateKind.SPAWNED), ServiceState.of(StateKind.SPAWNED));
        Run r = run("wait", "web", "--for", "running", "--timeout", "50ms").failed(ExitCodes.TIMEOUT);
        assertTrue(r.err().contains("web is Spawned"), r.err());
        assertTrue(clock.now.get() >= Duration.ofMillis(50).toNanos());
    }

    @Test
    void waitNeedsAGoal() {
        run("wait", "web").failed(ExitCodes.USAGE);
        run("wait", "web", "--for", "sleeping").failed(ExitCodes.USAGE);
    }

    // ---- shutdown, reboot

    @Test
    void shutdownAndRebootAreRefusedWithoutYes() {
        Run r = run("shutdown").failed(ExitCodes.USAGE);
        assertTrue(r.err().contains("--yes"), r.err());
        run("reboot").failed(ExitCodes.USAGE);
        assertFalse(backend.received("shutdown"));
        assertFalse(backend.received("reboot"));
    }

    @Test
    void shutdownWithYes() {
        assertEquals("shutting down\n", run("shutdown", "--yes").ok().out());
        assertTrue(backend.received("shutdown"));
    }

    @Test
    void rebootWithYes() {
        assertEquals("reboot", run("reboot", "--yes", "--json").ok().json().get("action").asText());
        assertTrue(backend.received("reboot"));
    }

    // ---- errors, options

    @Test
    void cannotConnectIsOneLineNamingTheSocket() {
        Run r = runWith(backend.factory(), "-s", "/nowhere/zinit.sock", "list").failed(ExitCodes.CANNOT_CONNECT);
        assertTrue(r.err().contains("/nowhere/zinit.sock"), r.err());
        assertEquals("", r.out());
        // the hint is in the CLI's terms, not the library's builder
        assertTrue(r.err().contains("-s/--socket") && r.err().contains("ZINIT_SOCKET"), r.err());
        assertFalse(r.err().contains("builder") || r.err().contains("socket(.."), r.err());
    }

    @Test
    void usageErrorsExitWithTwoAndOneLine() {
        run("frobnicate").failed(ExitCodes.USAGE);
        run("status").failed(ExitCodes.USAGE);
        run("--protocol", "smoke-signals", "list").failed(ExitCodes.USAGE);
        run("--timeout", "forever", "list").failed(ExitCodes.USAGE);
        run().failed(ExitCodes.USAGE);
    }

    @Test
    void helpDocumentsTheExitCodes() {
        Run r = run("--help").ok();
        for (String line : List.of("Exit codes:", "2  usage error", "3  service not found", "4  timeout",
                "5  cannot connect", "6  zinit answered with an error")) {
            assertTrue(r.out().contains(line), line);
        }
        assertTrue(run("--version").ok().out().startsWith("zinitctl "));
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : ZinitCtl.COMMANDS.keySet()) {
            Run r = run(command, "--help").ok();
            assertTrue(r.out().startsWith("Usage: zinitctl " + command), r.out());
        }
        assertTrue(run("wait", "-h").ok().out().contains("--for=running|stopped"));
    }

    @Test
    void noColourOffATerminal() {
        assertFalse(run("list").ok().out().contains("\u001b["));
    }

    /** @return the last lines of a text */
    static List<String> last(int n, String text) {
        List<String> all = text.lines().toList();
        assertTrue(all.size() >= n, () -> "fewer than " + n + " lines: " + text);
        return all.subList(all.size() - n, all.size());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
