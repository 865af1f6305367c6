package io.zinit4j.client.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.WaitTimeoutException;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StopWaitTest {
    private final FakeClock clock = new FakeClock();
    private final ScriptedControl zinit = new ScriptedControl(clock);
    private final Lifecycle lifecycle = new Lifecycle(zinit, PollPolicy.defaults(), clock);

    @Test
    void returnsOnceTheProcessDiedOfSigterm() {
        ScriptedControl.Svc s = zinit.running("web", 85);
        lifecycle.stopWait(Duration.ofSeconds(5), "web");
        assertEquals(StateKind.ERROR, s.state.kind());
        assertEquals(Signal.SIGTERM, s.state.signal().orElseThrow());
        assertTrue(clock.elapsedMillis() >= 85 && clock.elapsedMillis() <= 85 + 20, "took " + clock.elapsedMillis());
        assertEquals(0, zinit.count("kill"));
    }

    @Test
    void aProcessIgnoringSigtermGetsSigkillAtTheDeadline() {
        ScriptedControl.Svc s = zinit.running("stubborn", 0);
        s.onStop = x -> { };
        long[] killedAt = {-1};
        s.onKill = (x, sig) -> {
            if (sig == Signal.SIGKILL) {
                killedAt[0] = clock.elapsedMillis();
                x.after(3, y -> y.dies(Signal.SIGKILL));
            }
        };
        lifecycle.stopWait(Duration.ofSeconds(2), "stubborn");
        assertEquals(2000, killedAt[0], "SIGKILL should be sent at the deadline");
        assertEquals(1, zinit.count("kill stubborn SIGKILL"));
        assertEquals(Signal.SIGKILL, s.state.signal().orElseThrow());
        assertTrue(clock.elapsedMillis() <= 2000 + 3 + 20);
    }

    @Test
    void sigkillIsRepeatedThenTheWaitGivesUp() {
        ScriptedControl.Svc s = zinit.running("zombie", 0);
        s.onStop = x -> { };
        s.onKill = (x, sig) -> { };
        Lifecycle l = new Lifecycle(zinit, PollPolicy.builder().killAttempts(3)
                .killRetryInterval(Duration.ofMillis(500)).build(), clock);
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                () -> l.stopWait(Duration.ofSeconds(1), "zombie"));
        assertEquals(3, zinit.count("kill zombie SIGKILL"));
        assertEquals(StateKind.RUNNING, e.lastSeen().get("zombie").state().kind());
        assertEquals(ServiceTarget.DOWN, e.lastSeen().get("zombie").target());
        assertTrue(e.getMessage().contains("SIGKILL"), e.getMessage());
        assertTrue(clock.elapsedMillis() >= 1000 + 3 * 500 && clock.elapsedMillis() <= 1000 + 3 * 500 + 40);
    }

    @Test
    void aProcessGoneWhenSigkillIsSentIsNotAnError() {
        // zinit reaped the process (pid 0) but has not published the new state yet: kill answers "is down"
        ScriptedControl.Svc s = zinit.running("web", 0);
        s.onStop = x -> x.set(StateKind.RUNNING, 0);
        s.onKill = (x, sig) -> { };
        s.after(1500, x -> x.dies(Signal.SIGTERM));
        lifecycle.stopWait(Duration.ofSeconds(1), "web");
        assertEquals(1, zinit.count("kill web SIGKILL"), "tried once, at the deadline, and was told it is down");
        assertTrue(s.state.exited());
        assertTrue(clock.elapsedMillis() >= 1500 && clock.elapsedMillis() <= 1520);
    }

    @Test
    void aTargetSetUpBySomeoneElseFailsAtOnce() {
        ScriptedControl.Svc s = zinit.running("web", 10_000);
        s.onStop = x -> x.after(30, y -> y.target(ServiceTarget.UP));
        ServiceFailedException e = assertThrows(ServiceFailedException.class,
                () -> lifecycle.stopWait(Duration.ofSeconds(5), "web"));
        assertTrue(e.getMessage().contains("set to Up by someone else"), e.getMessage());
        assertEquals(ServiceTarget.UP, e.status().target());
        assertEquals(0, zinit.count("kill"));
    }

    @Test
    void aServiceAlreadyStoppedReturnsAtOnce() {
        zinit.add("done").set(StateKind.SUCCESS, 0).target(ServiceTarget.DOWN);
        lifecycle.stopWait(Duration.ofSeconds(5), "done");
        assertEquals(0, clock.elapsedMillis());
        assertEquals(1, zinit.count("status"));
    }

    @Test
    void aServiceForgottenMeanwhileCountsAsStopped() {
        ScriptedControl.Svc s = zinit.running("web", 10_000);
        s.onStop = x -> x.after(20, y -> zinit.forgetNow("web"));
        lifecycle.stopWait(Duration.ofSeconds(5), "web");
        assertFalse(zinit.knows("web"));
    }

    @Test
    void anUnknownServiceIsReportedAsNotFound() {
        assertThrows(ServiceNotFoundException.class, () -> lifecycle.stopWait(Duration.ofSeconds(1), "nope"));
    }

    @Test
    void zeroTimeoutOnlyStops() {
        zinit.running("web", 100);
        lifecycle.stopWait(Duration.ZERO, "web");
        assertEquals(1, zinit.count("stop web"));
        assertEquals(0, zinit.count("status"));
    }

    @Test
    void pauseAndResumeSendStopAndCont() {
        zinit.running("web", 10);
        lifecycle.pause("web");
        lifecycle.resume("web");
        assertEquals(1, zinit.count("kill web SIGSTOP"));
        assertEquals(1, zinit.count("kill web SIGCONT"));
        assertTrue(zinit.calls.indexOf("kill web SIGSTOP") < zinit.calls.indexOf("kill web SIGCONT"));
    }
}
