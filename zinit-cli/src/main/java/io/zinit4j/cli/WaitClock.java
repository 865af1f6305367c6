package io.zinit4j.cli;

import java.time.Duration;

/**
 * The time source of {@code zinitctl wait}: the system clock in use, a scripted one in tests so that they never
 * sleep. Implementations must be safe to call from the command's thread.
 */
interface WaitClock {
    /** @return a monotonic time in nanoseconds */
    long nanoTime();

    /**
     * Pauses the calling thread.
     *
     * @param d how long
     * @throws InterruptedException when interrupted
     */
    void sleep(Duration d) throws InterruptedException;

    /** The real clock. */
    WaitClock SYSTEM = new WaitClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(Math.max(1, d.toMillis()));
        }
    };
}
