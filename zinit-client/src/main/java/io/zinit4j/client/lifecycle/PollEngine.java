package io.zinit4j.client.lifecycle;

import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The poll loop shared by waits and watches. One engine polls a whole set of services from the calling thread, in
 * rounds: the first round at once, each next one after an interval that starts short and backs off to a cap, and every
 * server call the engine makes (not every call per service) counts against one limit per any one-second window, so a
 * wait on 500 services loads the server no more than a wait on one.
 *
 * <p>A round on one service is one {@code status} call. A round on several is one {@code list} call, which carries
 * every state; {@code status} is called only for the services whose listed state the caller says it must see in full
 * (a failure to report, a change for a watch). A deadline's last look is one list, then {@code status} for what is
 * still pending. A control that cannot list is polled with {@code status}, service by service, within the same limit.
 *
 * <p>Not thread-safe: each wait and each watch uses its own engine from one thread at a time, and an {@link
 * AsyncLifecycle} one engine for all its waits, from one poll step at a time.
 */
final class PollEngine {
    private static final long ONE_SECOND = 1_000_000_000L;

    /**
     * What one round saw of a service.
     *
     * @param name     the service
     * @param state    its state, or {@code null} when zinit does not know it
     * @param status   its full status when it was read, or {@code null} when only the list was read (or zinit does not
     *                 know it)
     * @param nanoTime when the call that saw it was made
     */
    record Observation(String name, ServiceState state, ServiceStatus status, long nanoTime) {
    }

    /** Decides, from a listed state ({@code null}: unknown to zinit), whether the service's full status is needed. */
    @FunctionalInterface
    interface StatusNeed {
        boolean needsStatus(String name, ServiceState listed);
    }

    private final ServiceControl control;
    private final LifecycleClock clock;
    private final long initialInterval;
    private final long maxInterval;
    private final double factor;
    private final long[] calls;
    private int oldest;
    private int count;
    private final Map<String, Boolean> tracks = new LinkedHashMap<>();
    private long interval;
    private long nextDue;
    private boolean canList = true;
    /** Where a status-only round stopped when the limit cut it short. */
    private int resumeAt;

    PollEngine(ServiceControl control, PollPolicy policy, LifecycleClock clock) {
        this.control = control;
        this.clock = clock;
        this.initialInterval = policy.initialInterval().toNanos();
        this.maxInterval = policy.maxInterval().toNanos();
        this.factor = policy.backoffFactor();
        this.calls = new long[policy.maxCallsPerSecond()];
        this.interval = initialInterval;
        this.nextDue = clock.nanoTime();
    }

    /** Starts polling a service; the next round includes it. */
    void track(String name) {
        tracks.putIfAbsent(name, Boolean.FALSE);
    }

    /** Stops polling a service. */
    void untrack(String name) {
        tracks.remove(name);
    }

    boolean isEmpty() {
        return tracks.isEmpty();
    }

    /** Makes the next round due at the shortest interval after {@code lastCall} (the limit still applies). */
    void resetBackoff(long lastCall) {
        interval = initialInterval;
        nextDue = lastCall + initialInterval;
    }

    /** @return the earliest time the next round may run */
    long nextDue() {
        return later(nextDue, rateFree(clock.nanoTime()));
    }

    /**
     * Runs a round if one is due (its interval has passed and the limit allows a call).
     *
     * @param need which listed states need the full status
     * @return what the round saw, in tracking order; empty when no round was due
     * @throws io.zinit4j.error.ZinitException any failure of a call other than an unknown service
     */
    List<Observation> pollDue(StatusNeed need) {
        List<Observation> seen = new ArrayList<>();
        long now = clock.nanoTime();
        if (tracks.isEmpty() || now - later(nextDue, rateFree(now)) < 0) {
            return seen;
        }
        if (tracks.size() > 1 && canList) {
            listRound(need, seen);
        } else {
            statusRound(seen);
        }
        // at a fixed rate: a round that woke late does not push every later round back (the average interval stays
        // the interval, so the reaction stays within it); a round later than a whole interval starts afresh
        long planned = later(nextDue, now - interval) + interval;
        nextDue = planned - now > 0 ? planned : now + interval;
        if (factor > 1.0) {
            interval = Math.min(maxInterval, Math.max(interval + 1, (long) (interval * factor)));
        }
        return seen;
    }

    /**
     * The first half of a deadline's last look, at once whatever the interval and the limit: one {@code list} when
     * several services are tracked and the control can list, so that those the list already decides cost nothing
     * more. The caller decides on these and untracks the finished ones; {@link #statusOfAll()} then reads the rest.
     *
     * @param need which listed states need the full status (those are left to {@link #statusOfAll()})
     * @return what the list told of the services it can tell; empty when no list was read
     */
    List<Observation> listNow(StatusNeed need) {
        List<Observation> seen = new ArrayList<>();
        if (tracks.size() <= 1 || !canList) {
            return seen;
        }
        long t = clock.nanoTime();
        record(t);
        Map<String, ServiceState> states;
        try {
            states = control.list();
        } catch (UnsupportedOperationException e) {
            canList = false;
            return seen;
        }
        for (String name : tracks.keySet()) {
            ServiceState state = states.get(name);
            if (!need.needsStatus(name, state)) {
                seen.add(new Observation(name, state, null, t));
            }
        }
        return seen;
    }

    /**
     * The second half of a deadline's last look: the full status of every service still tracked, at once whatever
     * the limit, since a wait that gives up (or sends SIGKILL) must report each one truthfully, target included.
     *
     * @return what the calls saw, in tracking order
     */
    List<Observation> statusOfAll() {
        List<Observation> seen = new ArrayList<>();
        for (String name : new ArrayList<>(tracks.keySet())) {
            tracks.put(name, Boolean.FALSE);
            seen.add(statusOf(name));
        }
        return seen;
    }

    /**
     * One {@code status} call now, counted against the limit but not held back by it (a deadline's look).
     *
     * @param name the service, tracked or not
     * @return what it saw
     */
    Observation look(String name) {
        if (tracks.containsKey(name)) {
            tracks.put(name, Boolean.FALSE);
        }
        return statusOf(name);
    }

    private void listRound(StatusNeed need, List<Observation> seen) {
        long t = clock.nanoTime();
        record(t);
        Map<String, ServiceState> states;
        try {
            states = control.list();
        } catch (UnsupportedOperationException e) {
            canList = false;
            statusRound(seen);
            return;
        }
        for (Map.Entry<String, Boolean> e : tracks.entrySet()) {
            String name = e.getKey();
            ServiceState state = states.get(name);
            if (e.getValue() || need.needsStatus(name, state)) {
                // the list cannot tell this one: its status follows, limit permitting, else in a later round
                e.setValue(Boolean.TRUE);
            } else {
                seen.add(new Observation(name, state, null, t));
            }
        }
        for (Map.Entry<String, Boolean> e : tracks.entrySet()) {
            if (e.getValue() && mayCall()) {
                e.setValue(Boolean.FALSE);
                seen.add(statusOf(e.getKey()));
            }
        }
    }

    private void statusRound(List<Observation> seen) {
        List<String> names = new ArrayList<>(tracks.keySet());
        int n = names.size();
        int start = resumeAt % n;
        for (int i = 0; i < n; i++) {
            if (i > 0 && !mayCall()) {
                resumeAt = start + i;
                return;
            }
            seen.add(statusOf(names.get((start + i) % n)));
        }
        resumeAt = 0;
    }

    private Observation statusOf(String name) {
        long t = clock.nanoTime();
        record(t);
        ServiceStatus status;
        try {
            status = control.status(name);
        } catch (ServiceNotFoundException e) {
            status = null;
        }
        return new Observation(name, status == null ? null : status.state(), status, t);
    }

    /** @return whether the limit allows one more call now */
    private boolean mayCall() {
        long now = clock.nanoTime();
        return now - rateFree(now) >= 0;
    }

    /** The earliest time the limit allows the next call ({@code now} when it allows one at once). */
    private long rateFree(long now) {
        return count < calls.length ? now : later(now, calls[oldest] + ONE_SECOND);
    }

    private void record(long t) {
        if (count < calls.length) {
            calls[(oldest + count) % calls.length] = t;
            count++;
        } else {
            calls[oldest] = t;
            oldest = (oldest + 1) % calls.length;
        }
    }

    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }
}
