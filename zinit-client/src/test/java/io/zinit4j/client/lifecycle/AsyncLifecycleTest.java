package io.zinit4j.client.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.WaitTimeoutException;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link AsyncLifecycle} on the fake clock and a scheduler run by the test thread: the same rules as {@link
 * Lifecycle} (each scenario runs through both and must end the same way), and one shared poll loop whose calls stay
 * within the budget whatever the number of waits.
 */
class AsyncLifecycleTest {
    private static final long MS = 1_000_000L;
    private static final long INTERVAL = PollPolicy.defaults().maxInterval().toNanos();

    private final FakeClock clock = new FakeClock();
    private final ScriptedControl zinit = new ScriptedControl(clock);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final AsyncLifecycle async = new AsyncLifecycle(zinit, PollPolicy.defaults(), scheduler, clock);

    /** Runs the scheduler until the future is done; {@return its failure, unwrapped, or null} */
    private Throwable outcome(CompletableFuture<Void> f) {
        assertTrue(scheduler.runUntil(f::isDone, 600_000), "the wait never ended");
        try {
            f.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    // ---- the same rules as Lifecycle

    private static void oneshot(ScriptedControl z, String name, long runMillis, ServiceState end) {
        z.oneshots.add(name);
        ScriptedControl.Svc s = z.add(name).set(StateKind.UNKNOWN, 0);
        s.onStart = x -> {
            x.set(StateKind.RUNNING, 40);
            x.after(runMillis, y -> y.set(end, 0));
        };
    }

    /**
     * Runs one scenario through the blocking and the async lifecycle, each on a fresh scripted zinit; {@return the
     * two outcomes: null, or the exception's class and message}
     */
    private static List<String> both(Consumer<ScriptedControl> setUp, Consumer<Lifecycle> blocking,
                                     Function<AsyncLifecycle, CompletableFuture<Void>> async) {
        List<String> out = new ArrayList<>();
        FakeClock c1 = new FakeClock();
        ScriptedControl z1 = new ScriptedControl(c1);
        setUp.accept(z1);
        try {
            blocking.accept(new Lifecycle(z1, PollPolicy.defaults(), c1));
            out.add("ok after " + c1.elapsedMillis() / 10);
        } catch (RuntimeException e) {
            out.add(e.getClass().getSimpleName());
        }
        FakeClock c2 = new FakeClock();
        ScriptedControl z2 = new ScriptedControl(c2);
        setUp.accept(z2);
        ManualScheduler s2 = new ManualScheduler(c2);
        CompletableFuture<Void> f = async.apply(new AsyncLifecycle(z2, PollPolicy.defaults(), s2, c2));
        assertTrue(s2.runUntil(f::isDone, 600_000));
        try {
            f.join();
            out.add("ok after " + c2.elapsedMillis() / 10);
        } catch (CompletionException e) {
            out.add(e.getCause().getClass().getSimpleName());
        }
        return out;
    }

    private static void assertSame(List<String> outcomes, String expected) {
        assertEquals(List.of(expected, expected), outcomes, "blocking, async");
    }

    @Test
    void aOneshotCountsOnlyOnceItSucceededAsInTheBlockingWait() {
        assertSame(both(z -> oneshot(z, "job", 300, ServiceState.of(StateKind.SUCCESS)),
                l -> l.startWait(Duration.ofSeconds(5), "job"),
                a -> a.startWait(Duration.ofSeconds(5), "job")), "ok after 30");
    }

    @Test
    void aOneshotThatExitsWithACodeFailsAsInTheBlockingWait() {
        assertSame(both(z -> oneshot(z, "job", 200, ServiceState.exited(40, 3)),
                l -> l.startWait(Duration.ofSeconds(5), "job"),
                a -> a.startWait(Duration.ofSeconds(5), "job")), "ServiceFailedException");
        Throwable e = outcome(startOneshotThatFails());
        assertInstanceOf(ServiceFailedException.class, e);
        assertTrue(e.getMessage().contains("oneshot"), e.getMessage());
        assertEquals(ServiceState.exited(40, 3), ((ServiceFailedException) e).status().state());
    }

    private CompletableFuture<Void> startOneshotThatFails() {
        oneshot(zinit, "job", 200, ServiceState.exited(40, 3));
        return async.startWait(Duration.ofSeconds(5), "job");
    }

    @Test
    void oneshotsAmongManyAsInTheBlockingWait() {
        Consumer<ScriptedControl> setUp = z -> {
            oneshot(z, "a", 400, ServiceState.of(StateKind.SUCCESS));
            oneshot(z, "b", 100, ServiceState.of(StateKind.SUCCESS));
            z.startsAfter("web", 50);
        };
        assertSame(both(setUp, l -> l.startMultiple(Duration.ofSeconds(5), "a", "b", "web"),
                a -> a.startMultiple(Duration.ofSeconds(5), "a", "b", "web")), "ok after 40");
    }

    @Test
    void aServiceThatCrashesOrIsSetDownFailsAsInTheBlockingWait() {
        Consumer<ScriptedControl> crash = z -> {
            ScriptedControl.Svc s = z.add("web").set(StateKind.UNKNOWN, 0);
            s.onStart = x -> {
                x.set(StateKind.SPAWNED, 9);
                x.after(80, y -> y.set(ServiceState.exited(9, 1), 0));
            };
        };
        assertSame(both(crash, l -> l.startWait(Duration.ofSeconds(5), "web"),
                a -> a.startWait(Duration.ofSeconds(5), "web")), "ServiceFailedException");
        Consumer<ScriptedControl> setDown = z -> {
            z.startsAfter("db", 5_000).onStart = x -> {
                x.set(StateKind.SPAWNED, 10);
                x.after(100, y -> y.target = ServiceTarget.DOWN);
            };
        };
        assertSame(both(setDown, l -> l.startWait(Duration.ofSeconds(5), "db"),
                a -> a.startWait(Duration.ofSeconds(5), "db")), "ServiceFailedException");
    }

    @Test
    void aStopOfAServiceIgnoringSigtermEndsWithSigkillAsInTheBlockingWait() {
        assertSame(both(z -> z.running("web", 60_000),
                l -> l.stopWait(Duration.ofMillis(500), "web"),
                a -> a.stopWait(Duration.ofMillis(500), "web")), "ok after 50");
        outcome(runningThenStop());
        assertTrue(zinit.calls.contains("kill web SIGKILL"), zinit.calls.toString());
    }

    private CompletableFuture<Void> runningThenStop() {
        zinit.running("web", 60_000);
        return async.stopWait(Duration.ofMillis(500), "web");
    }

    @Test
    void aWaitThatNeverEndsTimesOutWithWhatItLastSawAsTheBlockingWait() {
        assertSame(both(z -> z.startsAfter("slow", 600_000),
                l -> l.startWait(Duration.ofMillis(300), "slow"),
                a -> a.startWait(Duration.ofMillis(300), "slow")), "WaitTimeoutException");
        zinit.startsAfter("slow", 600_000);
        Throwable e = outcome(async.startWait(Duration.ofMillis(300), "slow"));
        assertEquals(StateKind.SPAWNED, ((WaitTimeoutException) e).lastSeen().get("slow").state().kind());
    }

    // ---- one poll loop, one budget

    @Test
    void fiveHundredWaitsShareOneListPerRoundWithinTheLimitAndEachIsSeenWithinAnInterval() {
        Random random = new Random(3);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long[] runningAt = new long[500];
        long[] doneAt = new long[500];
        for (int i = 0; i < 500; i++) {
            runningAt[i] = 20 + random.nextInt(1500);
            zinit.startsAfter("s" + i, runningAt[i]);
        }
        for (int i = 0; i < 500; i++) {
            int k = i;
            all.add(async.startWait(Duration.ofSeconds(30), "s" + i)
                    .whenComplete((v, e) -> doneAt[k] = clock.elapsedNanos()));
        }
        CompletableFuture<Void> allDone = CompletableFuture.allOf(all.toArray(new CompletableFuture[0]));
        assertNull(outcome(allDone));
        for (int i = 0; i < 500; i++) {
            // every start was sent at fake time zero, so the flip is at runningAt
            long reaction = doneAt[i] - runningAt[i] * MS;
            assertTrue(reaction >= 0 && reaction <= INTERVAL, "s" + i + ": seen " + reaction / 1e6 + " ms late");
            // the look before the start, and no status poll: the list told
            assertTrue(zinit.statusCalls("s" + i).size() <= 2, "s" + i + ": " + zinit.statusCalls("s" + i).size());
        }
        List<Long> polls = new ArrayList<>(zinit.listCalls);
        for (int i = 0; i < 500; i++) {
            List<Long> s = zinit.statusCalls("s" + i);
            polls.addAll(s.subList(1, s.size()));
        }
        Collections.sort(polls);
        for (int i = 0; i + 100 < polls.size(); i++) {
            assertTrue(polls.get(i + 100) - polls.get(i) >= 1_000 * MS, "more than 100 calls within a second");
        }
        assertTrue(zinit.listCalls.size() > 100, "polled with lists: " + zinit.listCalls.size());
        assertEquals(0, async.inProgress());
    }

    @Test
    void cancellingEveryWaitStopsThePolling() {
        zinit.startsAfter("a", 600_000);
        zinit.startsAfter("b", 600_000);
        CompletableFuture<Void> a = async.startWait(Duration.ofSeconds(60), "a");
        CompletableFuture<Void> b = async.startMultiple(Duration.ofSeconds(60), "b");
        scheduler.runUntil(() -> false, 200);
        a.cancel(false);
        b.cancel(false);
        scheduler.runUntil(() -> false, 100);
        int calls = zinit.calls.size();
        scheduler.runUntil(() -> false, 10_000);
        assertEquals(calls, zinit.calls.size(), "still polling: " + zinit.calls.subList(calls, zinit.calls.size()));
        assertEquals(0, async.inProgress());
        assertFalse(scheduler.pending() > 0, "a step is still scheduled");
    }

    @Test
    void stopMultipleWithSigkillRoundsAndDestroy() {
        for (int i = 0; i < 5; i++) {
            zinit.running("s" + i, i == 4 ? 60_000 : 30);
        }
        assertNull(outcome(async.destroy(Duration.ofMillis(400), "s0", "s1", "s2", "s3", "s4", "gone")));
        assertTrue(zinit.calls.contains("kill s4 " + Signal.SIGKILL), zinit.calls.toString());
        for (int i = 0; i < 5; i++) {
            assertFalse(zinit.knows("s" + i));
        }
    }
}
