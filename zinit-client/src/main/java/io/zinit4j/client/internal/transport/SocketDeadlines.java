package io.zinit4j.client.internal.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Deadlines for blocking operations on the JDK's Unix-domain channels, which have no read timeout of their own (a
 * {@code SocketChannel} on a {@code UnixDomainSocketAddress} has no socket adaptor, hence no {@code SO_TIMEOUT}): an
 * operation arms a guard before it blocks and disarms it after, and one daemon thread closes the channel of any guard
 * still armed at its deadline, which ends the blocked operation with an {@code AsynchronousCloseException}.
 *
 * <p>Why not a selector: waiting with one costs several system calls per read (a non-blocking read that finds
 * nothing, registration, the wait, the read again) and a selector per connection or per thread; a guard costs none,
 * only two operations on a concurrent set. The watchdog thread sleeps until the earliest armed deadline (at most a
 * second while calls come) and is woken only when a guard with an earlier one arrives, so a steady stream of calls
 * with the same timeout does not wake it per call. Thread-safe.
 */
final class SocketDeadlines {
    private static final int ARMED = 0;
    private static final int DONE = 1;
    private static final int FIRED = 2;
    /** Far enough ahead that any deadline is before it, close enough that {@code a - b} never overflows. */
    private static final long FAR = Long.MAX_VALUE / 4;
    /** How long the watchdog sleeps with nothing armed before it waits for the next arm instead. */
    private static final long LINGER_NANOS = 1_000_000_000L;

    private static final Set<Guard> GUARDS = ConcurrentHashMap.newKeySet();
    /** When the watchdog plans to wake; {@code now + FAR} while it scans or has nothing to wait for. */
    private static volatile long wakeAt = System.nanoTime() + FAR;
    private static final Thread WATCHDOG = new Thread(SocketDeadlines::watch, "zinit4j-socket-deadlines");

    static {
        WATCHDOG.setDaemon(true);
        WATCHDOG.start();
    }

    private SocketDeadlines() {
    }

    /** One armed deadline for one blocking operation. */
    static final class Guard {
        private final Closeable target;
        private final long deadline;
        private final AtomicInteger state = new AtomicInteger(ARMED);

        private Guard(Closeable target, long deadline) {
            this.target = target;
            this.deadline = deadline;
        }

        /**
         * Ends the guard after its operation returned or failed.
         *
         * @return {@code true} when the deadline had already fired (the channel is closed: report a timeout)
         */
        boolean disarm() {
            boolean fired = !state.compareAndSet(ARMED, DONE);
            GUARDS.remove(this);
            return fired;
        }

        /** {@return whether the deadline fired} */
        boolean fired() {
            return state.get() == FIRED;
        }

        private void fire() {
            if (state.compareAndSet(ARMED, FIRED)) {
                try {
                    target.close();
                } catch (IOException | RuntimeException e) {
                    // closing is all a deadline can do; the blocked operation reports the timeout
                }
            }
        }
    }

    /**
     * Arms a guard: at the deadline, unless disarmed before, {@code target} is closed.
     *
     * @param target        what to close at the deadline
     * @param deadlineNanos a {@link System#nanoTime()} value
     * @return the guard; the caller disarms it in a {@code finally}
     */
    static Guard arm(Closeable target, long deadlineNanos) {
        Guard g = new Guard(target, deadlineNanos);
        GUARDS.add(g);
        // added before wakeAt is read: a watchdog scanning now has wakeAt far ahead, so it is woken and scans again
        if (deadlineNanos - wakeAt < 0) {
            LockSupport.unpark(WATCHDOG);
        }
        return g;
    }

    private static void watch() {
        boolean idle = false;
        while (true) {
            long now = System.nanoTime();
            wakeAt = now + FAR;
            // with nothing armed, wake again after a while rather than at the next arm: in a stream of quick calls
            // every guard is disarmed before the watchdog looks, and waking it for each would cost a system call and
            // a thread switch per call; only after a whole idle stretch does it wait for the next arm
            long next = idle ? now + FAR : now + LINGER_NANOS;
            boolean empty = true;
            for (Guard g : GUARDS) {
                empty = false;
                if (g.state.get() != ARMED) {
                    GUARDS.remove(g);
                } else if (g.deadline - now <= 0) {
                    g.fire();
                    GUARDS.remove(g);
                } else if (g.deadline - next < 0) {
                    next = g.deadline;
                }
            }
            idle = empty;
            wakeAt = next;
            // a guard armed during the scan saw wakeAt far ahead and left a permit: this park then returns at once
            LockSupport.parkNanos(SocketDeadlines.class, next - System.nanoTime());
        }
    }
}
