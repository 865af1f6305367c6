package io.zinit4j.client.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.WaitTimeoutException;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.StateKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StartWaitTest {
    private final FakeClock clock = new FakeClock();
    private final ScriptedControl zinit = new ScriptedControl(clock);
    private final Lifecycle lifecycle = new Lifecycle(zinit, PollPolicy.defaults(), clock);

    @Test
    void returnsSoonAfterTheServiceRuns() {
        zinit.startsAfter("web", 137);
        lifecycle.startWait(Duration.ofSeconds(5), "web");
        long elapsed = clock.elapsedMillis();
        assertTrue(elapsed >= 137, "returned before the service ran: " + elapsed);
        assertTrue(elapsed <= 137 + 20, "seen later than one capped interval: " + elapsed);
        assertEquals(StateKind.RUNNING, zinit.svc("web").state.kind());
        assertEquals(1, zinit.count("start web"));
    }

    @Test
    void aServiceAlreadyRunningReturnsAtTheFirstPoll() {
        zinit.running("web", 10);
        lifecycle.startWait(Duration.ofSeconds(5), "web");
        assertEquals(0, clock.elapsedMillis());
    }

    @Test
    void aOneshotThatSucceededCountsAsStarted() {
        ScriptedControl.Svc s = zinit.startsAfter("init", 0);
        // a oneshot that finished before the first poll: Success is all the wait ever sees
        s.onStart = x -> x.set(StateKind.SUCCESS, 0);
        lifecycle.startWait(Duration.ofSeconds(5), "init");
        assertEquals(StateKind.SUCCESS, zinit.svc("init").state.kind());
    }

    /** A oneshot: Running once started, then Success or an exit code after the given time. */
    private ScriptedControl.Svc oneshot(String name, long runMillis, ServiceState end) {
        ScriptedControl.Svc s = zinit.startsAfter(name, 0);
        zinit.oneshots.add(name);
        s.onStart = x -> {
            int pid = zinit.nextPid++;
            x.set(StateKind.RUNNING, pid);
            x.after(runMillis, y -> y.set(end.is(StateKind.SUCCESS) ? end : ServiceState.exited(pid, 3), 0));
        };
        return s;
    }

    @Test
    void aOneshotIsStartedOnlyOnceItSucceeded() {
        oneshot("job", 300, ServiceState.of(StateKind.SUCCESS));
        lifecycle.startWait(Duration.ofSeconds(5), "job");
        assertEquals(StateKind.SUCCESS, zinit.svc("job").state.kind());
        assertTrue(clock.elapsedMillis() >= 300, "returned while the oneshot was still running");
        assertEquals(1, zinit.exact("load job"), "the file is read once per wait");
    }

    @Test
    void aOneshotThatExitsWithACodeFailsTheWaitWithThatCode() {
        oneshot("job", 200, ServiceState.exited(0, 3));
        ServiceFailedException e = assertThrows(ServiceFailedException.class,
                () -> lifecycle.startWait(Duration.ofSeconds(5), "job"));
        assertEquals(3, e.status().state().exitCode().getAsInt());
        assertTrue(e.getMessage().contains("oneshot"), e.getMessage());
    }

    @Test
    void aOneshotKilledByASignalFailsTheWaitWithThatSignal() {
        ScriptedControl.Svc s = oneshot("job", 0, ServiceState.of(StateKind.SUCCESS));
        s.onStart = x -> {
            x.set(StateKind.RUNNING, 77);
            x.after(100, y -> y.set(ServiceState.signaled(77, io.zinit4j.model.Signal.SIGKILL), 0));
        };
        ServiceFailedException e = assertThrows(ServiceFailedException.class,
                () -> lifecycle.startWait(Duration.ofSeconds(5), "job"));
        assertEquals(io.zinit4j.model.Signal.SIGKILL, e.status().state().signal().orElseThrow());
    }

    @Test
    void startOfAOneshotThatFailedBeforeWaitsForTheNewRunAndItsFailure() {
        // zinit respawns an ended oneshot on start, but shows the old Error (target Up) until it does
        ScriptedControl.Svc s = zinit.add("job").set(ServiceState.exited(41, 3), 0).target(ServiceTarget.UP);
        zinit.oneshots.add("job");
        s.respawnOnStart = true;
        s.onStart = x -> x.after(50, y -> {
            y.set(StateKind.RUNNING, 42);
            y.after(200, z -> z.set(ServiceState.exited(42, 3), 0));
        });
        ServiceFailedException e = assertThrows(ServiceFailedException.class,
                () -> lifecycle.startWait(Duration.ofSeconds(5), "job"));
        assertEquals(42, e.status().state().processId().getAsInt(), "the new run's failure, not the old one");
        assertTrue(clock.elapsedMillis() >= 250, "failed on the stale state: " + clock.elapsedMillis());
    }

    @Test
    void startOfAOneshotThatSucceededBeforeWaitsForTheNewRun() {
        ScriptedControl.Svc s = zinit.add("job").set(StateKind.SUCCESS, 0).target(ServiceTarget.UP);
        zinit.oneshots.add("job");
        s.respawnOnStart = true;
        s.onStart = x -> x.after(50, y -> {
            y.set(StateKind.RUNNING, 42);
            y.after(300, z -> z.set(StateKind.SUCCESS, 0));
        });
        lifecycle.startWait(Duration.ofSeconds(5), "job");
        assertTrue(clock.elapsedMillis() >= 350, "took the old Success: " + clock.elapsedMillis());
        assertEquals(StateKind.SUCCESS, zinit.svc("job").state.kind());
    }

    @Test
    void aRestartOfAOneshotReturnsOnceTheSecondRunSucceeded() {
        ScriptedControl.Svc s = zinit.add("job").set(StateKind.SUCCESS, 0).target(ServiceTarget.UP);
        zinit.oneshots.add("job");
        s.onStart = x -> x.after(50, y -> {
            y.set(StateKind.RUNNING, 43);
            y.after(300, z -> z.set(StateKind.SUCCESS, 0));
        });
        lifecycle.restart(Duration.ofSeconds(5), "job");
        assertEquals(1, zinit.exact("stop job"));
        assertEquals(1, zinit.exact("start job"));
        assertTrue(clock.elapsedMillis() >= 350, "returned before the second run ended: " + clock.elapsedMillis());
        assertEquals(StateKind.SUCCESS, zinit.svc("job").state.kind());
    }

    @Test
    void aOneshotWithAStaleSuccessIsTakenAfterTheGraceWhenNothingElseIsSeen() {
        // zinit never showed anything but the old Success: after the grace it counts
        ScriptedControl.Svc s = zinit.add("job").set(StateKind.SUCCESS, 0).target(ServiceTarget.UP);
        zinit.oneshots.add("job");
        s.respawnOnStart = true;
        lifecycle.startWait(Duration.ofSeconds(10), "job");
        long grace = PollPolicy.defaults().failureGrace().toMillis();
        assertTrue(clock.elapsedMillis() >= grace, "took the old Success before the grace: " + clock.elapsedMillis());
    }

    @Test
    void aTargetSetDownBySomeoneElseFailsAtOnce() {
        ScriptedControl.Svc s = zinit.startsAfter("web", 10_000);
        s.onStart = x -> {
            x.set(StateKind.SPAWNED, 5);
            x.after(50, y -> y.target(ServiceTarget.DOWN));
        };
        ServiceFailedException e = assertThrows(ServiceFailedException.class,
                () -> lifecycle.startWait(Duration.ofSeconds(5), "web"));
        assertTrue(e.getMessage().contains("Down"), e.getMessage());
        assertTrue(e.getMessage().contains("someone else"), e.getMessage());
        assertEquals(ServiceTarget.DOWN, e.status().target());
        assertTrue(clock.elapsedMillis() < 100, "should fail at the first poll after the flip");
    }

    @Test
    void aServiceThatNeverStartsTimesOutWithItsLastStatus() {
        zinit.startsAfter("slow", 60_000);
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                () -> lifecycle.startWait(Duration.ofSeconds(2), "slow"));
        assertEquals(StateKind.SPAWNED, e.lastSeen().get("slow").state().kind());
        assertTrue(e.getMessage().contains("'slow'"), e.getMessage());
        assertTrue(e.getMessage().contains("Spawned"), e.getMessage());
        assertTrue(clock.elapsedMillis() >= 2000, "gave up before the deadline");
        assertTrue(clock.elapsedMillis() <= 2000 + 20, "went on past the deadline: " + clock.elapsedMillis());
    }

    @Test
    void aBlockedServiceTimesOut() {
        ScriptedControl.Svc s = zinit.startsAfter("app", 0);
        s.onStart = x -> x.set(StateKind.BLOCKED, 0);
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                () -> lifecycle.startWait(Duration.ofMillis(500), "app"));
        assertEquals(StateKind.BLOCKED, e.lastSeen().get("app").state().kind());
    }

    @Test
    void aNewCrashFailsEarlyWithItsState() {
        ScriptedControl.Svc s = zinit.startsAfter("web", 0);
        s.onStart = x -> {
            x.set(StateKind.SPAWNED, 42);
            x.after(30, y -> y.set(ServiceState.exited(42, 3), 0));
        };
        ServiceFailedException e = assertThrows(ServiceFailedException.class,
                () -> lifecycle.startWait(Duration.ofSeconds(30), "web"));
        assertEquals(3, e.status().state().exitCode().getAsInt());
        assertTrue(e.getMessage().contains("Error(Exited(Pid(42), 3))"), e.getMessage());
        assertTrue(clock.elapsedMillis() < 60, "should not wait out the timeout: " + clock.elapsedMillis());
    }

    @Test
    void aMissingBinaryFailsAtOnce() {
        ScriptedControl.Svc s = zinit.startsAfter("web", 0);
        s.onStart = x -> x.set(StateKind.FAILURE, 0);
        ServiceFailedException e = assertThrows(ServiceFailedException.class,
                () -> lifecycle.startWait(Duration.ofSeconds(30), "web"));
        assertEquals(StateKind.FAILURE, e.status().state().kind());
        assertEquals(0, clock.elapsedMillis());
    }

    @Test
    void aTestFailureFailsAtOnce() {
        ScriptedControl.Svc s = zinit.startsAfter("web", 0);
        s.onStart = x -> {
            x.set(StateKind.SPAWNED, 9);
            x.after(200, y -> y.set(StateKind.TEST_FAILURE, 0));
        };
        ServiceFailedException e = assertThrows(ServiceFailedException.class,
                () -> lifecycle.startWait(Duration.ofSeconds(30), "web"));
        assertEquals(StateKind.TEST_FAILURE, e.status().state().kind());
    }

    @Test
    void aCrashThatZinitRestartsIsNotMistakenForAFailure() {
        // crashed before the call: Error with target Up, zinit restarts it about 1.5 s later
        ScriptedControl.Svc s = zinit.add("web").set(ServiceState.exited(12, 1), 0).target(ServiceTarget.UP);
        s.after(1500, x -> x.set(StateKind.RUNNING, 13));
        lifecycle.startWait(Duration.ofSeconds(10), "web");
        assertTrue(clock.elapsedMillis() >= 1500);
        assertTrue(clock.elapsedMillis() <= 1500 + 20);
    }

    @Test
    void aCrashAgainAfterTheRestartIsANewFailure() {
        ScriptedControl.Svc s = zinit.add("web").set(ServiceState.exited(12, 1), 0).target(ServiceTarget.UP);
        s.after(1500, x -> x.set(ServiceState.exited(13, 1), 0));
        ServiceFailedException e = assertThrows(ServiceFailedException.class,
                () -> lifecycle.startWait(Duration.ofSeconds(10), "web"));
        assertEquals(13, e.status().state().processId().getAsInt());
    }

    @Test
    void anOldFailureThatPersistsFailsAfterTheGracePeriod() {
        ScriptedControl.Svc s = zinit.add("web").set(StateKind.FAILURE, 0).target(ServiceTarget.DOWN);
        s.onStart = x -> x.set(StateKind.FAILURE, 0);
        Lifecycle l = new Lifecycle(zinit, PollPolicy.builder().failureGrace(Duration.ofMillis(700)).build(), clock);
        ServiceFailedException e = assertThrows(ServiceFailedException.class,
                () -> l.startWait(Duration.ofSeconds(30), "web"));
        assertTrue(clock.elapsedMillis() >= 700, "failed before the grace period: " + clock.elapsedMillis());
        assertTrue(clock.elapsedMillis() <= 720, "failed long after the grace period: " + clock.elapsedMillis());
        assertTrue(e.getMessage().contains("unchanged"), e.getMessage());
    }

    @Test
    void anUnknownServiceIsReportedAsNotFound() {
        assertThrows(ServiceNotFoundException.class, () -> lifecycle.startWait(Duration.ofSeconds(1), "nope"));
    }

    @Test
    void aServiceForgottenWhileWaitingIsReportedAsNotFound() {
        ScriptedControl.Svc s = zinit.startsAfter("web", 10_000);
        s.onStart = x -> {
            x.set(StateKind.SPAWNED, 5);
            x.after(40, y -> zinit.forgetNow("web"));
        };
        ServiceNotFoundException e = assertThrows(ServiceNotFoundException.class,
                () -> lifecycle.startWait(Duration.ofSeconds(5), "web"));
        assertTrue(e.getMessage().contains("no longer known"), e.getMessage());
    }

    @Test
    void zeroTimeoutOnlyStarts() {
        zinit.startsAfter("web", 100);
        lifecycle.startWait(Duration.ZERO, "web");
        assertEquals(1, zinit.count("start web"));
        assertEquals(0, zinit.count("status"));
        assertEquals(0, clock.elapsedMillis());
    }

    @Test
    void negativeTimeoutIsRejected() {
        zinit.startsAfter("web", 100);
        assertThrows(IllegalArgumentException.class, () -> lifecycle.startWait(Duration.ofMillis(-1), "web"));
        assertEquals(0, zinit.count("start"));
    }

    @Test
    void restartStopsThenStarts() {
        ScriptedControl.Svc s = zinit.running("web", 25);
        s.onStart = x -> {
            x.set(StateKind.SPAWNED, 77);
            x.after(40, y -> y.set(StateKind.RUNNING, 77));
        };
        lifecycle.restart(Duration.ofSeconds(5), "web");
        assertEquals(StateKind.RUNNING, s.state.kind());
        assertEquals(77, s.pid);
        assertTrue(zinit.calls.indexOf("stop web") < zinit.calls.indexOf("start web"));
    }
}
