package io.zinit4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.Signal;
import io.zinit4j.testkit.Behavior;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How {@link FakeTarget} reads the scenarios' commands into simulated processes. */
class FakeTargetTest {
    private static Behavior of(String exec, boolean oneshot) {
        return FakeTarget.behaviorOf(ServiceConfig.builder().exec(exec).oneshot(oneshot).build());
    }

    @Test
    void longRunningCommandsRunUntilStopped() {
        Behavior b = of("sleep 100000", false);
        assertNull(b.runTime());
        assertTrue(b.ignored().isEmpty());
    }

    @Test
    void scriptsExitWithTheirCodeAfterTheirSleepsAndPrintToTheirStreams() {
        Behavior bad = of("sh -c 'exit 3'", true);
        assertEquals(3, bad.exitCode());
        Behavior talker = of("sh -c 'echo out-x; echo err-x >&2'", true);
        assertEquals(0, talker.exitCode());
        assertEquals(List.of("out-x"), talker.output());
        assertEquals(List.of("err-x"), talker.errors());
        Behavior dep = of("sh -c 'sleep 0.3'", true);
        assertTrue(dep.runTime().compareTo(Duration.ofMillis(300)) >= 0, dep::toString);
        assertEquals(0, of("sh -c 'exit 0; sleep 42'", true).exitCode());
    }

    @Test
    void trapsTicksMissingBinariesAndFailingTests() {
        assertEquals(Set.of(Signal.SIGTERM),
                of("sh -c 'trap \"\" TERM; while true; do sleep 0.1; done'", false).ignored());
        Behavior ticker = of("sh -c 'i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.1; done'", false);
        assertEquals("tick-", ticker.tickPrefix());
        assertTrue(of("/nonexistent/x/bin", false).failsToStart());
        Behavior gated = FakeTarget.behaviorOf(ServiceConfig.builder().exec("sleep 1").test("false").build());
        assertEquals(Integer.MAX_VALUE, gated.failingTests(), gated::toString);
    }
}
