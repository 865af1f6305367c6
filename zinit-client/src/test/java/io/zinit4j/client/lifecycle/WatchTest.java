package io.zinit4j.client.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.ZinitException;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.StateKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchTest {
    private final FakeClock clock = new FakeClock();
    private final ScriptedControl zinit = new ScriptedControl(clock);
    private final Lifecycle lifecycle = new Lifecycle(zinit, PollPolicy.defaults(), clock);

    @Test
    void reportsTheFirstStatusThenEachTransition() {
        ScriptedControl.Svc s = zinit.add("web").set(StateKind.SPAWNED, 5).target(ServiceTarget.UP);
        s.after(40, x -> x.set(StateKind.RUNNING, 5));
        s.after(400, x -> x.set(ServiceState.exited(5, 1), 0));
        s.after(1900, x -> x.set(StateKind.RUNNING, 6));
        try (ServiceWatch w = lifecycle.watch("web")) {
            StateChange first = w.next(Duration.ofSeconds(1)).orElseThrow();
            assertTrue(first.initial());
            assertEquals(StateKind.SPAWNED, first.current().state().kind());
            assertEquals(Instant.parse("2026-01-01T00:00:00Z"), first.at());

            StateChange running = w.next(Duration.ofSeconds(1)).orElseThrow();
            assertEquals(StateKind.SPAWNED, running.previous().state().kind());
            assertEquals(StateKind.RUNNING, running.current().state().kind());
            assertTrue(running.nanoTime() - FakeClock.ORIGIN >= 40_000_000L);
            assertTrue(running.nanoTime() - FakeClock.ORIGIN <= 60_000_000L);

            StateChange crash = w.next(Duration.ofSeconds(1)).orElseThrow();
            assertEquals(StateKind.ERROR, crash.current().state().kind());
            assertEquals(0, crash.current().pid());

            StateChange restarted = w.next(Duration.ofSeconds(5)).orElseThrow();
            assertEquals(6, restarted.current().pid());
            // after a change the interval starts again from the shortest: seen within one capped interval
            long seenAfter = (restarted.nanoTime() - FakeClock.ORIGIN) / 1_000_000L - 1900;
            assertTrue(seenAfter >= 0 && seenAfter <= 20, "seen " + seenAfter + " ms after the restart");
            assertEquals(6, w.lastSeen().get("web").pid());
        }
    }

    @Test
    void nothingNewMeansEmptyAfterTheTimeout() {
        zinit.running("web", 10);
        try (ServiceWatch w = lifecycle.watch("web")) {
            assertTrue(w.next(Duration.ZERO).isPresent());
            long before = clock.elapsedMillis();
            assertEquals(Optional.empty(), w.next(Duration.ofMillis(500)));
            assertEquals(before + 500, clock.elapsedMillis());
        }
    }

    @Test
    void aForgottenServiceIsReportedGoneAndAgainWhenItReturns() {
        zinit.running("web", 10);
        try (ServiceWatch w = lifecycle.watch("web", "never")) {
            assertEquals("web", w.next(Duration.ZERO).orElseThrow().name());
            zinit.forgetNow("web");
            StateChange gone = w.next(Duration.ofSeconds(1)).orElseThrow();
            assertTrue(gone.gone());
            assertNull(gone.current());
            assertFalse(w.lastSeen().containsKey("web"));
            zinit.running("web", 10);
            StateChange back = w.next(Duration.ofSeconds(1)).orElseThrow();
            assertTrue(back.initial());
            assertEquals(StateKind.RUNNING, back.current().state().kind());
            // "never" is unknown throughout: no change is invented for it
            assertEquals(Optional.empty(), w.next(Duration.ofMillis(100)));
        }
    }

    @Test
    void closingTheWatchOrTheLifecycleEndsIt() {
        zinit.running("web", 10);
        ServiceWatch w = lifecycle.watch("web");
        w.close();
        assertTrue(w.isClosed());
        assertEquals(Optional.empty(), w.next(Duration.ofSeconds(1)));
        ServiceWatch w2 = lifecycle.watch("web");
        lifecycle.close();
        assertTrue(w2.isClosed());
        assertThrows(ZinitException.class, () -> lifecycle.watch("web"));
        assertThrows(ZinitException.class, () -> lifecycle.startWait(Duration.ofSeconds(1), "web"));
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsTheFlag() {
        zinit.startsAfter("slow", 60_000);
        Thread.currentThread().interrupt();
        try {
            ZinitException e = assertThrows(ZinitException.class,
                    () -> lifecycle.startWait(Duration.ofSeconds(5), "slow"));
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void closingTheLifecycleEndsAWaitInProgress() {
        zinit.startsAfter("slow", 60_000);
        clock.onSleep(() -> {
            if (clock.sleeps() == 5) {
                lifecycle.close();
            }
        });
        ZinitException e = assertThrows(ZinitException.class,
                () -> lifecycle.startWait(Duration.ofSeconds(30), "slow"));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(clock.elapsedMillis() < 100);
    }

    @Test
    void aWatchPollsSeveralServicesInOneLoop() {
        for (int i = 0; i < 50; i++) {
            ScriptedControl.Svc s = zinit.add("s" + i).set(StateKind.SPAWNED, i + 1).target(ServiceTarget.UP);
            s.after(10L * i, x -> x.set(StateKind.RUNNING, x.pid));
        }
        int running = 0;
        try (ServiceWatch w = lifecycle.watch(zinit.names().toArray(new String[0]))) {
            for (Optional<StateChange> c = w.next(Duration.ofSeconds(2)); c.isPresent(); c = w.next(
                    Duration.ofSeconds(2))) {
                if (c.get().current().state().is(StateKind.RUNNING)) {
                    running++;
                }
            }
        }
        assertEquals(50, running);
        // one list per round, a status only for a service first seen or changed, and all of it within the limit
        List<Long> calls = new ArrayList<>(zinit.listCalls);
        for (String n : zinit.names()) {
            calls.addAll(zinit.statusCalls(n));
        }
        Collections.sort(calls);
        assertTrue(zinit.listCalls.size() > 10, "polled with list: " + zinit.listCalls.size());
        // 50 first sights and 49 changes: s0 is Running already when first seen
        assertEquals(99, calls.size() - zinit.listCalls.size(), "a status per first sight and per change");
        for (int i = 0; i + 100 < calls.size(); i++) {
            assertTrue(calls.get(i + 100) - calls.get(i) >= 1_000_000_000L, "more than 100 calls within a second");
        }
    }

    @Test
    void changeRecordsNeedAStatus() {
        assertThrows(IllegalArgumentException.class, () -> new StateChange("x", null, null, Instant.EPOCH, 0));
    }
}
