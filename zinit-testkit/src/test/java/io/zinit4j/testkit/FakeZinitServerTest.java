package io.zinit4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.model.ServiceState;
import io.zinit4j.model.Signal;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fake's simulated services, as seen on the wire of the legacy protocol. */
class FakeZinitServerTest {
    @RegisterExtension
    final FakeZinitExtension ext = FakeZinitExtension.with(b -> b.restartDelay(Duration.ofMillis(100)));

    private static final String OK = "{\"state\":\"ok\",\"body\":null}";

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

    private String status(String name) throws IOException {
        return Raw.legacy(ext.server().socket(), "status " + name);
    }

    private boolean stateIs(String name, String state) {
        return ext.server().state(name).orElse("").equals(state);
    }

    @Test
    void monitorSpawnsThenRuns() throws IOException {
        FakeZinitServer z = ext.server();
        z.writeService("gated", "exec: sleep 1000\ntest: test -f /nonexistent\n");
        z.script("gated", Behavior.longRunning().withSpawnTime(Duration.ofHours(1)));
        assertEquals(OK, Raw.legacy(z.socket(), "monitor gated"));
        assertEquals("{\"state\":\"ok\",\"body\":{\"after\":{},\"name\":\"gated\",\"pid\":9511,"
                + "\"state\":\"Spawned\",\"target\":\"Up\"}}", status("gated"));
        z.writeService("web", "exec: sleep 1000\n");
        assertEquals(OK, Raw.legacy(z.socket(), "monitor web"));
        await(() -> stateIs("web", "Running"));
        assertEquals("{\"state\":\"ok\",\"body\":{\"gated\":\"Spawned\",\"web\":\"Running\"}}",
                Raw.legacy(z.socket(), "list"));
        assertEquals("{\"state\":\"error\",\"body\":\"service \\\"web\\\" already monitored\"}",
                Raw.legacy(z.socket(), "monitor web"));
        assertEquals("{\"state\":\"error\",\"body\":\"service \\\"web\\\" is up\"}", Raw.legacy(z.socket(), "forget web"));
        assertEquals("{\"state\":\"error\",\"body\":\"EINVAL: Invalid argument\"}",
                Raw.legacy(z.socket(), "kill web SIGFOO"));
    }

    @Test
    void stopEndsInSignaledWithPidZeroAndTargetDown() throws IOException {
        FakeZinitServer z = ext.server();
        z.writeService("web", "exec: sleep 1000\n");
        Raw.legacy(z.socket(), "monitor web");
        await(() -> stateIs("web", "Running"));
        assertEquals(OK, Raw.legacy(z.socket(), "stop web"));
        await(() -> stateIs("web", "Error(Signaled(Pid(9511), SIGTERM, false))"));
        assertEquals("{\"state\":\"ok\",\"body\":{\"after\":{},\"name\":\"web\",\"pid\":0,"
                + "\"state\":\"Error(Signaled(Pid(9511), SIGTERM, false))\",\"target\":\"Down\"}}", status("web"));
        assertEquals("{\"state\":\"error\",\"body\":\"service \\\"web\\\" is down\"}",
                Raw.legacy(z.socket(), "kill web SIGTERM"));
        assertEquals(OK, Raw.legacy(z.socket(), "forget web"));
        assertEquals("{\"state\":\"error\",\"body\":\"service name \\\"web\\\" unknown\"}", status("web"));
    }

    @Test
    void stopSignalFromTheFileAndAProcessThatIgnoresTerm() throws IOException {
        FakeZinitServer z = ext.server();
        z.writeService("sigstop", "exec: sleep 1000\nsignal:\n  stop: SIGKILL\n");
        z.writeService("slow", "exec: sleep 1000\n");
        z.script("slow", Behavior.longRunning().ignoring(Signal.SIGTERM));
        Raw.legacy(z.socket(), "monitor sigstop");
        Raw.legacy(z.socket(), "monitor slow");
        await(() -> stateIs("sigstop", "Running") && stateIs("slow", "Running"));
        Raw.legacy(z.socket(), "stop sigstop");
        Raw.legacy(z.socket(), "stop slow");
        await(() -> z.state("sigstop").orElse("").contains("SIGKILL"));
        assertTrue(status("slow").contains("\"state\":\"Running\",\"target\":\"Down\""));
        assertEquals(OK, Raw.legacy(z.socket(), "kill slow sigkill"));
        await(() -> z.state("slow").orElse("").contains("SIGKILL"));
    }

    @Test
    void oneshotsCrashesAndRestarts() throws IOException {
        FakeZinitServer z = ext.server();
        z.writeService("ok", "exec: \"true\"\noneshot: true\n");
        z.writeService("bad", "exec: sh -c 'exit 3'\noneshot: true\n");
        z.writeService("crashy", "exec: sh -c 'exit 7'\n");
        z.writeService("missing", "exec: /nonexistent\n");
        z.script("bad", Behavior.exitsAfter(Duration.ofMillis(5), 3));
        z.script("crashy", Behavior.exitsAfter(Duration.ofMillis(20), 7));
        z.script("missing", Behavior.unstartable());
        for (String n : new String[] {"ok", "bad", "crashy", "missing"}) {
            assertEquals(OK, Raw.legacy(z.socket(), "monitor " + n));
        }
        await(() -> stateIs("ok", "Success"));
        await(() -> z.state("bad").orElse("").matches("Error\\(Exited\\(Pid\\(\\d+\\), 3\\)\\)"));
        assertEquals("Failure", z.state("missing").orElseThrow());
        await(() -> {
            // between the crash and the restart: an error with pid 0 and target up
            try {
                String st = status("crashy");
                return st.contains("\"pid\":0,\"state\":\"Error(Exited(Pid(") && st.contains("7))\",\"target\":\"Up\"");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        await(() -> stateIs("crashy", "Running") || stateIs("crashy", "Spawned"));
        assertTrue(z.logLines().stream().filter(l -> l.equals("[-] crashy: ------------ [start] ------------"))
                .count() >= 2, "a start marker at each spawn");
    }

    @Test
    void afterBlocksUntilTheDependencyRuns() throws IOException {
        FakeZinitServer z = ext.server();
        z.writeService("app", "exec: sleep 1000\nafter:\n  - dep\n");
        z.writeService("dep", "exec: sleep 1\noneshot: true\n");
        Raw.legacy(z.socket(), "monitor app");
        assertEquals("{\"state\":\"ok\",\"body\":{\"after\":{\"dep\":\"Unknown\"},\"name\":\"app\",\"pid\":0,"
                + "\"state\":\"Blocked\",\"target\":\"Up\"}}", status("app"));
        Raw.legacy(z.socket(), "monitor dep");
        await(() -> stateIs("app", "Running"));
    }

    @Test
    void configErrorsAndShutdown() throws IOException {
        FakeZinitServer z = ext.server();
        z.writeService("broken", "exec: [unclosed\n");
        assertEquals("{\"state\":\"error\",\"body\":\"failed to load service config\"}",
                Raw.legacy(z.socket(), "monitor broken"));
        assertEquals(OK, Raw.legacy(z.socket(), "shutdown"));
        assertTrue(z.shutdownRequested());
        assertEquals("{\"state\":\"error\",\"body\":\"zinit is shutting down\"}", Raw.legacy(z.socket(), "start x"));
    }

    @Test
    void setStateOverridesTheSimulation() throws IOException {
        FakeZinitServer z = ext.server();
        z.writeService("web", "exec: sleep 1000\n");
        Raw.legacy(z.socket(), "monitor web");
        z.setState("web", ServiceState.exited(42, 1));
        assertTrue(status("web").contains("\"pid\":0,\"state\":\"Error(Exited(Pid(42), 1))\""));
    }

    @Test
    void logSnapshotAndFaults() throws IOException {
        FakeZinitServer z = ext.server();
        z.addLog("web", "hello");
        z.addLog("[-] db: oops");
        assertEquals("[+] web: hello\n[-] db: oops\n", Raw.legacy(z.socket(), "log snapshot"));
        assertEquals("{\"state\":\"error\",\"body\":\"invalid log command arguments\"}",
                Raw.legacy(z.socket(), "log bogus"));
        z.fault(Fault.garbage("not json"));
        assertEquals("not json", Raw.legacy(z.socket(), "list"));
        z.fault(Fault.halfResponse());
        assertEquals("{\"state\":\"ok", Raw.legacy(z.socket(), "list"));
        z.fault(Fault.closeEarly());
        assertEquals("", Raw.legacy(z.socket(), "list"));
        assertEquals("{\"state\":\"ok\",\"body\":{}}", Raw.legacy(z.socket(), "list"));
    }

    @Test
    void startDuringTheRestartPauseLeavesTheSpawnToTheRunningWatch() throws IOException {
        try (FakeZinitServer z = FakeZinitServer.builder().restartDelay(Duration.ofHours(1)).build().start()) {
            z.writeService("web", "exec: sleep 1000\n");
            Raw.legacy(z.socket(), "monitor web");
            await(() -> z.state("web").orElse("").equals("Running"));
            Raw.legacy(z.socket(), "stop web");
            await(() -> z.state("web").orElse("").startsWith("Error(Signaled("));
            assertEquals(OK, Raw.legacy(z.socket(), "start web"));
            // legacy lifecycle.jsonl t=938: the old error, pid 0, target Up, until zinit's loop goes round again
            String st = Raw.legacy(z.socket(), "status web");
            assertTrue(st.contains("\"pid\":0,\"state\":\"Error(Signaled(Pid(9511), SIGTERM, false))\","
                    + "\"target\":\"Up\""), st);
        }
        FakeZinitServer z = ext.server(); // a 100 ms pause: the loop goes round and spawns
        z.writeService("web", "exec: sleep 1000\n");
        Raw.legacy(z.socket(), "monitor web");
        await(() -> stateIs("web", "Running"));
        Raw.legacy(z.socket(), "stop web");
        await(() -> z.state("web").orElse("").startsWith("Error(Signaled("));
        Raw.legacy(z.socket(), "start web");
        await(() -> stateIs("web", "Running"));
        assertTrue(status("web").contains("\"pid\":9512,"), "a new process");
    }

    @Test
    void startSpawnsAFinishedOneshotAgain() throws IOException {
        FakeZinitServer z = ext.server();
        z.writeService("bad", "exec: sh -c 'exit 3'\noneshot: true\n");
        z.script("bad", Behavior.exitsAfter(Duration.ofMillis(1), 3));
        Raw.legacy(z.socket(), "monitor bad");
        await(() -> z.state("bad").orElse("").equals("Error(Exited(Pid(9511), 3))"));
        z.script("bad", Behavior.exitsAfter(Duration.ofHours(1), 3));
        assertEquals(OK, Raw.legacy(z.socket(), "start bad"));
        // as zinit 0.2.14: its target was Up all along, yet start spawns it once more
        assertEquals("{\"state\":\"ok\",\"body\":{\"after\":{},\"name\":\"bad\",\"pid\":9512,"
                + "\"state\":\"Running\",\"target\":\"Up\"}}", status("bad"));
        assertEquals(OK, Raw.legacy(z.socket(), "start bad")); // a watch runs: nothing more
        assertTrue(status("bad").contains("\"pid\":9512,"));
    }

    @Test
    void aFailingTestKeepsTheServiceSpawnedAndIsRunAgainUntilItPasses() throws IOException {
        try (FakeZinitServer z = FakeZinitServer.builder().testRetryDelay(Duration.ofMillis(5)).build().start()) {
            z.writeService("gated", "exec: sleep 1000\ntest: test -f /ready\n");
            z.script("gated", Behavior.longRunning().withFailingTests(2));
            Raw.legacy(z.socket(), "monitor gated");
            await(() -> z.state("gated").orElse("").equals("Running"));
            long runs = z.logLines().stream().filter(l -> l.equals("[-] gated/test: ------------ [start] ------------"))
                    .count();
            assertEquals(3, runs, () -> "two failed runs, one that passed: " + z.logLines());
        }
    }

    @Test
    void forgetRefusesAStoppedServiceWhoseProcessStillLives() throws IOException {
        FakeZinitServer z = ext.server();
        z.writeService("stubborn", "exec: sleep 1000\n");
        z.script("stubborn", Behavior.longRunning().ignoring(Signal.SIGTERM));
        Raw.legacy(z.socket(), "monitor stubborn");
        await(() -> stateIs("stubborn", "Running"));
        Raw.legacy(z.socket(), "stop stubborn");
        assertEquals("{\"state\":\"error\",\"body\":\"service \\\"stubborn\\\" is up\"}",
                Raw.legacy(z.socket(), "forget stubborn"));
        Raw.legacy(z.socket(), "kill stubborn SIGKILL");
        await(() -> z.state("stubborn").orElse("").startsWith("Error(Signaled("));
        assertEquals(OK, Raw.legacy(z.socket(), "forget stubborn"));
    }

    @Test
    void aOneshotRunsAtOnceAndItsDependantWaitsForItsSuccess() throws IOException {
        FakeZinitServer z = ext.server();
        z.writeService("dep", "exec: sh -c 'sleep 1'\noneshot: true\n");
        z.writeService("app", "exec: sleep 1000\nafter:\n  - dep\n");
        z.script("dep", Behavior.exitsAfter(Duration.ofHours(1), 0));
        Raw.legacy(z.socket(), "monitor app");
        Raw.legacy(z.socket(), "monitor dep");
        // legacy states.jsonl t=6405..7318: the oneshot is Running (never Spawned), its dependant stays Blocked
        assertEquals("{\"state\":\"ok\",\"body\":{\"after\":{\"dep\":\"Running\"},\"name\":\"app\",\"pid\":0,"
                + "\"state\":\"Blocked\",\"target\":\"Up\"}}", status("app"));
        z.setState("dep", ServiceState.parse("Success"));
        await(() -> stateIs("app", "Running") || stateIs("app", "Spawned"));
    }

    @Test
    void scriptedOutputGoesToBothStreamsAndTicks() {
        FakeZinitServer z = ext.server();
        z.writeService("talker", "exec: sleep 1000\n");
        z.script("talker", Behavior.longRunning().printing("out").printingToStderr("err")
                .ticking(Duration.ofMillis(5), "tick-"));
        try {
            Raw.legacy(z.socket(), "monitor talker");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        await(() -> z.logLines().contains("[+] talker: tick-2"));
        List<String> lines = z.logLines();
        assertEquals(List.of("[-] talker: ------------ [start] ------------", "[+] talker: out", "[-] talker: err",
                "[+] talker: tick-0"), lines.subList(0, 4));
    }
}
