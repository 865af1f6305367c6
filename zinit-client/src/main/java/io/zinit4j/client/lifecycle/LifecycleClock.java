package io.zinit4j.client.lifecycle;

import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * The time source of waits and watches: a monotonic nanosecond counter, a way to sleep, and the wall clock used to
 * stamp {@link StateChange}s. Tests pass a fake implementation whose {@link #sleepNanos(long)} only advances its own
 * counter, so that no test sleeps for real.
 *
 * <p>Implementations must be safe to call from several threads at once when one client is shared between threads.
 */
public interface LifecycleClock {
    /**
     * The clock the JVM offers: {@link System#nanoTime()}, {@link LockSupport#parkNanos(Object, long)} to sleep, and
     * {@link Instant#now()}.
     *
     * @return the system clock
     */
    static LifecycleClock system() {
        return SystemClock.INSTANCE;
    }

    /**
     * A monotonic time in nanoseconds, with an arbitrary origin; only differences are meaningful.
     *
     * @return the current value of the counter
     */
    long nanoTime();

    /**
     * Blocks the calling thread for about the given time (a non-positive time returns at once).
     *
     * @param nanos how long to sleep
     * @throws InterruptedException when the thread is interrupted while sleeping
     */
    void sleepNanos(long nanos) throws InterruptedException;

    /**
     * The wall-clock time, used only to stamp events for people to read.
     *
     * @return the current instant
     */
    default Instant instant() {
        return Instant.now();
    }
}

/** The JVM clock; stateless, so one instance serves every client. */
enum SystemClock implements LifecycleClock {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        // Thread.sleep(millis, nanos) rounds up to whole milliseconds on Java 17: parking keeps a 10 ms poll at 10 ms
        long deadline = System.nanoTime() + nanos;
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while sleeping");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }
}
