package io.zinit4j.client.lifecycle;

import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.model.ServiceStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The poll loop shared by waits and watches: it keeps, per service, when the next status call is due under the
 * back-off, and the times of its recent calls so that the per-second cap holds over any one-second window. One engine
 * polls a whole set of services from the calling thread, so waiting on hundreds of services needs no thread each.
 *
 * <p>Not thread-safe: each wait and each watch uses its own engine from one thread at a time.
 */
final class PollEngine {
    private static final long ONE_SECOND = 1_000_000_000L;

    /** One status call's outcome; {@code status} is {@code null} when zinit did not know the service. */
    record Observation(String name, ServiceStatus status, long nanoTime) {
    }

    private static final class Track {
        final String name;
        long interval;
        long nextDue;
        final long[] calls;
        int oldest;
        int count;

        Track(String name, long initialInterval, long now, int cap) {
            this.name = name;
            this.interval = initialInterval;
            this.nextDue = now;
            this.calls = new long[cap];
        }

        /** The earliest time the rate cap allows the next call. */
        long rateFree() {
            return count < calls.length ? nextDue : calls[oldest] + ONE_SECOND;
        }

        void record(long t) {
            if (count < calls.length) {
                calls[(oldest + count) % calls.length] = t;
                count++;
            } else {
                calls[oldest] = t;
                oldest = (oldest + 1) % calls.length;
            }
        }
    }

    private final ServiceControl control;
    private final LifecycleClock clock;
    private final long initialInterval;
    private final long maxInterval;
    private final double factor;
    private final int cap;
    private final Map<String, Track> tracks = new LinkedHashMap<>();

    PollEngine(ServiceControl control, PollPolicy policy, LifecycleClock clock) {
        this.control = control;
        this.clock = clock;
        this.initialInterval = policy.initialInterval().toNanos();
        this.maxInterval = policy.maxInterval().toNanos();
        this.factor = policy.backoffFactor();
        this.cap = policy.maxCallsPerSecond();
    }

    /** Starts polling a service; its first call is due at once. */
    void track(String name) {
        tracks.computeIfAbsent(name, n -> new Track(n, initialInterval, clock.nanoTime(), cap));
    }

    /** Stops polling a service. */
    void untrack(String name) {
        tracks.remove(name);
    }

    boolean isEmpty() {
        return tracks.isEmpty();
    }

    /** Makes the service's next call due at the shortest interval again (the rate cap still applies). */
    void resetBackoff(String name, long lastCall) {
        Track t = tracks.get(name);
        if (t != null) {
            t.interval = initialInterval;
            t.nextDue = lastCall + initialInterval;
        }
    }

    /** {@return the earliest time any tracked service may be polled next} */
    long nextDue() {
        boolean any = false;
        long best = 0;
        for (Track t : tracks.values()) {
            long due = later(t.nextDue, t.rateFree());
            if (!any || due - best < 0) {
                best = due;
                any = true;
            }
        }
        return any ? best : clock.nanoTime() + maxInterval;
    }

    /**
     * Calls status for every service that is due; with {@code ignoreBackoff}, for every service the rate cap allows
     * (used for the last look at a deadline).
     *
     * @return what the calls saw, in tracking order
     * @throws io.zinit4j.error.ZinitException any failure of a status call other than an unknown service
     */
    List<Observation> pollDue(boolean ignoreBackoff) {
        List<Observation> seen = new ArrayList<>();
        for (Track t : new ArrayList<>(tracks.values())) {
            long now = clock.nanoTime();
            boolean rateOk = t.count < cap || now - t.rateFree() >= 0;
            boolean due = ignoreBackoff || now - t.nextDue >= 0;
            if (!rateOk || !due) {
                continue;
            }
            t.record(now);
            ServiceStatus status;
            try {
                status = control.status(t.name);
            } catch (ServiceNotFoundException e) {
                status = null;
            }
            t.nextDue = now + t.interval;
            if (factor > 1.0) {
                t.interval = Math.min(maxInterval, Math.max(t.interval + 1, (long) (t.interval * factor)));
            }
            seen.add(new Observation(t.name, status, now));
        }
        return seen;
    }

    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }
}
