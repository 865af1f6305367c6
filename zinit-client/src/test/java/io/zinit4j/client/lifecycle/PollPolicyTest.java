package io.zinit4j.client.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.WaitTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollPolicyTest {
    private static final long MS = 1_000_000L;

    @Test
    void defaultsAreFastAndCapped() {
        PollPolicy p = PollPolicy.defaults();
        assertEquals(Duration.ofNanos(10_500_000), p.initialInterval());
        assertEquals(1.0, p.backoffFactor());
        assertEquals(Duration.ofNanos(10_500_000), p.maxInterval());
        assertEquals(100, p.maxCallsPerSecond());
        assertEquals(p.toString(), p.toBuilder().build().toString());
    }

    @Test
    void builderRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> PollPolicy.builder().initialInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> PollPolicy.builder().backoffFactor(0.5));
        assertThrows(IllegalArgumentException.class, () -> PollPolicy.builder().backoffFactor(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> PollPolicy.builder().maxCallsPerSecond(0));
        assertThrows(IllegalArgumentException.class, () -> PollPolicy.builder().killAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> PollPolicy.builder().failureGrace(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> PollPolicy.builder().initialInterval(Duration.ofSeconds(2)).maxInterval(Duration.ofSeconds(1))
                        .build());
        assertThrows(NullPointerException.class, () -> PollPolicy.builder().maxInterval(null));
    }

    @Test
    void intervalsGrowByTheFactorUpToTheCap() {
        FakeClock clock = new FakeClock();
        ScriptedControl zinit = new ScriptedControl(clock);
        zinit.startsAfter("slow", 60_000);
        PollPolicy ramp = PollPolicy.builder().initialInterval(Duration.ofMillis(2)).backoffFactor(1.5)
                .maxInterval(Duration.ofMillis(10)).build();
        Lifecycle l = new Lifecycle(zinit, ramp, clock);
        assertThrows(WaitTimeoutException.class, () -> l.startWait(Duration.ofMillis(300), "slow"));
        List<Long> calls = zinit.statusCalls("slow");
        // the first call is the look before start; polling starts at the second
        long[] expected = {2 * MS, 3 * MS, 4_500_000L, 6_750_000L, 10 * MS, 10 * MS, 10 * MS};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], calls.get(i + 2) - calls.get(i + 1), "interval " + i);
        }
        // the very last call is the look at the deadline, which comes sooner
        assertEquals(300 * MS, calls.get(calls.size() - 1) - calls.get(0));
        for (int i = expected.length + 1; i < calls.size() - 2; i++) {
            assertEquals(10 * MS, calls.get(i + 1) - calls.get(i), "interval " + i + " should stay at the cap");
        }
    }

    @Test
    void theRateCapHoldsInEverySlidingSecond() {
        FakeClock clock = new FakeClock();
        ScriptedControl zinit = new ScriptedControl(clock);
        zinit.startsAfter("slow", 600_000);
        // an aggressive poll (every 1 ms) that the cap must hold to 25 calls per second
        PollPolicy p = PollPolicy.builder().initialInterval(Duration.ofMillis(1)).backoffFactor(1.0)
                .maxInterval(Duration.ofMillis(1)).maxCallsPerSecond(25).build();
        Lifecycle l = new Lifecycle(zinit, p, clock);
        assertThrows(WaitTimeoutException.class, () -> l.startWait(Duration.ofSeconds(10), "slow"));
        List<Long> calls = zinit.statusCalls("slow").subList(1, zinit.statusCalls("slow").size());
        int most = 0;
        for (int i = 0; i < calls.size(); i++) {
            int n = 0;
            for (int j = i; j < calls.size() && calls.get(j) - calls.get(i) < 1000 * MS; j++) {
                n++;
            }
            most = Math.max(most, n);
        }
        assertEquals(25, most, "the busiest one-second window");
        // per simulated calendar second too, and the cap is reached (the poll is not simply slow)
        for (int second = 0; second < 10; second++) {
            long from = second * 1000 * MS;
            long n = calls.stream().filter(t -> t >= from && t < from + 1000 * MS).count();
            assertTrue(n <= 25, "second " + second + " had " + n + " calls");
            assertTrue(n >= 24, "second " + second + " had only " + n + " calls");
        }
    }

    @Test
    void theDefaultPolicyStaysUnderOneHundredCallsPerSecond() {
        FakeClock clock = new FakeClock();
        ScriptedControl zinit = new ScriptedControl(clock);
        zinit.startsAfter("slow", 600_000);
        Lifecycle l = new Lifecycle(zinit, PollPolicy.defaults(), clock);
        assertThrows(WaitTimeoutException.class, () -> l.startWait(Duration.ofSeconds(5), "slow"));
        // the look before the start is no poll; the polls reach the limit and keep to it
        List<Long> calls = zinit.statusCalls("slow").subList(1, zinit.statusCalls("slow").size());
        for (int second = 0; second < 5; second++) {
            long from = second * 1000 * MS;
            long n = calls.stream().filter(t -> t >= from && t < from + 1000 * MS).count();
            assertTrue(n <= 100, "second " + second + " had " + n + " calls");
            assertTrue(n >= 94, "second " + second + " had only " + n + " calls");
        }
    }

    @Test
    void aFixedOneSecondPollLooksOncePerSecond() {
        FakeClock clock = new FakeClock();
        ScriptedControl zinit = new ScriptedControl(clock);
        zinit.startsAfter("web", 2500);
        Lifecycle l = new Lifecycle(zinit, PollPolicy.fixedOneSecond(), clock);
        l.startWait(Duration.ofSeconds(10), "web");
        assertEquals(3000, clock.elapsedMillis());
    }
}
