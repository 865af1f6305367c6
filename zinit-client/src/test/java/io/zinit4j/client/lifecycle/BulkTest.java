package io.zinit4j.client.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.WaitTimeoutException;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BulkTest {
    private final FakeClock clock = new FakeClock();
    private final ScriptedControl zinit = new ScriptedControl(clock);
    private final Lifecycle lifecycle = new Lifecycle(zinit, PollPolicy.defaults(), clock);

    @Test
    void manyServicesAreAwaitedConcurrently() {
        Random random = new Random(42);
        List<String> names = new ArrayList<>();
        long latest = 0;
        for (int i = 0; i < 300; i++) {
            long delay = 50 + random.nextInt(450);
            latest = Math.max(latest, delay);
            zinit.startsAfter("svc" + i, delay);
            names.add("svc" + i);
        }
        lifecycle.startMultiple(Duration.ofSeconds(10), names.toArray(new String[0]));
        // one after the other would take the sum of the delays (about 80 s); together it is the longest one
        assertTrue(clock.elapsedMillis() >= latest, "returned before the last service ran");
        assertTrue(clock.elapsedMillis() <= latest + 20, "took " + clock.elapsedMillis() + " ms, latest " + latest);
        for (String n : names) {
            assertEquals(StateKind.RUNNING, zinit.svc(n).state.kind(), n);
            assertEquals(1, zinit.exact("monitor " + n), n);
            assertEquals(1, zinit.exact("start " + n), n);
        }
        // one list per round for all of them; status only for the look before each start, and for the last one left
        assertTrue(names.stream().filter(n -> zinit.statusCalls(n).size() > 1).count() <= 1);
        assertTrue(zinit.listCalls.size() <= (clock.elapsedMillis() / 1000 + 1) * 100,
                zinit.listCalls.size() + " lists in " + clock.elapsedMillis() + " ms");
    }

    @Test
    void manyServicesAreStoppedConcurrently() {
        Random random = new Random(7);
        List<String> names = new ArrayList<>();
        long latest = 0;
        for (int i = 0; i < 200; i++) {
            long delay = random.nextInt(800);
            latest = Math.max(latest, delay);
            zinit.running("svc" + i, delay);
            names.add("svc" + i);
        }
        lifecycle.stopMultiple(Duration.ofSeconds(5), names.toArray(new String[0]));
        assertTrue(clock.elapsedMillis() >= latest && clock.elapsedMillis() <= latest + 20,
                "took " + clock.elapsedMillis() + " ms, latest " + latest);
        assertEquals(0, zinit.count("kill"));
        for (String n : names) {
            assertEquals(Signal.SIGTERM, zinit.svc(n).state.signal().orElseThrow(), n);
        }
        // polled with list, but for the last one left (one status call is as cheap as a list)
        assertTrue(names.stream().filter(n -> !zinit.statusCalls(n).isEmpty()).count() <= 1);
        List<Long> lists = zinit.listCalls;
        for (int i = 0; i + 100 < lists.size(); i++) {
            assertTrue(lists.get(i + 100) - lists.get(i) >= 1_000_000_000L, "more than 100 calls within a second");
        }
    }

    @Test
    void startMultipleMonitorsServicesNotMonitoredYet() {
        zinit.files.add("fresh");
        zinit.startsAfter("known", 20);
        lifecycle.startMultiple(Duration.ofSeconds(1), "fresh", "known");
        assertTrue(zinit.knows("fresh"));
        assertEquals(StateKind.RUNNING, zinit.svc("fresh").state.kind());
    }

    @Test
    void startMultipleFailsEarlyWhenOneFails() {
        zinit.startsAfter("ok", 10);
        ScriptedControl.Svc bad = zinit.startsAfter("bad", 0);
        bad.onStart = x -> {
            x.set(StateKind.SPAWNED, 50);
            x.after(100, y -> y.set(ServiceState.exited(50, 2), 0));
        };
        zinit.startsAfter("slow", 60_000);
        ServiceFailedException e = assertThrows(ServiceFailedException.class,
                () -> lifecycle.startMultiple(Duration.ofSeconds(30), "ok", "bad", "slow"));
        assertEquals("bad", e.status().name());
        assertTrue(clock.elapsedMillis() < 150);
    }

    @Test
    void startMultipleTimeoutNamesOnlyTheLateOnes() {
        zinit.startsAfter("ok", 10);
        zinit.startsAfter("late", 60_000);
        ScriptedControl.Svc blocked = zinit.startsAfter("blocked", 0);
        blocked.onStart = x -> x.set(StateKind.BLOCKED, 0);
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                () -> lifecycle.startMultiple(Duration.ofSeconds(1), "ok", "late", "blocked"));
        assertEquals(2, e.lastSeen().size());
        assertEquals(StateKind.SPAWNED, e.lastSeen().get("late").state().kind());
        assertEquals(StateKind.BLOCKED, e.lastSeen().get("blocked").state().kind());
        assertTrue(e.getMessage().contains("2 services"), e.getMessage());
    }

    @Test
    void stopMultipleSkipsUnknownAndKillsOnlyTheStubbornOne() {
        zinit.running("a", 30);
        zinit.running("b", 60);
        ScriptedControl.Svc stubborn = zinit.running("c", 0);
        stubborn.onStop = x -> { };
        lifecycle.stopMultiple(Duration.ofSeconds(1), "a", "ghost", "b", "c");
        assertEquals(0, zinit.count("kill a"));
        assertEquals(0, zinit.count("kill b"));
        assertEquals(1, zinit.count("kill c SIGKILL"));
        assertEquals(0, zinit.count("status ghost"));
        for (String n : List.of("a", "b", "c")) {
            assertTrue(zinit.svc(n).state.exited(), n);
        }
    }

    @Test
    void destroyStopsForgetsAndRemovesFiles() {
        zinit.running("a", 30);
        zinit.running("b", 10);
        zinit.files.add("orphan"); // a file zinit does not monitor
        lifecycle.destroy(Duration.ofSeconds(1), "a", "b", "orphan", "ghost");
        assertFalse(zinit.knows("a"));
        assertFalse(zinit.knows("b"));
        assertTrue(zinit.files.isEmpty(), "files left: " + zinit.files);
        assertEquals(1, zinit.count("remove ghost"));
        assertEquals(1, zinit.count("forget ghost"));
        assertTrue(zinit.calls.indexOf("forget a") > zinit.calls.lastIndexOf("status a"),
                "forget must come after the stop was confirmed");
    }

    @Test
    void destroyOfNothingDoesNothing() {
        lifecycle.destroy(Duration.ofSeconds(1));
        assertTrue(zinit.calls.isEmpty());
    }

    @Test
    void destroyAStoppedServiceNeedsNoKill() {
        zinit.add("old").set(ServiceState.signaled(4, Signal.SIGTERM), 0).target(ServiceTarget.DOWN);
        lifecycle.destroy(Duration.ofSeconds(1), "old");
        assertFalse(zinit.knows("old"));
        assertEquals(0, zinit.count("kill"));
    }

    @Test
    void duplicateNamesAreAwaitedOnce() {
        zinit.startsAfter("web", 10);
        lifecycle.startMultiple(Duration.ofSeconds(1), "web", "web");
        assertEquals(1, zinit.count("start web"));
    }
}
