package io.zinit4j.client.ops;

import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.lifecycle.ServiceWatch;
import io.zinit4j.client.lifecycle.StateChange;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.StateKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Restarts a whole {@link ServiceGroup} when one of its members crashes, from the client side: zinit restarts only
 * the member that ended, while the members of a group often cannot go on without each other. Made by {@link
 * ServiceGroup#supervise}.
 *
 * <p>A crash is a member that had a process and, with its target still up, ended (Error, Failure) or shows a new
 * process (zinit restarted it between two polls). Stopping a member on purpose sets its target down and is not a
 * crash; the supervisor's own restarts are not either (it watches afresh after each). Polling follows the client's
 * poll policy, so a crash and zinit's own respawn can both fall between two polls and go unseen; a member that keeps
 * crashing is seen.
 *
 * <p>Each restart waits the policy's back-off first, then stops and starts the group in dependency order. After
 * {@link RestartPolicy#maxRestarts()} restarts inside the window, the next crash makes it give up ({@link
 * GroupEvent.Kind#GAVE_UP}) and end; the services are left as they are. Everything it does is told to the listener,
 * on the supervisor's own daemon thread.
 *
 * <p>Thread-safe: {@link #close()} and the accessors may be called from any thread.
 */
public final class GroupSupervisor implements AutoCloseable {
    /** How long one wait for a change may last, so that a close is noticed soon even between polls. */
    private static final Duration POLL_SLICE = Duration.ofMillis(200);

    private final ServiceGroup group;
    private final ZinitClient client;
    private final RestartPolicy policy;
    private final Consumer<GroupEvent> listener;
    private final Thread thread;
    private final Object lock = new Object();
    private boolean closed;
    private ServiceWatch watch;
    private volatile boolean gaveUp;
    private volatile int restarts;

    private GroupSupervisor(ServiceGroup group, ZinitClient client, RestartPolicy policy,
                            Consumer<GroupEvent> listener) {
        this.group = group;
        this.client = client;
        this.policy = policy;
        this.listener = listener;
        this.thread = new Thread(this::run, "zinit4j-supervisor-" + group.name());
        thread.setDaemon(true);
    }

    static GroupSupervisor start(ServiceGroup group, ZinitClient client, RestartPolicy policy,
                                 Consumer<GroupEvent> listener) {
        GroupSupervisor s = new GroupSupervisor(group, client, policy, listener);
        s.thread.start();
        return s;
    }

    /** {@return whether it still supervises: neither closed nor given up} */
    public boolean isRunning() {
        return thread.isAlive() && !gaveUp && !isClosed();
    }

    /** {@return whether it gave up after too many restarts} */
    public boolean gaveUp() {
        return gaveUp;
    }

    /** {@return how many restarts of the group it has done (or tried) so far} */
    public int restarts() {
        return restarts;
    }

    /**
     * Stops supervising; a restart under way is finished first (bounded by the policy's restart timeout, twice).
     * Leaves the services as they are. Idempotent.
     */
    @Override
    public void close() {
        ServiceWatch w;
        synchronized (lock) {
            closed = true;
            w = watch;
            lock.notifyAll();
        }
        if (w != null) {
            w.close();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(policy.restartTimeout().multipliedBy(2).plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    private void run() {
        Deque<Long> recent = new ArrayDeque<>();
        try {
            while (!isClosed()) {
                StateChange crash;
                try {
                    crash = awaitCrash();
                } catch (RuntimeException e) {
                    emit(GroupEvent.Kind.FAILED, null, 0, Duration.ZERO, "watching failed: " + e.getMessage());
                    pause(policy.initialBackoff());
                    continue;
                }
                if (crash == null) {
                    break;
                }
                emit(GroupEvent.Kind.CRASHED, crash.name(), 0, Duration.ZERO, describe(crash));
                long now = System.nanoTime();
                while (!recent.isEmpty() && now - recent.peekFirst() > policy.window().toNanos()) {
                    recent.pollFirst();
                }
                if (recent.size() >= policy.maxRestarts()) {
                    gaveUp = true;
                    emit(GroupEvent.Kind.GAVE_UP, null, 0, Duration.ZERO, recent.size()
                            + " restarts within " + policy.window() + ", the limit");
                    return;
                }
                int attempt = recent.size() + 1;
                Duration delay = policy.backoff(recent.size());
                emit(GroupEvent.Kind.RESTARTING, null, attempt, delay, "after " + crash.name() + " crashed");
                if (!pause(delay)) {
                    break;
                }
                recent.addLast(System.nanoTime());
                restarts++;
                try {
                    group.restart(policy.restartTimeout());
                    emit(GroupEvent.Kind.RESTARTED, null, attempt, Duration.ZERO, "");
                } catch (RuntimeException e) {
                    emit(GroupEvent.Kind.FAILED, null, attempt, Duration.ZERO, "restart failed: " + e.getMessage());
                }
            }
        } finally {
            if (isClosed() && !gaveUp) {
                emit(GroupEvent.Kind.CLOSED, null, 0, Duration.ZERO, "");
            }
        }
    }

    /** {@return the first crash seen by a fresh watch of the members, or {@code null} once closed} */
    private StateChange awaitCrash() {
        List<String> members = group.members();
        if (members.isEmpty()) {
            // a prefix group may gain members later: look again after a while
            pause(policy.initialBackoff());
            return isClosed() ? null : awaitCrash();
        }
        ServiceWatch w = client.watch(members.toArray(String[]::new));
        synchronized (lock) {
            if (closed) {
                w.close();
                return null;
            }
            watch = w;
        }
        emit(GroupEvent.Kind.WATCHING, null, 0, Duration.ZERO, String.join(", ", members));
        try {
            while (!isClosed()) {
                Optional<StateChange> c = w.next(POLL_SLICE);
                if (c.isPresent() && isCrash(c.get())) {
                    return c.get();
                }
            }
            return null;
        } finally {
            synchronized (lock) {
                watch = null;
            }
            w.close();
        }
    }

    static boolean isCrash(StateChange c) {
        ServiceStatus before = c.previous();
        ServiceStatus now = c.current();
        if (before == null || now == null || now.target() != ServiceTarget.UP || before.pid() <= 0
                || before.state().exited()) {
            return false;
        }
        return now.state().any(StateKind.ERROR, StateKind.FAILURE) || (now.pid() > 0 && now.pid() != before.pid());
    }

    private static String describe(StateChange c) {
        return c.previous().state().raw() + " pid " + c.previous().pid() + " -> " + c.current().state().raw()
                + " pid " + c.current().pid();
    }

    /** {@return false when closed while waiting} */
    private boolean pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        synchronized (lock) {
            while (!closed) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    closed = true;
                    return false;
                }
            }
            return false;
        }
    }

    private void emit(GroupEvent.Kind kind, String service, int attempt, Duration delay, String detail) {
        try {
            listener.accept(new GroupEvent(kind, group.name(), service, attempt, delay,
                    detail == null ? "" : detail, Instant.now()));
        } catch (RuntimeException e) {
            // a listener's failure must not end the supervision it is told about
        }
    }
}
