package io.zinit4j.client.lifecycle;

import io.zinit4j.client.ZinitEventListener;
import io.zinit4j.client.internal.concurrent.FanOut;
import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.ServiceIsDownException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.WaitTimeoutException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Waits and bulk lifecycle operations over a {@link ServiceControl}, with the Go client's meaning of started and
 * stopped, polled under a {@link PollPolicy} with an injectable {@link LifecycleClock}.
 *
 * <p>What the waits decide:
 * <ul>
 *   <li><b>Started</b>: state {@code Running}, or {@code Success}. {@code Spawned} (test command not passed yet) and
 *       {@code Blocked} (a dependency not up) keep the wait going until its timeout.</li>
 *   <li><b>Oneshots</b>: zinit shows a oneshot as {@code Running} until it ends, so for a oneshot only {@code Success}
 *       counts as started, and {@code Error} (with its exit code or signal) or {@code Failure} throws {@link
 *       ServiceFailedException}. The status does not say whether a service is a oneshot: a start wait reads each
 *       service's file once ({@link ServiceControl#loadService}); a file that cannot be read counts as not a oneshot.
 *       After {@code start} zinit may still show a finished oneshot's old {@code Success} for a moment before it spawns
 *       it again, so a {@code Success} that was already there before the start counts only once another state was
 *       seen after the start, or after {@link PollPolicy#failureGrace()}.</li>
 *   <li><b>Failed start</b>: {@code Error}, {@code Failure} or {@code TestFailure} end the start wait early with
 *       {@link ServiceFailedException}, when that state is new: different from the state read just before the start
 *       (an {@code Error} names the pid that ended, so a new crash always differs). A failure state equal to the one
 *       seen before the start may be stale, or a crash that zinit is about to restart (it shows {@code Error} with
 *       target {@code Up} for a second or two), so it ends the wait only once another state was seen after the start
 *       or it has lasted {@link PollPolicy#failureGrace()} after the start.</li>
 *   <li><b>Stopped</b>: {@link io.zinit4j.model.ServiceState#exited()}, or zinit no longer knows the service. After a
 *       stop zinit shows {@code Running} with target {@code Down} until the process dies, then
 *       {@code Error(Signaled(..., SIGTERM, ...))}; a process that ignores SIGTERM never dies by itself, so at the
 *       deadline the wait sends SIGKILL, then waits {@link PollPolicy#killRetryInterval()} and sends it again, up to
 *       {@link PollPolicy#killAttempts()} times, before it throws {@link WaitTimeoutException}.</li>
 *   <li><b>Someone else</b>: a start wait that sees target {@code Down}, or a stop wait that sees target {@code Up}, was
 *       overruled by another client: it throws {@link ServiceFailedException} at once, naming what happened.</li>
 * </ul>
 * A zero timeout sends the command and does not wait (as the Go client). Bulk operations send their commands
 * concurrently, at most {@link PollPolicy#maxCommandsInFlight()} at once (zinit serves them in parallel, and 0.2.28
 * holds every stop answer 500 ms or more), on the client's fan-out threads; every command is sent even when one
 * fails, and the first failure is thrown once all have ended. Waits on several services then poll them all in one loop
 * in the calling thread; no thread is created per service. Such a loop reads one {@code list} per round (every
 * service's state in one call) and {@code status} only for what the list cannot tell: the full status of a failure
 * to report, of a service missing from the list (before a start wait says it was forgotten), and, at the deadline,
 * of every service the deadline's last list shows still pending (so a target set the other way by someone else
 * shows there at the latest, before any SIGKILL). A wait on one service polls {@code status}. Either way the
 * {@link PollPolicy#maxCallsPerSecond()} limit holds for the polls of the whole wait, whatever the number of
 * services; only the deadline's last look may exceed it, once, by the services that are still pending then.
 * {@link AsyncLifecycle} decides by the same rules.
 *
 * <p>Thread-safe: every wait keeps its state on the caller's stack; any number of threads may wait at once. After
 * {@link #close()}, waits in progress end with a {@link ZinitException} at their next poll, and new calls fail.
 */
public final class Lifecycle {
    private final ServiceControl control;
    private final PollPolicy policy;
    private final LifecycleClock clock;
    private final ZinitEventListener events;
    private final Executor fanOut;
    private final Set<PollingServiceWatch> watches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param control the operations to build on
     * @param policy  how to poll
     * @param clock   the time source
     */
    public Lifecycle(ServiceControl control, PollPolicy policy, LifecycleClock clock) {
        this(control, policy, clock, ZinitEventListener.NONE, FanOut.NEW_THREADS);
    }

    /**
     * @param control the operations to build on
     * @param policy  how to poll
     * @param clock   the time source
     * @param events  told of every poll of a wait ({@link ZinitEventListener#waitPoll}); it must not throw
     * @param fanOut  runs the concurrent commands of bulk operations (the client's pool, closed with the client)
     */
    public Lifecycle(ServiceControl control, PollPolicy policy, LifecycleClock clock, ZinitEventListener events,
                     Executor fanOut) {
        this.control = Objects.requireNonNull(control, "control");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
    }

    /**
     * Starts a service and waits until it runs (or succeeded, for a oneshot).
     *
     * @param timeout how long to wait; zero sends start and returns
     * @param name    the service
     * @throws ServiceNotFoundException when zinit does not know the service
     * @throws ServiceFailedException   when it fails to start, or someone else sets its target down meanwhile
     * @throws WaitTimeoutException     when it is not started in time (with its last status)
     */
    public void startWait(Duration timeout, String name) {
        startAll("startWait", timeout, List.of(Objects.requireNonNull(name, "name")), false);
    }

    /**
     * Stops a service and waits until it has exited; at the deadline sends SIGKILL and waits for it to be gone.
     *
     * @param timeout how long to wait before SIGKILL; zero sends stop and returns
     * @param name    the service
     * @throws ServiceNotFoundException when zinit does not know the service
     * @throws ServiceFailedException   when someone else sets its target up meanwhile
     * @throws WaitTimeoutException     when even SIGKILL did not end it (with its last status)
     */
    public void stopWait(Duration timeout, String name) {
        stopAll("stopWait", timeout, List.of(Objects.requireNonNull(name, "name")), false);
    }

    /**
     * Monitors (when not monitored yet) and starts several services, then waits for all of them in one poll loop.
     * Unlike the Go client, a timeout is an error, not a log line, and a service that cannot be monitored or started
     * fails the call instead of being skipped.
     *
     * @param timeout how long to wait for all of them
     * @param names   the services
     * @throws ServiceFailedException when one fails or is set down by someone else (the others are not waited for)
     * @throws WaitTimeoutException   when some are not started in time; {@code lastSeen} holds those
     */
    public void startMultiple(Duration timeout, String... names) {
        startAll("startMultiple", timeout, distinct(names), true);
    }

    /**
     * Stops several services and waits until all have exited, with SIGKILL at the deadline as {@link #stopWait}.
     * Services zinit does not know are skipped, as the Go client does.
     *
     * @param timeout how long to wait for all of them before SIGKILL
     * @param names   the services
     * @throws ServiceFailedException when someone else sets one's target up meanwhile
     * @throws WaitTimeoutException   when some did not end even after SIGKILL
     */
    public void stopMultiple(Duration timeout, String... names) {
        stopAll("stopMultiple", timeout, distinct(names), true);
    }

    /**
     * Removes services completely: stops them as {@link #stopMultiple}, forgets them, and deletes their files. A
     * service zinit does not know is skipped for stop and forget; its file is still deleted if there is one.
     *
     * @param timeout how long to wait for them to stop before SIGKILL
     * @param names   the services
     */
    public void destroy(Duration timeout, String... names) {
        List<String> list = distinct(names);
        if (list.isEmpty()) {
            return;
        }
        stopAll("destroy", timeout, list, true);
        CommandFanOut.run(fanOut, list, policy.maxCommandsInFlight(), name -> {
            try {
                control.forget(name);
            } catch (ServiceNotFoundException e) {
                // already forgotten, or never monitored: nothing to forget
            }
            control.removeService(name);
        });
    }

    /**
     * Stops the service as {@link #stopWait}, then starts it as {@link #startWait} (so a oneshot's restart returns once
     * its new run succeeded).
     *
     * @param timeout how long each half may take
     * @param name    the service
     */
    public void restart(Duration timeout, String name) {
        stopWait(timeout, name);
        startWait(timeout, name);
    }

    /**
     * Suspends a service's process with SIGSTOP. zinit still shows it as running.
     *
     * @param name the service
     */
    public void pause(String name) {
        checkOpen();
        control.kill(Objects.requireNonNull(name, "name"), Signal.SIGSTOP);
    }

    /**
     * Resumes a suspended service's process with SIGCONT.
     *
     * @param name the service
     */
    public void resume(String name) {
        checkOpen();
        control.kill(Objects.requireNonNull(name, "name"), Signal.SIGCONT);
    }

    /**
     * Watches services for changes, polling with this lifecycle's policy in the thread that reads the watch.
     *
     * @param names the services
     * @return an open watch; closing this lifecycle closes it
     */
    public ServiceWatch watch(String... names) {
        checkOpen();
        PollingServiceWatch w = new PollingServiceWatch(control, policy, clock, distinct(names).toArray(new String[0]),
                watches::remove);
        watches.add(w);
        if (closed) {
            w.close();
        }
        return w;
    }

    /** Closes the open watches and makes waits in progress end at their next poll; idempotent. */
    public void close() {
        closed = true;
        for (PollingServiceWatch w : List.copyOf(watches)) {
            w.close();
        }
    }

    // ---- start ----

    private void startAll(String op, Duration timeout, List<String> names, boolean monitorFirst) {
        long waitNanos = checkTimeout(timeout);
        checkOpen();
        Map<String, ServiceStatus> before = new ConcurrentHashMap<>();
        Set<String> oneshots = ConcurrentHashMap.newKeySet();
        CommandFanOut.run(fanOut, names, policy.maxCommandsInFlight(),
                name -> StartCommand.send(control, name, monitorFirst, waitNanos > 0 ? before : null, oneshots));
        if (waitNanos == 0) {
            return;
        }
        long startedAt = clock.nanoTime();
        long grace = policy.failureGrace().toNanos();
        Map<String, WaitRule> rules = new LinkedHashMap<>();
        for (String name : names) {
            rules.put(name, WaitRule.start(op, name, before.get(name), oneshots.contains(name), startedAt, grace));
        }
        Map<String, ServiceStatus> lastSeen = new LinkedHashMap<>();
        Set<String> left = pollUntil(op, newEngine(names), rules.keySet(), rules, startedAt + waitNanos, lastSeen);
        if (!left.isEmpty()) {
            throw timeout(op + ": " + describe(left) + " not started within " + timeout, left, lastSeen);
        }
    }

    // ---- stop ----

    private void stopAll(String op, Duration timeout, List<String> names, boolean skipUnknown) {
        long waitNanos = checkTimeout(timeout);
        checkOpen();
        Set<String> unknown = ConcurrentHashMap.newKeySet();
        CommandFanOut.run(fanOut, names, policy.maxCommandsInFlight(), name -> {
            try {
                control.stop(name);
            } catch (ServiceNotFoundException e) {
                if (!skipUnknown) {
                    throw e;
                }
                unknown.add(name);
            }
        });
        Set<String> stopping = new LinkedHashSet<>(names);
        stopping.removeAll(unknown);
        if (waitNanos == 0 || stopping.isEmpty()) {
            return;
        }
        Map<String, WaitRule> rules = new LinkedHashMap<>();
        for (String name : stopping) {
            rules.put(name, WaitRule.stop(op, name));
        }
        Map<String, ServiceStatus> lastSeen = new LinkedHashMap<>();
        // one engine for every phase, so that the rate cap also holds across the SIGKILL rounds
        PollEngine engine = newEngine(stopping);
        Set<String> left = pollUntil(op, engine, stopping, rules, clock.nanoTime() + waitNanos, lastSeen);
        long killWindow = policy.killRetryInterval().toNanos();
        for (int attempt = 0; attempt < policy.killAttempts() && !left.isEmpty(); attempt++) {
            for (String name : left) {
                try {
                    control.kill(name, Signal.SIGKILL);
                } catch (ServiceIsDownException | ServiceNotFoundException e) {
                    // the process ended between the last poll and the kill: the next poll confirms it
                }
            }
            engine.resetBackoff(clock.nanoTime() - policy.initialInterval().toNanos());
            left = pollUntil(op, engine, left, rules, clock.nanoTime() + killWindow, lastSeen);
        }
        if (!left.isEmpty()) {
            throw timeout(op + ": " + describe(left) + " still running " + policy.killAttempts()
                    + " SIGKILL(s) after the stop timeout of " + timeout, left, lastSeen);
        }
    }

    // ---- the shared loop ----

    /**
     * Polls the services in one loop until each reached the goal its rule sets or the deadline passed; at the
     * deadline every service still pending gets one last look: one list for those it decides, then the full status
     * of the rest.
     *
     * @return the services that did not reach the goal
     */
    private Set<String> pollUntil(String op, PollEngine engine, Set<String> services, Map<String, WaitRule> rules,
                                  long deadline, Map<String, ServiceStatus> lastSeen) {
        Set<String> left = new LinkedHashSet<>(services);
        for (String name : left) {
            engine.track(name);
        }
        PollEngine.StatusNeed need = (name, listed) -> rules.get(name).needsStatus(listed, clock.nanoTime());
        boolean last = false;
        while (true) {
            checkOpen();
            if (last) {
                decide(op, engine, engine.listNow(need), rules, left, lastSeen);
                decide(op, engine, engine.statusOfAll(), rules, left, lastSeen);
                return left;
            }
            decide(op, engine, engine.pollDue(need), rules, left, lastSeen);
            if (left.isEmpty()) {
                return left;
            }
            long now = clock.nanoTime();
            long wake = engine.nextDue();
            if (wake - deadline >= 0) {
                wake = deadline;
                last = true;
            }
            sleep(wake - now, left);
            if (!last && clock.nanoTime() - deadline >= 0) {
                last = true;
            }
        }
    }

    /** Tells the listener what one round saw, before the rules decide (which may throw and end the wait). */
    private void reportPoll(String op, Set<String> waitingFor, List<PollEngine.Observation> polled) {
        if (events == ZinitEventListener.NONE || polled.isEmpty()) {
            return;
        }
        Map<String, ServiceState> states = new LinkedHashMap<>();
        Map<String, ServiceStatus> statuses = new LinkedHashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (PollEngine.Observation o : polled) {
            if (o.state() == null) {
                unknown.add(o.name());
                continue;
            }
            states.put(o.name(), o.state());
            if (o.status() != null) {
                statuses.put(o.name(), o.status());
            }
        }
        events.waitPoll(new ZinitEventListener.WaitPollEvent(op, waitingFor, states, statuses, unknown));
    }

    private void decide(String op, PollEngine engine, List<PollEngine.Observation> seen, Map<String, WaitRule> rules,
                        Set<String> left, Map<String, ServiceStatus> lastSeen) {
        reportPoll(op, left, seen);
        for (PollEngine.Observation o : seen) {
            if (o.status() != null) {
                lastSeen.put(o.name(), o.status());
            }
            if (rules.get(o.name()).reached(o.state(), o.status(), o.nanoTime())) {
                left.remove(o.name());
                lastSeen.remove(o.name());
                engine.untrack(o.name());
            }
        }
    }

    private PollEngine newEngine(Iterable<String> names) {
        PollEngine engine = new PollEngine(control, policy, clock);
        names.forEach(engine::track);
        return engine;
    }

    private void sleep(long nanos, Set<String> waitingFor) {
        if (nanos <= 0) {
            return;
        }
        try {
            clock.sleepNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZinitException("interrupted while waiting for " + describe(waitingFor), e);
        }
    }

    /** The timeout of a wait, naming what each service still pending last showed (the blocking and async waits). */
    static WaitTimeoutException timeout(String message, Set<String> left, Map<String, ServiceStatus> lastSeen) {
        Map<String, ServiceStatus> seen = new LinkedHashMap<>();
        StringBuilder detail = new StringBuilder();
        for (String n : left) {
            ServiceStatus s = lastSeen.get(n);
            if (s != null) {
                seen.put(n, s);
            }
            if (left.size() <= 10) {
                detail.append(detail.length() == 0 ? " (last seen: " : ", ").append(n).append(' ')
                        .append(s == null ? "never" : s.state() + "/" + s.target().wireName());
            }
        }
        if (detail.length() > 0) {
            detail.append(')');
        }
        return new WaitTimeoutException(message + detail, seen);
    }

    private void checkOpen() {
        if (closed) {
            throw new ZinitException("the client is closed");
        }
    }

    static long checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
        }
        return saturatedNanos(timeout);
    }

    /** A duration in nanoseconds, capped at about 292 years instead of overflowing. */
    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    static List<String> distinct(String... names) {
        Objects.requireNonNull(names, "names");
        Set<String> set = new LinkedHashSet<>();
        for (String n : names) {
            set.add(Objects.requireNonNull(n, "service name"));
        }
        return new ArrayList<>(set);
    }

    private static String describe(Set<String> names) {
        if (names.size() == 1) {
            return "'" + names.iterator().next() + "'";
        }
        return names.size() + " services";
    }
}
