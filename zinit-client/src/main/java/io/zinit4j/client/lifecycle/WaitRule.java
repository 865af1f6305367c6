package io.zinit4j.client.lifecycle;

import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.StateKind;
import java.time.Duration;

/**
 * What the wait on one service decides from what a poll saw. {@link Lifecycle} (blocking) and {@link AsyncLifecycle}
 * (futures) both decide through these, so that the two can never disagree on what started, failed or stopped means;
 * {@link Lifecycle}'s class comment explains the rules.
 *
 * <p>A poll shows either a listed state only (from {@code list}: no target, no pid) or a full status. {@link
 * #needsStatus} says when a listed state cannot be decided on and a {@code status} call must follow; {@link #reached}
 * decides.
 *
 * <p>Not thread-safe: a start rule remembers whether the state changed since the start, so one rule belongs to one
 * wait, used by one thread at a time.
 */
abstract class WaitRule {
    final String op;
    final String name;

    private WaitRule(String op, String name) {
        this.op = op;
        this.name = name;
    }

    /**
     * Decides whether the service reached the goal, or throws when it never will.
     *
     * @param state  its state, or {@code null} when zinit does not know it
     * @param status its full status, or {@code null} when only the list was read
     * @param now    when the call that saw it was made
     * @return whether the goal is reached
     * @throws ZinitException when the wait has failed (a failed start, someone else's command, a forgotten service)
     */
    abstract boolean reached(ServiceState state, ServiceStatus status, long now);

    /**
     * @param listed the state the list shows, or {@code null} when the service is not in it
     * @param now    the time of the list
     * @return whether the full status is needed before {@link #reached} may decide
     */
    abstract boolean needsStatus(ServiceState listed, long now);

    /**
     * The rule of a start wait.
     *
     * @param before    the status read just before the start
     * @param oneshot   whether the service's file says it is a oneshot
     * @param startedAt when the start was sent
     * @param grace     how long a failure state equal to the one before the start may be stale
     */
    static WaitRule start(String op, String name, ServiceStatus before, boolean oneshot, long startedAt, long grace) {
        return new Start(op, name, before, oneshot, startedAt, grace);
    }

    /** The rule of a stop wait. */
    static WaitRule stop(String op, String name) {
        return new Stop(op, name);
    }

    /** Reads the service's file once; a file that cannot be read (or a control that reads none) means not a oneshot. */
    static boolean isOneshot(ServiceControl control, String name) {
        try {
            return control.loadService(name).oneshot();
        } catch (ZinitException | UnsupportedOperationException e) {
            return false;
        }
    }

    static boolean isFailure(ServiceState state) {
        return state.any(StateKind.ERROR, StateKind.FAILURE, StateKind.TEST_FAILURE);
    }

    private static final class Start extends WaitRule {
        private final ServiceStatus before;
        private final boolean oneshot;
        private final long startedAt;
        private final long grace;
        /** Whether a state other than {@link #before}'s was seen since the start (then nothing seen is stale). */
        private boolean changed;

        Start(String op, String name, ServiceStatus before, boolean oneshot, long startedAt, long grace) {
            super(op, name);
            this.before = before;
            this.oneshot = oneshot;
            this.startedAt = startedAt;
            this.grace = grace;
        }

        /** Whether a state may be the one shown before the start, lingering until zinit spawns the process again. */
        private boolean stale(ServiceState state, long now) {
            return !changed && before.state().equals(state) && now - startedAt < grace;
        }

        @Override
        boolean needsStatus(ServiceState listed, long now) {
            // absent from the list: a status confirms that it was forgotten (and names it) before the wait fails; a
            // failure ends the wait, and is reported with the full status
            return listed == null || isFailure(listed) && !stale(listed, now);
        }

        @Override
        boolean reached(ServiceState state, ServiceStatus status, long now) {
            if (state == null) {
                throw new ServiceNotFoundException(op + ": '" + name + "' is no longer known to zinit (forgotten while "
                        + "waiting for it to start)", null, null, null);
            }
            if (status != null && status.target() != ServiceTarget.UP) {
                throw new ServiceFailedException(op + ": the target of '" + name + "' was set to Down by someone else "
                        + "while waiting for it to start (state " + state + ")", status);
            }
            boolean stale = stale(state, now);
            if (!before.state().equals(state)) {
                changed = true;
            }
            if (state.is(StateKind.SUCCESS)) {
                return !oneshot || !stale;
            }
            if (state.is(StateKind.RUNNING)) {
                return !oneshot;
            }
            if (isFailure(state) && !stale && status != null) {
                boolean same = before.state().equals(state);
                throw new ServiceFailedException(op + ": '" + name + "' " + (oneshot ? "(a oneshot) " : "")
                        + "failed to start: " + state
                        + (same ? " (unchanged for " + Duration.ofNanos(now - startedAt) + " after start)" : ""),
                        status);
            }
            return false;
        }
    }

    private static final class Stop extends WaitRule {
        Stop(String op, String name) {
            super(op, name);
        }

        @Override
        boolean needsStatus(ServiceState listed, long now) {
            // the list tells exited or not; a target set Up by someone else shows at the deadline's look, before
            // any SIGKILL
            return false;
        }

        @Override
        boolean reached(ServiceState state, ServiceStatus status, long now) {
            if (state == null) {
                return true;
            }
            if (status != null && status.target() != ServiceTarget.DOWN) {
                throw new ServiceFailedException(op + ": the target of '" + name + "' was set to Up by someone else "
                        + "while waiting for it to stop (state " + state + ")", status);
            }
            return state.exited();
        }
    }
}
