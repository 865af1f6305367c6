package io.zinit4j.client.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing a {@link GroupSupervisor} saw or did.
 *
 * @param kind    what happened
 * @param group   the group's name
 * @param service the member concerned ({@link Kind#CRASHED}), else {@code null}
 * @param attempt the restart's number inside the policy's window (1 for the first), 0 where none applies
 * @param delay   the back-off before a restart ({@link Kind#RESTARTING}), else zero
 * @param detail  what was seen, in plain words (the crashed member's state, a restart's error)
 * @param at      when it happened
 */
public record GroupEvent(Kind kind, String group, String service, int attempt, Duration delay, String detail,
                         Instant at) {
    /** What a {@link GroupEvent} reports. */
    public enum Kind {
        /** The supervisor watches the members (again, after a restart). */
        WATCHING,
        /** A member crashed: it ended or got a new process while its target was up. */
        CRASHED,
        /** The group will be restarted after the back-off. */
        RESTARTING,
        /** The group was stopped and started again. */
        RESTARTED,
        /** A restart or a poll failed; the supervisor goes on. */
        FAILED,
        /** Too many restarts inside the window: the supervisor stopped, leaving the services as they are. */
        GAVE_UP,
        /** The supervisor was closed. */
        CLOSED
    }

    /**
     * Creates an event; the supervisor creates them, a listener only reads them.
     *
     * @param kind    what happened; never {@code null}
     * @param group   the group's name; never {@code null}
     * @param service the member concerned ({@link Kind#CRASHED}), else {@code null}
     * @param attempt the restart's number inside the policy's window (1 for the first), 0 where none applies
     * @param delay   the back-off before a restart ({@link Kind#RESTARTING}), else {@link Duration#ZERO}; never
     *                {@code null}
     * @param detail  what was seen, in plain words, empty when there is nothing to add; never {@code null}
     * @param at      when it happened; never {@code null}
     * @throws NullPointerException when a component other than {@code service} is {@code null}
     */
    public GroupEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return kind + " " + group + (service == null ? "" : " " + service) + (attempt == 0 ? "" : " #" + attempt)
                + (delay.isZero() ? "" : " in " + delay.toMillis() + "ms") + (detail.isEmpty() ? "" : ": " + detail);
    }
}
