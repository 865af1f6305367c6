package io.zinit4j.client.lifecycle;

import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.ServiceIsDownException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.WaitTimeoutException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The waits of {@link Lifecycle} as futures, driven by a shared {@link ScheduledExecutorService} instead of a blocked
 * thread each. They keep {@link Lifecycle}'s meaning of started, failed and stopped, its SIGKILL rounds and its
 * {@link PollPolicy} back-off; {@link Lifecycle} is where those rules are explained, and a change there belongs here
 * too.
 *
 * <p>How it polls: all waits in progress share one poll loop. At each step the services that are due are looked at
 * together with one {@code list} call when more than one wait is in progress (one {@code status} call otherwise), so
 * ten thousand waits on one server cost one call per step, not ten thousand. A list carries states but no targets:
 * a service listed {@code Running} (or {@code Success}) counts as started; a failure state, a service missing from the
 * list, and every service still pending at its deadline are confirmed with a {@code status} call, which carries the
 * target, before a wait fails, ends or sends SIGKILL. So a start wait still fails when someone else set the target
 * down, once that shows in the state. The calls themselves are the blocking ones of the client and run on the
 * scheduler's threads, one step of one lifecycle at a time.
 *
 * <p>Cancelling a returned future stops its polling (a command already sent is not undone). Futures complete
 * exceptionally with the {@link ZinitException}s {@link Lifecycle} throws. Time is {@link System#nanoTime()}, the
 * scheduler's own. Thread-safe. {@link #close()} fails the waits in progress; the scheduler is not shut down (it may
 * be shared).
 */
public final class AsyncLifecycle {
    private final ServiceControl control;
    private final Supplier<Map<String, ServiceState>> lister;
    private final PollPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final ReentrantLock stepLock = new ReentrantLock();
    private ScheduledFuture<?> nextStep; // guarded by stepLock
    private long nextStepAt; // guarded by stepLock
    private boolean stepping; // guarded by stepLock
    private volatile boolean closed;

    /**
     * @param control   the operations to build on
     * @param lister    lists every service and its state (the client's {@code list})
     * @param policy    how to poll
     * @param scheduler runs the commands and the poll steps; may be shared
     */
    public AsyncLifecycle(ServiceControl control, Supplier<Map<String, ServiceState>> lister, PollPolicy policy,
                          ScheduledExecutorService scheduler) {
        this.control = Objects.requireNonNull(control, "control");
        this.lister = Objects.requireNonNull(lister, "lister");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Starts a service and completes once it runs (or succeeded), as {@link Lifecycle#startWait}.
     *
     * @param timeout how long to wait; zero sends start and completes
     * @param name    the service
     * @return completes when started; exceptionally as {@link Lifecycle#startWait} throws
     */
    public CompletableFuture<Void> startWait(Duration timeout, String name) {
        return startAll("startWait", timeout, List.of(Objects.requireNonNull(name, "name")), false);
    }

    /**
     * Stops a service and completes once it exited, with SIGKILL at the deadline, as {@link Lifecycle#stopWait}.
     *
     * @param timeout how long to wait before SIGKILL; zero sends stop and completes
     * @param name    the service
     * @return completes when stopped; exceptionally as {@link Lifecycle#stopWait} throws
     */
    public CompletableFuture<Void> stopWait(Duration timeout, String name) {
        return stopAll("stopWait", timeout, List.of(Objects.requireNonNull(name, "name")), false);
    }

    /**
     * Monitors (when needed) and starts several services, as {@link Lifecycle#startMultiple}.
     *
     * @param timeout how long to wait for all of them
     * @param names   the services
     * @return completes when all started; exceptionally with the first failure, or one {@link WaitTimeoutException}
     *         naming every service not started in time
     */
    public CompletableFuture<Void> startMultiple(Duration timeout, String... names) {
        return startAll("startMultiple", timeout, distinct(names), true);
    }

    /**
     * Stops several services, skipping unknown ones, as {@link Lifecycle#stopMultiple}.
     *
     * @param timeout how long to wait for all of them before SIGKILL
     * @param names   the services
     * @return completes when all exited
     */
    public CompletableFuture<Void> stopMultiple(Duration timeout, String... names) {
        return stopAll("stopMultiple", timeout, distinct(names), true);
    }

    /**
     * Stops, forgets and deletes the files of services, as {@link Lifecycle#destroy}.
     *
     * @param timeout how long to wait for them to stop before SIGKILL
     * @param names   the services
     * @return completes when all are gone
     */
    public CompletableFuture<Void> destroy(Duration timeout, String... names) {
        List<String> list = distinct(names);
        return stopAll("destroy", timeout, list, true).thenRunAsync(() -> {
            for (String name : list) {
                try {
                    control.forget(name);
                } catch (ServiceNotFoundException e) {
                    // already forgotten, or never monitored: nothing to forget
                }
                control.removeService(name);
            }
        }, scheduler);
    }

    /**
     * Stops the service as {@link #stopWait}, then starts it as {@link #startWait}.
     *
     * @param timeout how long each half may take
     * @param name    the service
     * @return completes when it runs again
     */
    public CompletableFuture<Void> restart(Duration timeout, String name) {
        CompletableFuture<Void> stop = stopWait(timeout, name);
        CompletableFuture<Void> result = stop.thenCompose(v -> startWait(timeout, name));
        result.whenComplete((v, e) -> {
            if (result.isCancelled()) {
                stop.cancel(false);
            }
        });
        return result;
    }

    /** {@return how many waits are in progress (services being polled)} */
    public int inProgress() {
        return waiters.size();
    }

    /** Fails every wait in progress with a {@link ZinitException} and refuses new ones; idempotent. */
    public void close() {
        closed = true;
        for (Waiter w : List.copyOf(waiters)) {
            w.done.completeExceptionally(new ZinitException("the client is closed"));
        }
    }

    // ---- the operations: commands on the scheduler, then waiters

    private CompletableFuture<Void> startAll(String op, Duration timeout, List<String> names, boolean monitorFirst) {
        long waitNanos = checkTimeout(timeout);
        return launch(names, () -> {
            Map<String, ServiceStatus> baseline = new LinkedHashMap<>();
            for (String name : names) {
                if (monitorFirst) {
                    try {
                        control.monitor(name);
                    } catch (ServiceAlreadyMonitoredException e) {
                        // monitoring an already monitored service is what we wanted anyway
                    }
                }
                if (waitNanos > 0) {
                    baseline.put(name, control.status(name));
                }
                control.start(name);
            }
            if (waitNanos == 0) {
                return List.of();
            }
            long now = System.nanoTime();
            List<Waiter> ws = new ArrayList<>();
            for (String name : names) {
                ws.add(new StartWaiter(op, timeout, name, baseline.get(name), now, now + waitNanos));
            }
            return ws;
        }, op, timeout, " not started within ");
    }

    private CompletableFuture<Void> stopAll(String op, Duration timeout, List<String> names, boolean skipUnknown) {
        long waitNanos = checkTimeout(timeout);
        return launch(names, () -> {
            Set<String> stopping = new LinkedHashSet<>();
            for (String name : names) {
                try {
                    control.stop(name);
                    stopping.add(name);
                } catch (ServiceNotFoundException e) {
                    if (!skipUnknown) {
                        throw e;
                    }
                }
            }
            if (waitNanos == 0) {
                return List.of();
            }
            long now = System.nanoTime();
            List<Waiter> ws = new ArrayList<>();
            for (String name : stopping) {
                ws.add(new StopWaiter(op, timeout, name, now + waitNanos));
            }
            return ws;
        }, op, timeout, " still running after SIGKILL; stop timeout ");
    }

    /**
     * Runs the commands on the scheduler, then registers the waiters they made and combines their outcomes: the first
     * failure that is not a timeout fails the whole at once (cancelling the rest); timeouts are gathered into one.
     */
    private CompletableFuture<Void> launch(List<String> names, Supplier<List<Waiter>> commands, String op,
                                           Duration timeout, String timedOut) {
        checkOpen();
        CompletableFuture<Void> result = new CompletableFuture<>();
        List<Waiter> registered = new ArrayList<>();
        result.whenComplete((v, e) -> {
            synchronized (registered) {
                for (Waiter w : registered) {
                    w.done.cancel(false); // no-op for those already done
                }
            }
        });
        Runnable task = () -> {
            if (result.isDone()) {
                return; // cancelled before the commands were sent
            }
            List<Waiter> ws;
            try {
                checkOpen();
                ws = commands.get();
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            if (ws.isEmpty()) {
                result.complete(null);
                return;
            }
            combine(result, ws, op, timeout, timedOut);
            synchronized (registered) {
                registered.addAll(ws);
            }
            if (result.isDone()) {
                return;
            }
            for (Waiter w : ws) {
                waiters.add(w);
                w.done.whenComplete((v, e) -> waiters.remove(w));
            }
            if (closed) {
                close();
            }
            wakeAt(System.nanoTime());
        };
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new ZinitException("the scheduler of the async client refused work", e));
        }
        return result;
    }

    private static void combine(CompletableFuture<Void> result, List<Waiter> ws, String op, Duration timeout,
                                String timedOut) {
        int[] left = {ws.size()};
        Map<String, ServiceStatus> lastSeen = new LinkedHashMap<>();
        List<String> late = new ArrayList<>();
        for (Waiter w : ws) {
            w.done.whenComplete((v, e) -> {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                synchronized (left) {
                    if (cause instanceof WaitTimeoutException && !w.done.isCancelled()) {
                        late.add(w.name);
                        lastSeen.putAll(((WaitTimeoutException) cause).lastSeen());
                    } else if (cause != null && !w.done.isCancelled()) {
                        result.completeExceptionally(cause);
                    }
                    if (--left[0] > 0 || result.isDone()) {
                        return;
                    }
                    if (late.isEmpty()) {
                        result.complete(null);
                    } else if (ws.size() == 1) {
                        result.completeExceptionally(cause);
                    } else {
                        result.completeExceptionally(new WaitTimeoutException(op + ": " + late.size()
                                + " services" + timedOut + timeout + ": " + late, lastSeen));
                    }
                }
            });
        }
    }

    // ---- the shared poll loop

    private void wakeAt(long at) {
        stepLock.lock();
        try {
            if (stepping) {
                return; // the running step schedules the next one when it ends, and sees the new waiters
            }
            if (nextStep != null && !nextStep.isDone() && nextStepAt - at <= 0) {
                return;
            }
            if (nextStep != null) {
                nextStep.cancel(false);
            }
            nextStepAt = at;
            try {
                nextStep = scheduler.schedule(this::step, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                for (Waiter w : List.copyOf(waiters)) {
                    w.done.completeExceptionally(new ZinitException("the scheduler of the async client refused work",
                            e));
                }
            }
        } finally {
            stepLock.unlock();
        }
    }

    private void step() {
        stepLock.lock();
        try {
            if (stepping) {
                return;
            }
            stepping = true;
            nextStep = null;
        } finally {
            stepLock.unlock();
        }
        long next;
        try {
            next = poll();
        } finally {
            stepLock.lock();
            try {
                stepping = false;
            } finally {
                stepLock.unlock();
            }
        }
        if (!waiters.isEmpty()) {
            wakeAt(next);
        }
    }

    /** One step: looks at every due service; {@return when the next is due} */
    private long poll() {
        long now = System.nanoTime();
        List<Waiter> due = new ArrayList<>();
        for (Waiter w : waiters) {
            if (!w.done.isDone() && now - w.nextDue >= 0) {
                due.add(w);
            }
        }
        List<Waiter> listed = new ArrayList<>();
        for (Waiter w : due) {
            if (now - w.deadline >= 0) {
                guarded(w, () -> w.atDeadline(System.nanoTime()));
            } else {
                listed.add(w);
            }
        }
        if (listed.size() == 1 && waiters.size() == 1) {
            Waiter w = listed.get(0);
            guarded(w, () -> w.fromStatus(statusOrNull(w.name), System.nanoTime()));
        } else if (!listed.isEmpty()) {
            Map<String, ServiceState> states;
            try {
                states = lister.get();
            } catch (RuntimeException e) {
                listed.forEach(w -> w.done.completeExceptionally(e));
                states = Map.of();
            }
            long seen = System.nanoTime();
            for (Waiter w : listed) {
                if (!w.done.isDone()) {
                    Map<String, ServiceState> s = states;
                    guarded(w, () -> w.fromList(s.get(w.name), seen));
                }
            }
        }
        long end = System.nanoTime();
        long next = end + policy.maxInterval().toNanos();
        for (Waiter w : due) {
            if (!w.done.isDone()) {
                w.backOff(end);
            }
        }
        for (Waiter w : waiters) {
            if (!w.done.isDone()) {
                long at = w.deadline - w.nextDue < 0 ? w.deadline : w.nextDue;
                if (at - next < 0) {
                    next = at;
                }
            }
        }
        return next;
    }

    private static void guarded(Waiter w, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            w.done.completeExceptionally(e);
        }
    }

    ServiceStatus statusOrNull(String name) {
        try {
            return control.status(name);
        } catch (ServiceNotFoundException e) {
            return null;
        }
    }

    /** One service being waited for; touched only by the step in progress. */
    private abstract class Waiter {
        final String op;
        final Duration timeout;
        final String name;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        long deadline;
        long nextDue;
        long interval = policy.initialInterval().toNanos();
        ServiceStatus lastSeen;

        Waiter(String op, Duration timeout, String name, long deadline) {
            this.op = op;
            this.timeout = timeout;
            this.name = name;
            this.deadline = deadline;
            this.nextDue = System.nanoTime();
        }

        void backOff(long now) {
            nextDue = now + interval;
            if (policy.backoffFactor() > 1.0) {
                interval = Math.min(policy.maxInterval().toNanos(), Math.max(interval + 1,
                        (long) (interval * policy.backoffFactor())));
            }
        }

        /** What the list said: {@code null} when the service is not in it. */
        abstract void fromList(ServiceState state, long now);

        /** What a status call said: {@code null} when zinit does not know the service. */
        abstract void fromStatus(ServiceStatus status, long now);

        abstract void atDeadline(long now);

        WaitTimeoutException timedOut(String message) {
            Map<String, ServiceStatus> seen = lastSeen == null ? Map.of() : Map.of(name, lastSeen);
            return new WaitTimeoutException(message + " (last seen: " + name + " " + (lastSeen == null ? "never"
                    : lastSeen.state() + "/" + lastSeen.target().wireName()) + ")", seen);
        }
    }

    /** The rules of {@link Lifecycle}'s start waits. */
    private final class StartWaiter extends Waiter {
        private final ServiceStatus before;
        private final long startedAt;

        StartWaiter(String op, Duration timeout, String name, ServiceStatus before, long startedAt, long deadline) {
            super(op, timeout, name, deadline);
            this.before = before;
            this.startedAt = startedAt;
        }

        @Override
        void fromList(ServiceState state, long now) {
            if (state != null && state.any(StateKind.RUNNING, StateKind.SUCCESS)) {
                done.complete(null);
            } else if (state == null || state.any(StateKind.ERROR, StateKind.FAILURE, StateKind.TEST_FAILURE)) {
                fromStatus(statusOrNull(name), System.nanoTime());
            }
        }

        @Override
        void fromStatus(ServiceStatus status, long now) {
            if (status == null) {
                throw new ServiceNotFoundException(op + ": '" + name + "' is no longer known to zinit (forgotten while "
                        + "waiting for it to start)", null, null, null);
            }
            lastSeen = status;
            if (status.target() != ServiceTarget.UP) {
                throw new ServiceFailedException(op + ": the target of '" + name + "' was set to Down by someone else "
                        + "while waiting for it to start (state " + status.state() + ")", status);
            }
            if (status.state().any(StateKind.RUNNING, StateKind.SUCCESS)) {
                done.complete(null);
                return;
            }
            if (status.state().any(StateKind.ERROR, StateKind.FAILURE, StateKind.TEST_FAILURE)) {
                boolean seenBefore = before != null && before.state().equals(status.state());
                if (!seenBefore || now - startedAt >= policy.failureGrace().toNanos()) {
                    throw new ServiceFailedException(op + ": '" + name + "' failed to start: " + status.state()
                            + (seenBefore ? " (unchanged for " + Duration.ofNanos(now - startedAt) + " after start)"
                            : ""), status);
                }
            }
        }

        @Override
        void atDeadline(long now) {
            fromStatus(statusOrNull(name), now);
            if (!done.isDone()) {
                throw timedOut(op + ": '" + name + "' not started within " + timeout);
            }
        }
    }

    /** The rules of {@link Lifecycle}'s stop waits, SIGKILL rounds included. */
    private final class StopWaiter extends Waiter {
        private int kills;

        StopWaiter(String op, Duration timeout, String name, long deadline) {
            super(op, timeout, name, deadline);
        }

        @Override
        void fromList(ServiceState state, long now) {
            if (state == null) {
                fromStatus(statusOrNull(name), now);
            } else if (state.exited()) {
                done.complete(null);
            }
        }

        @Override
        void fromStatus(ServiceStatus status, long now) {
            if (status == null) {
                done.complete(null);
                return;
            }
            lastSeen = status;
            if (status.target() != ServiceTarget.DOWN) {
                throw new ServiceFailedException(op + ": the target of '" + name + "' was set to Up by someone else "
                        + "while waiting for it to stop (state " + status.state() + ")", status);
            }
            if (status.state().exited()) {
                done.complete(null);
            }
        }

        @Override
        void atDeadline(long now) {
            // always a status before SIGKILL: a list cannot tell that someone else started the service again
            fromStatus(statusOrNull(name), now);
            if (done.isDone()) {
                return;
            }
            if (kills >= policy.killAttempts()) {
                throw timedOut(op + ": '" + name + "' still running " + policy.killAttempts()
                        + " SIGKILL(s) after the stop timeout of " + timeout);
            }
            try {
                control.kill(name, Signal.SIGKILL);
            } catch (ServiceIsDownException | ServiceNotFoundException e) {
                // the process ended between the last poll and the kill: the next poll confirms it
            }
            kills++;
            long t = System.nanoTime();
            deadline = t + policy.killRetryInterval().toNanos();
            interval = policy.initialInterval().toNanos();
            nextDue = t;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new ZinitException("the client is closed");
        }
    }

    private static long checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        return Lifecycle.saturatedNanos(timeout);
    }

    private static List<String> distinct(String... names) {
        Objects.requireNonNull(names, "names");
        Set<String> set = new LinkedHashSet<>();
        for (String n : names) {
            set.add(Objects.requireNonNull(n, "service name"));
        }
        return new ArrayList<>(set);
    }
}
