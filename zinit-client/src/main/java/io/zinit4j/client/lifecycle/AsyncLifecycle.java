package io.zinit4j.client.lifecycle;

import io.zinit4j.error.ServiceIsDownException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.WaitTimeoutException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The waits of {@link Lifecycle} as futures, driven by a shared {@link ScheduledExecutorService} instead of a blocked
 * thread each. They decide by the very rules of {@link Lifecycle} (started, failed, stopped, oneshots, someone else's
 * command, SIGKILL rounds; the same code, not a copy), and poll the same way under its {@link PollPolicy}.
 *
 * <p>How it polls: all waits in progress on one lifecycle (one server) share one poll loop and its call budget, as the
 * services of one blocking {@link Lifecycle#startMultiple} do. Each round is one {@code status} call while one service
 * is waited for, and one {@code list} call otherwise, with {@code status} only for what the list cannot tell (a
 * failure to report, a service missing from the list); at a wait's deadline, a list decides what it can and the
 * services still pending get their full status before the wait gives up or sends SIGKILL. All these calls together
 * stay within {@link PollPolicy#maxCallsPerSecond()} in any one second (the deadline's looks aside), so ten thousand
 * waits on one server cost it no more than one. The calls themselves are the blocking ones of the client and run on
 * the scheduler's threads, one step of one lifecycle at a time.
 *
 * <p>Cancelling a returned future stops its polling (a command already sent is not undone). Futures complete
 * exceptionally with the {@link ZinitException}s {@link Lifecycle} throws. Thread-safe. {@link #close()} fails the
 * waits in progress; the scheduler is not shut down (it may be shared).
 */
public final class AsyncLifecycle {
    private final ServiceControl control;
    private final PollPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final LifecycleClock clock;
    /** Every wait in progress, for {@link #close()} and {@link #inProgress()}. */
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    /** Waits registered since the last step, which takes them into {@link #byName}. */
    private final Queue<Waiter> incoming = new ConcurrentLinkedQueue<>();
    /** The waits the poll loop drives, by service; touched only by the step in progress. */
    private final Map<String, List<Waiter>> byName = new LinkedHashMap<>();
    /** The poll loop's rounds and call budget; touched only by the step in progress. */
    private final PollEngine engine;
    private final ReentrantLock stepLock = new ReentrantLock();
    private ScheduledFuture<?> nextStep; // guarded by stepLock
    private long nextStepAt; // guarded by stepLock
    private boolean stepping; // guarded by stepLock
    private volatile boolean closed;

    /**
     * @param control   the operations to build on; waits on several services poll with its {@link
     *                  ServiceControl#list()}
     * @param policy    how to poll
     * @param scheduler runs the commands and the poll steps; may be shared
     */
    public AsyncLifecycle(ServiceControl control, PollPolicy policy, ScheduledExecutorService scheduler) {
        this(control, policy, scheduler, LifecycleClock.system());
    }

    /** With a clock of the tests' choosing, whose time the scheduler must keep too. */
    AsyncLifecycle(ServiceControl control, PollPolicy policy, ScheduledExecutorService scheduler,
                   LifecycleClock clock) {
        this.control = Objects.requireNonNull(control, "control");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.engine = new PollEngine(control, policy, clock);
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
        return startAll("startMultiple", timeout, Lifecycle.distinct(names), true);
    }

    /**
     * Stops several services, skipping unknown ones, as {@link Lifecycle#stopMultiple}.
     *
     * @param timeout how long to wait for all of them before SIGKILL
     * @param names   the services
     * @return completes when all exited
     */
    public CompletableFuture<Void> stopMultiple(Duration timeout, String... names) {
        return stopAll("stopMultiple", timeout, Lifecycle.distinct(names), true);
    }

    /**
     * Stops, forgets and deletes the files of services, as {@link Lifecycle#destroy}.
     *
     * @param timeout how long to wait for them to stop before SIGKILL
     * @param names   the services
     * @return completes when all are gone
     */
    public CompletableFuture<Void> destroy(Duration timeout, String... names) {
        List<String> list = Lifecycle.distinct(names);
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
        long waitNanos = Lifecycle.checkTimeout(timeout);
        return launch(names, () -> {
            Map<String, ServiceStatus> before = new LinkedHashMap<>();
            Set<String> oneshots = new LinkedHashSet<>();
            for (String name : names) {
                StartCommand.send(control, name, monitorFirst, waitNanos > 0 ? before : null, oneshots);
            }
            if (waitNanos == 0) {
                return List.of();
            }
            long now = clock.nanoTime();
            long grace = policy.failureGrace().toNanos();
            List<Waiter> ws = new ArrayList<>();
            for (String name : names) {
                ws.add(new Waiter(WaitRule.start(op, name, before.get(name), oneshots.contains(name), now, grace),
                        false, timeout, now + waitNanos));
            }
            return ws;
        }, op, timeout, " not started within ");
    }

    private CompletableFuture<Void> stopAll(String op, Duration timeout, List<String> names, boolean skipUnknown) {
        long waitNanos = Lifecycle.checkTimeout(timeout);
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
            long now = clock.nanoTime();
            List<Waiter> ws = new ArrayList<>();
            for (String name : stopping) {
                ws.add(new Waiter(WaitRule.stop(op, name), true, timeout, now + waitNanos));
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
                incoming.add(w);
                w.done.whenComplete((v, e) -> waiters.remove(w));
            }
            if (closed) {
                close();
            }
            // the next round takes the new waits in: at once when the loop was idle, else at its next step (the
            // budget is shared, so a new wait does not buy a round of its own)
            wakeAt(clock.nanoTime());
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
                        late.add(w.rule.name);
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
                nextStep = scheduler.schedule(this::step, Math.max(0, at - clock.nanoTime()), TimeUnit.NANOSECONDS);
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
        } catch (RuntimeException e) {
            // a failed list or status (the connection lost, a timeout) fails the waits it was for, as a blocking
            // wait throws it
            for (List<Waiter> ws : byName.values()) {
                ws.forEach(w -> w.done.completeExceptionally(e));
            }
            prune();
            next = clock.nanoTime();
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

    /** One step: the deadlines that passed, then a round if one is due; {@return when the next step is due} */
    private long poll() {
        for (Waiter w = incoming.poll(); w != null; w = incoming.poll()) {
            byName.computeIfAbsent(w.rule.name, k -> new ArrayList<>(1)).add(w);
            engine.track(w.rule.name);
        }
        prune();
        long now = clock.nanoTime();
        PollEngine.StatusNeed need = (name, listed) -> {
            for (Waiter w : byName.getOrDefault(name, List.of())) {
                if (!w.done.isDone() && w.rule.needsStatus(listed, now)) {
                    return true;
                }
            }
            return false;
        };
        List<Waiter> expired = new ArrayList<>();
        for (List<Waiter> ws : byName.values()) {
            for (Waiter w : ws) {
                if (now - w.deadline >= 0) {
                    expired.add(w);
                }
            }
        }
        if (!expired.isEmpty()) {
            // as a blocking wait's last look: one list decides what it can, the rest get their full status
            if (expired.size() > 1) {
                decide(engine.listNow(need));
            }
            for (Waiter w : expired) {
                if (!w.done.isDone()) {
                    guarded(w, () -> atDeadline(w));
                }
            }
            prune();
        }
        decide(engine.pollDue(need));
        prune();
        long next = engine.nextDue();
        for (List<Waiter> ws : byName.values()) {
            for (Waiter w : ws) {
                if (w.deadline - next < 0) {
                    next = w.deadline;
                }
            }
        }
        return next;
    }

    private void decide(List<PollEngine.Observation> seen) {
        for (PollEngine.Observation o : seen) {
            for (Waiter w : byName.getOrDefault(o.name(), List.of())) {
                if (!w.done.isDone()) {
                    guarded(w, () -> w.observe(o));
                }
            }
        }
    }

    /** Drops the finished (or cancelled) waits, and stops polling the services nobody waits for any more. */
    private void prune() {
        for (Iterator<Map.Entry<String, List<Waiter>>> it = byName.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, List<Waiter>> e = it.next();
            e.getValue().removeIf(w -> w.done.isDone());
            if (e.getValue().isEmpty()) {
                it.remove();
                engine.untrack(e.getKey());
            }
        }
    }

    /** A wait whose deadline passed: its last look, then a timeout, or for a stop its next SIGKILL round. */
    private void atDeadline(Waiter w) {
        w.observe(engine.look(w.rule.name));
        if (w.done.isDone()) {
            return;
        }
        if (!w.stop) {
            throw w.timedOut(w.rule.op + ": '" + w.rule.name + "' not started within " + w.timeout);
        }
        if (w.kills >= policy.killAttempts()) {
            throw w.timedOut(w.rule.op + ": '" + w.rule.name + "' still running " + policy.killAttempts()
                    + " SIGKILL(s) after the stop timeout of " + w.timeout);
        }
        try {
            control.kill(w.rule.name, Signal.SIGKILL);
        } catch (ServiceIsDownException | ServiceNotFoundException e) {
            // the process ended between the last poll and the kill: the next poll confirms it
        }
        w.kills++;
        long t = clock.nanoTime();
        w.deadline = t + policy.killRetryInterval().toNanos();
        engine.resetBackoff(t - policy.initialInterval().toNanos());
    }

    private static void guarded(Waiter w, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            w.done.completeExceptionally(e);
        }
    }

    /** One service being waited for, decided by its {@link WaitRule}; touched only by the step in progress. */
    private static final class Waiter {
        final WaitRule rule;
        final boolean stop;
        final Duration timeout;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        long deadline;
        int kills;
        ServiceStatus lastSeen;

        Waiter(WaitRule rule, boolean stop, Duration timeout, long deadline) {
            this.rule = rule;
            this.stop = stop;
            this.timeout = timeout;
            this.deadline = deadline;
        }

        void observe(PollEngine.Observation o) {
            if (o.status() != null) {
                lastSeen = o.status();
            }
            if (rule.reached(o.state(), o.status(), o.nanoTime())) {
                done.complete(null);
            }
        }

        WaitTimeoutException timedOut(String message) {
            Map<String, ServiceStatus> seen = new HashMap<>();
            if (lastSeen != null) {
                seen.put(rule.name, lastSeen);
            }
            return Lifecycle.timeout(message, Set.of(rule.name), seen);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new ZinitException("the client is closed");
        }
    }
}
