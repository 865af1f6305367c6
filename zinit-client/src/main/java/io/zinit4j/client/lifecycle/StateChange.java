package io.zinit4j.client.lifecycle;

import io.zinit4j.model.ServiceStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * One change a {@link ServiceWatch} saw in a service's status: its state, target or process id differ from the
 * previous status call. Polling sees the status at each call only, so states that lasted less than an interval may be
 * skipped; a change of pid with the same state tells that a restart happened in between.
 *
 * @param name     the service
 * @param previous the status seen before, or {@code null} for the first status seen (or the first after the service
 *                 was unknown to zinit)
 * @param current  the status now, or {@code null} when zinit no longer knows the service (it was forgotten)
 * @param at       the wall-clock time of the status call that saw the change
 * @param nanoTime the {@link LifecycleClock#nanoTime()} of that call, for measuring intervals
 */
public record StateChange(String name, ServiceStatus previous, ServiceStatus current, Instant at, long nanoTime) {
    /**
     * Checks that the name and time are present and that at least one status is.
     *
     * @param name     the service
     * @param previous the status seen before, or {@code null}
     * @param current  the status now, or {@code null}
     * @param at       the wall-clock time of the call
     * @param nanoTime the clock's nanoTime of the call
     */
    public StateChange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
        if (previous == null && current == null) {
            throw new IllegalArgumentException("a change needs a previous or a current status");
        }
    }

    /** {@return whether this is the first status seen for the service} */
    public boolean initial() {
        return previous == null;
    }

    /** {@return whether zinit no longer knows the service} */
    public boolean gone() {
        return current == null;
    }
}
