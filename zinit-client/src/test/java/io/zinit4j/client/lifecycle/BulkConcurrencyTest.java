package io.zinit4j.client.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Bulk operations send their commands concurrently, never more than the policy's bound at once. A command here holds
 * until as many commands as the bound are in flight (or 5 s pass, so that a broken fan-out fails instead of hanging),
 * so the highest number seen in flight is the bound whenever the fan-out works, whatever the machine's speed.
 */
class BulkConcurrencyTest {
    private static final int BOUND = 4;

    /** Every service has exited already, so waits end at the first poll; commands are gated and counted. */
    private static class GatedControl implements ServiceControl {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final Set<String> sent = ConcurrentHashMap.newKeySet();
        final Set<String> unknown = ConcurrentHashMap.newKeySet();
        final Object gate = new Object();

        void command(String what) {
            int now = inFlight.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            synchronized (gate) {
                gate.notifyAll();
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (inFlight.get() < BOUND && System.nanoTime() - deadline < 0 && !sent.contains("released")) {
                    try {
                        gate.wait(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                // once the bound was reached, everyone may go: the rest of the names need not fill the bound again
                sent.add("released");
            }
            sent.add(what);
            inFlight.decrementAndGet();
        }

        @Override
        public ServiceStatus status(String name) {
            return new ServiceStatus(name, 0, ServiceState.signaled(1, Signal.SIGTERM), ServiceTarget.DOWN, Map.of());
        }

        @Override
        public void start(String name) {
            command("start " + name);
        }

        @Override
        public void stop(String name) {
            if (unknown.contains(name)) {
                throw new ServiceNotFoundException("unknown " + name, null, null, null);
            }
            command("stop " + name);
        }

        @Override
        public void monitor(String name) {
            command("monitor " + name);
        }

        @Override
        public void forget(String name) {
            command("forget " + name);
        }

        @Override
        public void kill(String name, Signal signal) {
            throw new AssertionError("no kill expected");
        }

        @Override
        public boolean removeService(String name) {
            sent.add("remove " + name);
            return true;
        }
    }

    private final GatedControl zinit = new GatedControl();
    private final Lifecycle lifecycle = new Lifecycle(zinit,
            PollPolicy.builder().maxCommandsInFlight(BOUND).build(), LifecycleClock.system());

    private static String[] names(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("svc" + i);
        }
        return out.toArray(new String[0]);
    }

    @Test
    void stopMultipleSendsUpToTheBoundAtOnceAndNeverMore() {
        zinit.unknown.add("svc3");
        lifecycle.stopMultiple(Duration.ofSeconds(5), names(10));
        assertEquals(BOUND, zinit.most.get());
        for (String n : names(10)) {
            assertEquals(!n.equals("svc3"), zinit.sent.contains("stop " + n), n);
        }
    }

    @Test
    void destroyForgetsAndRemovesEveryServiceConcurrentlyToo() {
        lifecycle.destroy(Duration.ofSeconds(5), names(9));
        assertEquals(BOUND, zinit.most.get());
        for (String n : names(9)) {
            assertTrue(zinit.sent.contains("forget " + n) && zinit.sent.contains("remove " + n), n);
        }
    }

    @Test
    void aBoundOfOneSendsOneAfterTheOther() {
        Lifecycle serial = new Lifecycle(zinit, PollPolicy.builder().maxCommandsInFlight(1).build(),
                LifecycleClock.system());
        zinit.sent.add("released");
        serial.stopMultiple(Duration.ofSeconds(5), names(6));
        assertEquals(1, zinit.most.get());
    }

    @Test
    void oneFailingCommandDoesNotKeepTheOthersFromBeingSent() {
        zinit.unknown.add("svc2");
        ServiceNotFoundException e = assertThrows(ServiceNotFoundException.class,
                () -> lifecycle.stopWait(Duration.ofSeconds(5), "svc2"));
        assertTrue(e.getMessage().contains("svc2"));
        Lifecycle failing = new Lifecycle(new GatedControl() {
            @Override
            public void monitor(String name) {
                if (name.equals("svc1")) {
                    throw new ZinitException("boom " + name);
                }
                super.monitor(name);
            }
        }, PollPolicy.builder().maxCommandsInFlight(BOUND).build(), LifecycleClock.system());
        ZinitException boom = assertThrows(ZinitException.class,
                () -> failing.startMultiple(Duration.ZERO, names(8)));
        assertEquals("boom svc1", boom.getMessage());
    }
}
