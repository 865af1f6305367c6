package io.zinit4j.client.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.WaitTimeoutException;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 4 on the fake clock: a wait on many services polls with one {@code list} per round and {@code status}
 * only for what the list cannot tell, all its polls within {@link PollPolicy#maxCallsPerSecond()} whatever the number
 * of services, and sees a change within one interval.
 */
class ListPollingTest {
    private static final long MS = 1_000_000L;
    private static final long INTERVAL = PollPolicy.defaults().maxInterval().toNanos();

    private final FakeClock clock = new FakeClock();
    private final ScriptedControl zinit = new ScriptedControl(clock);
    private final Lifecycle lifecycle = new Lifecycle(zinit, PollPolicy.defaults(), clock);

    @Test
    void fiveHundredStartsArePolledWithListsWithinTheLimitAndSeenWithinAnInterval() {
        Random random = new Random(7);
        List<String> names = new ArrayList<>();
        long latest = 0;
        for (int i = 0; i < 500; i++) {
            long delay = 20 + random.nextInt(2000);
            latest = Math.max(latest, delay);
            zinit.startsAfter("s" + i, delay);
            names.add("s" + i);
        }
        lifecycle.startMultiple(Duration.ofSeconds(30), names.toArray(new String[0]));
        // the last one turned Running at `latest` and was seen at the next round, one interval later at most
        assertTrue(clock.elapsedNanos() - latest * MS <= INTERVAL, "seen " + clock.elapsedMillis() + " ms in, latest "
                + latest);
        for (String n : names) {
            // the look before the start is a command, not a poll; every poll was a list, but for the last one left
            assertTrue(zinit.statusCalls(n).size() <= 2, n + ": " + zinit.statusCalls(n).size());
        }
        assertAtMostPerSecond(pollCalls(names, 1), 100);
        // about one list per interval: the limit never had to hold a round back
        long expectedRounds = (clock.elapsedNanos() / INTERVAL) + 1;
        assertTrue(zinit.listCalls.size() <= expectedRounds, zinit.listCalls.size() + " lists");
        assertTrue(zinit.listCalls.size() >= expectedRounds - 10, zinit.listCalls.size() + " lists");
    }

    @Test
    void oneServiceIsPolledWithStatusAndSeenWithinAnInterval() {
        zinit.startsAfter("web", 333);
        lifecycle.startWait(Duration.ofSeconds(5), "web");
        assertTrue(clock.elapsedNanos() - 333 * MS <= INTERVAL, "seen " + clock.elapsedMillis() + " ms in");
        assertTrue(zinit.listCalls.isEmpty(), "one service is polled with status");
        assertAtMostPerSecond(zinit.statusCalls("web").subList(1, zinit.statusCalls("web").size()), 100);
    }

    @Test
    void aFailedStartAmongManyIsReportedWithItsFullStatus() {
        for (int i = 0; i < 20; i++) {
            zinit.startsAfter("ok" + i, 5_000);
        }
        ScriptedControl.Svc bad = zinit.add("bad").set(StateKind.UNKNOWN, 0);
        bad.onStart = x -> {
            x.set(StateKind.SPAWNED, 77);
            x.after(100, y -> y.set(ServiceState.exited(77, 2), 0));
        };
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add("ok" + i);
        }
        names.add("bad");
        ServiceFailedException e = assertThrows(ServiceFailedException.class,
                () -> lifecycle.startMultiple(Duration.ofSeconds(10), names.toArray(new String[0])));
        assertTrue(e.getMessage().contains("'bad'"), e.getMessage());
        // the failure came from a list and was confirmed by one status call (besides the look before the start)
        assertEquals(2, zinit.statusCalls("bad").size());
        assertTrue(clock.elapsedNanos() - 100 * MS <= INTERVAL, "seen " + clock.elapsedMillis() + " ms in");
    }

    @Test
    void oneshotsAmongManyCountOnlyOnSuccessAndFailOnAnExitCode() {
        for (String n : List.of("job1", "job2")) {
            zinit.oneshots.add(n);
            ScriptedControl.Svc s = zinit.add(n).set(StateKind.UNKNOWN, 0);
            long run = n.equals("job1") ? 300 : 600;
            s.onStart = x -> {
                x.set(StateKind.RUNNING, 50);
                x.after(run, y -> y.set(ServiceState.of(StateKind.SUCCESS), 0));
            };
        }
        zinit.startsAfter("web", 10);
        lifecycle.startMultiple(Duration.ofSeconds(10), "job1", "job2", "web");
        // Running is not started for a oneshot: the wait ended only when job2 succeeded
        assertTrue(clock.elapsedMillis() >= 600, "returned while a oneshot was still running");

        zinit.oneshots.add("job3");
        ScriptedControl.Svc s = zinit.add("job3").set(StateKind.UNKNOWN, 0);
        s.onStart = x -> {
            x.set(StateKind.RUNNING, 60);
            x.after(200, y -> y.set(ServiceState.exited(60, 3), 0));
        };
        zinit.startsAfter("db", 10);
        ServiceFailedException e = assertThrows(ServiceFailedException.class,
                () -> lifecycle.startMultiple(Duration.ofSeconds(10), "job3", "db"));
        assertTrue(e.getMessage().contains("oneshot"), e.getMessage());
        assertEquals(ServiceState.exited(60, 3), e.status().state());
    }

    @Test
    void aServiceMissingFromTheListIsConfirmedWithStatusBeforeTheWaitFails() {
        zinit.startsAfter("a", 5_000);
        zinit.startsAfter("b", 5_000);
        clock.onSleep(() -> {
            if (clock.elapsedMillis() > 50 && zinit.knows("b")) {
                zinit.forgetNow("b");
            }
        });
        ServiceNotFoundException e = assertThrows(ServiceNotFoundException.class,
                () -> lifecycle.startMultiple(Duration.ofSeconds(10), "a", "b"));
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
        assertTrue(zinit.calls.contains("status b"));
        assertEquals("status b", zinit.calls.get(zinit.calls.size() - 1), "the last call confirmed it");
    }

    @Test
    void atTheDeadlineOneListDecidesAndOnlyThePendingOnesGetAStatus() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            zinit.startsAfter("s" + i, i < 29 ? 10 : 60_000);
            names.add("s" + i);
        }
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                () -> lifecycle.startMultiple(Duration.ofMillis(500), names.toArray(new String[0])));
        assertEquals(List.of("s29"), List.copyOf(e.lastSeen().keySet()));
        assertEquals(StateKind.SPAWNED, e.lastSeen().get("s29").state().kind());
    }

    @Test
    void aStopWaitOnManySeesSomeoneElsesStartAtTheDeadlineBeforeAnySigkill() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            zinit.running("s" + i, i < 8 ? 30 : 60_000);
            names.add("s" + i);
        }
        // s8 and s9 ignore SIGTERM; another client sets s9 up again while it is stopping
        clock.onSleep(() -> {
            if (clock.elapsedMillis() > 100) {
                zinit.svc("s9").target = ServiceTarget.UP;
            }
        });
        ServiceFailedException e = assertThrows(ServiceFailedException.class,
                () -> lifecycle.stopMultiple(Duration.ofSeconds(1), names.toArray(new String[0])));
        assertTrue(e.getMessage().contains("set to Up"), e.getMessage());
        assertFalse(zinit.calls.stream().anyMatch(c -> c.startsWith("kill ")), "no SIGKILL: " + zinit.calls);
        // polled with lists; the two left got their one status at the deadline
        assertEquals(1, zinit.statusCalls("s8").size());
        assertEquals(1, zinit.statusCalls("s9").size());
        assertTrue(clock.elapsedMillis() >= 1000, "decided at the deadline");
    }

    @Test
    void aControlThatCannotListIsPolledWithStatusWithinTheSameLimit() {
        ServiceControl noList = new ServiceControl() {
            @Override
            public ServiceStatus status(String name) {
                return zinit.status(name);
            }

            @Override
            public void start(String name) {
                zinit.start(name);
            }

            @Override
            public void stop(String name) {
                zinit.stop(name);
            }

            @Override
            public void monitor(String name) {
                zinit.monitor(name);
            }

            @Override
            public void forget(String name) {
                zinit.forget(name);
            }

            @Override
            public void kill(String name, Signal signal) {
                zinit.kill(name, signal);
            }

            @Override
            public boolean removeService(String name) {
                return zinit.removeService(name);
            }

            @Override
            public ServiceConfig loadService(String name) {
                return zinit.loadService(name);
            }
        };
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            zinit.startsAfter("s" + i, 1_500);
            names.add("s" + i);
        }
        new Lifecycle(noList, PollPolicy.defaults(), clock).startMultiple(Duration.ofSeconds(10),
                names.toArray(new String[0]));
        assertTrue(zinit.listCalls.isEmpty());
        assertAtMostPerSecond(pollCalls(names, 1), 100);
    }

    /** Every poll call (lists and status calls), skipping each service's first {@code skip} status calls. */
    private List<Long> pollCalls(List<String> names, int skip) {
        List<Long> all = new ArrayList<>(zinit.listCalls);
        for (String n : names) {
            List<Long> s = zinit.statusCalls(n);
            all.addAll(s.subList(Math.min(skip, s.size()), s.size()));
        }
        Collections.sort(all);
        return all;
    }

    private static void assertAtMostPerSecond(List<Long> sortedTimes, int max) {
        for (int i = 0; i + max < sortedTimes.size(); i++) {
            assertTrue(sortedTimes.get(i + max) - sortedTimes.get(i) >= 1_000 * MS,
                    "more than " + max + " calls within one second, from call " + i);
        }
    }
}
