package io.zinit4j.client.lifecycle;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when someone sleeps on it, so waits run instantly and deterministically. */
final class FakeClock implements LifecycleClock {
    /** Starts near the top of the long range so that comparisons that ignore overflow fail the tests. */
    static final long ORIGIN = Long.MAX_VALUE - 5_000_000_000L;
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicLong now = new AtomicLong(ORIGIN);
    private final AtomicLong sleeps = new AtomicLong();
    private volatile Runnable onSleep = () -> { };

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("fake sleep interrupted");
        }
        sleeps.incrementAndGet();
        onSleep.run();
        if (nanos > 0) {
            now.addAndGet(nanos);
        }
    }

    @Override
    public Instant instant() {
        return EPOCH.plusNanos(now.get() - ORIGIN);
    }

    /** @return milliseconds since the origin */
    long elapsedMillis() {
        return (now.get() - ORIGIN) / 1_000_000L;
    }

    /** @return nanoseconds since the origin */
    long elapsedNanos() {
        return now.get() - ORIGIN;
    }

    void advanceNanos(long nanos) {
        now.addAndGet(nanos);
    }

    void advanceMillis(long ms) {
        now.addAndGet(ms * 1_000_000L);
    }

    /** Runs an action at every sleep, before the time moves (to act "while" a wait is in progress). */
    void onSleep(Runnable action) {
        this.onSleep = action;
    }

    long sleeps() {
        return sleeps.get();
    }
}
