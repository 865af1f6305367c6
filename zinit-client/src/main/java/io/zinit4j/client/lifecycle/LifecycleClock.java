package io.zinit4j.client.lifecycle;

import java.time.Instant;

/**
 * The time source of waits and watches: a monotonic nanosecond counter, a way to sleep, and the wall clock used to
 * stamp {@link StateChange}s. Tests pass a fake implementation whose {@link #sleepNanos(long)} only advances its own
 * counter, so that no test sleeps for real.
 *
 * <p>Implementations must be safe to call from several threads at once when one client is shared between threads.
 */
public interface LifecycleClock {
    /**
     * The clock the JVM offers: {@link System#nanoTime()}, {@link Thread#sleep(long, int)} and {@link Instant#now()}.
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
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        }
    }
}
