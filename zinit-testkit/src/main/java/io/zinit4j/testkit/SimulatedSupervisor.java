package io.zinit4j.testkit;

import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * zinit without its sockets: the service table and each service's watch loop (spawn, test runs and their retries, the
 * pause before a restart, stop signals and the death they cause, oneshots, {@code after} dependencies), the shutdown
 * flag and the log. Both wire formats call the same operations, which throw {@link Refusal} where zinit refuses; each
 * front end words the refusal its own way.
 *
 * <p>Every change of state happens under one lock, the timed transitions on one timer thread; a transition that was
 * scheduled before a service changed (see {@link SimulatedService#epoch}) or was forgotten does nothing.
 */
final class SimulatedSupervisor {
    private static final String START_MARKER = "------------ [start] ------------";
    /** Signals whose default action does not end a process. */
    private static final Set<Signal> HARMLESS = EnumSet.of(Signal.SIGCHLD, Signal.SIGCONT, Signal.SIGSTOP,
            Signal.SIGTSTP, Signal.SIGTTIN, Signal.SIGTTOU, Signal.SIGURG, Signal.SIGWINCH);

    private final Path configDir;
    private final SupervisorTiming timing;
    private final LogBuffer logs;
    private final Object lock = new Object();
    private final Map<String, SimulatedService> services = new HashMap<>();
    private final Map<String, Behavior> scripts = new HashMap<>();
    private int nextPid;
    private boolean shuttingDown;
    private boolean rebootRequested;
    private ScheduledExecutorService timer;

    /**
     * @param configDir where {@code monitor} reads {@code <name>.yaml}
     * @param timing    how long the steps take
     * @param logs      the log buffer the services write to
     * @param firstPid  the first fake pid handed out
     */
    SimulatedSupervisor(Path configDir, SupervisorTiming timing, LogBuffer logs, int firstPid) {
        this.configDir = configDir;
        this.timing = timing;
        this.logs = logs;
        this.nextPid = firstPid;
    }

    /** Starts the timer thread; transitions before this and after {@link #stop()} are dropped. */
    void start() {
        synchronized (lock) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "fake-zinit-timer");
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Stops the timer thread; the services keep the state they have. */
    void stop() {
        synchronized (lock) {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }

    /** {@return the config directory {@code monitor} reads from} */
    Path configDir() {
        return configDir;
    }

    // ---------------------------------------------------------------- what tests set and look at

    void script(String name, Behavior behavior) {
        synchronized (lock) {
            scripts.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(behavior, "behavior"));
        }
    }

    void setState(String name, ServiceState state) {
        synchronized (lock) {
            SimulatedService s = existing(name);
            s.epoch++;
            s.state = state.raw();
            if (state.any(StateKind.SPAWNED, StateKind.RUNNING)) {
                if (s.pid == 0) {
                    s.pid = nextPid++;
                }
            } else {
                s.pid = 0;
            }
            s.scheduled = s.pid != 0;
            changed();
        }
    }

    void setStatus(String name, int pid, ServiceState state, ServiceTarget target) {
        synchronized (lock) {
            SimulatedService s = existing(name);
            s.epoch++;
            s.pid = pid;
            s.state = state.raw();
            s.up = target == ServiceTarget.UP;
            s.scheduled = pid != 0;
            changed();
        }
    }

    Optional<String> state(String name) {
        synchronized (lock) {
            SimulatedService s = services.get(name);
            return s == null ? Optional.empty() : Optional.of(s.state);
        }
    }

    List<String> monitored() {
        synchronized (lock) {
            return services.keySet().stream().sorted().toList();
        }
    }

    boolean shutdownRequested() {
        synchronized (lock) {
            return shuttingDown;
        }
    }

    boolean rebootRequested() {
        synchronized (lock) {
            return rebootRequested;
        }
    }

    // ---------------------------------------------------------------- operations of both protocols

    Map<String, String> list() {
        synchronized (lock) {
            Map<String, String> out = new TreeMap<>();
            services.forEach((k, v) -> out.put(k, v.state));
            return out;
        }
    }

    /** {@return a service's status with the members in the order zinit's legacy answer has them} */
    Map<String, Object> statusBody(String name) {
        synchronized (lock) {
            SimulatedService s = find(name);
            Map<String, String> after = new TreeMap<>();
            for (String dep : s.config.after()) {
                SimulatedService d = services.get(dep);
                after.put(dep, d == null ? "Unknown" : d.state);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("after", after);
            body.put("name", s.name);
            body.put("pid", s.pid);
            body.put("state", s.state);
            body.put("target", s.up ? "Up" : "Down");
            return body;
        }
    }

    void start(String name) {
        synchronized (lock) {
            refuseWhenShuttingDown(name);
            SimulatedService s = find(name);
            s.up = true;
            // zinit starts a new watch, which does nothing while the old one still runs (a live process, or the pause
            // before a restart); otherwise the service is spawned again, a oneshot that finished included
            if (timing.startDelay().isZero()) {
                watch(s);
            } else {
                whileMonitored(timing.startDelay(), s, () -> watch(s));
            }
        }
    }

    /**
     * Sets the target down and sends the stop signal.
     *
     * @return the pid signalled, 0 when there was no process
     */
    int stop(String name) {
        synchronized (lock) {
            refuseWhenShuttingDown(name);
            return stopNow(find(name));
        }
    }

    private int stopNow(SimulatedService s) {
        s.up = false;
        if (s.pid != 0) {
            deliver(s, s.config.stopSignal().orElse(Signal.SIGTERM));
        }
        return s.pid;
    }

    /**
     * What zinit 0.2.28 does after its stop signal: wait, SIGKILL the process if it is still there, then check a few
     * times that it is gone. Runs on the caller's thread without holding the lock, so stops of different services
     * overlap as on the server.
     */
    void finishStop(String name, int pid) throws InterruptedException {
        if (pid == 0 || timing.stopAnswerDelay().isZero()) {
            return;
        }
        sleep(timing.stopAnswerDelay());
        synchronized (lock) {
            SimulatedService s = services.get(name);
            if (s == null || s.pid != pid) {
                return;
            }
            die(s, Signal.SIGKILL);
        }
        for (int i = 0; i < 5 && alive(name, pid); i++) {
            Thread.sleep(100);
        }
    }

    private boolean alive(String name, int pid) {
        synchronized (lock) {
            SimulatedService s = services.get(name);
            return s != null && s.pid == pid;
        }
    }

    /** zinit 0.2.28 samples CPU use over a while before {@code service_stats} answers. */
    void statsPause() throws InterruptedException {
        sleep(timing.statsDelay());
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        }
    }

    void monitor(String name) {
        synchronized (lock) {
            // zinit reads the file before anything else: a missing file is a config error even while shutting down
            ServiceConfig config = load(name);
            refuseWhenShuttingDown(name);
            if (services.containsKey(name)) {
                throw new Refusal(Refusal.Kind.ALREADY_MONITORED, name);
            }
            SimulatedService s = new SimulatedService(name, config);
            services.put(name, s);
            watch(s);
            changed();
        }
    }

    /** {@return the service file {@code <name>.yaml} of the config directory, parsed} */
    ServiceConfig load(String name) {
        Path file = configDir.resolve(name + ".yaml").normalize();
        if (!configDir.normalize().equals(file.getParent()) || !Files.isRegularFile(file)) {
            throw new Refusal(Refusal.Kind.CONFIG, name);
        }
        try {
            return ServiceConfig.fromYaml(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new Refusal(Refusal.Kind.CONFIG, name);
        }
    }

    void forget(String name) {
        synchronized (lock) {
            refuseWhenShuttingDown(name);
            SimulatedService s = find(name);
            if (s.up || s.pid != 0) {
                // zinit: a stopped service whose process still lives (it ignores the stop signal) is up too
                throw new Refusal(Refusal.Kind.IS_UP, name);
            }
            s.epoch++;
            services.remove(name);
            changed();
        }
    }

    void kill(String name, String signalName) {
        synchronized (lock) {
            refuseWhenShuttingDown(name);
            Signal signal = zinitSignal(signalName).orElseThrow(
                    () -> new Refusal(Refusal.Kind.INVALID_SIGNAL, name));
            SimulatedService s = find(name);
            if (s.pid == 0) {
                throw new Refusal(Refusal.Kind.IS_DOWN, name);
            }
            deliver(s, signal);
        }
    }

    /** zinit upper-cases the name and needs the full {@code SIG...} spelling. */
    static Optional<Signal> zinitSignal(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        for (Signal s : Signal.values()) {
            if (s.name().equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    void shutdown(boolean reboot) {
        synchronized (lock) {
            if (shuttingDown) {
                throw new Refusal(Refusal.Kind.SHUTTING_DOWN, "");
            }
            shuttingDown = true;
            rebootRequested = reboot;
            for (SimulatedService s : services.values()) {
                stopNow(s);
            }
        }
    }

    /** {@return the pid of a service's process} */
    int pidOf(String name) {
        synchronized (lock) {
            SimulatedService s = find(name);
            if (s.pid == 0) {
                throw new Refusal(Refusal.Kind.IS_DOWN, name);
            }
            return s.pid;
        }
    }

    private void refuseWhenShuttingDown(String name) {
        if (shuttingDown) {
            throw new Refusal(Refusal.Kind.SHUTTING_DOWN, name);
        }
    }

    private SimulatedService find(String name) {
        SimulatedService s = services.get(name);
        if (s == null) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, name);
        }
        return s;
    }

    /** Like {@link #find}, for a test's call rather than a client's: a wrong name is the test's mistake. */
    private SimulatedService existing(String name) {
        SimulatedService s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("the fake zinit does not monitor " + name);
        }
        return s;
    }

    // ---------------------------------------------------------------- the watch loop (all under the lock)

    private Behavior behavior(SimulatedService s) {
        Behavior b = scripts.get(s.name);
        if (b != null) {
            return b;
        }
        return s.config.oneshot() ? Behavior.exitsAfter(timing.oneshotTime(), 0) : Behavior.longRunning();
    }

    /**
     * As zinit: a dependency is ready once a service runs or a oneshot succeeded; a running oneshot is not ready yet
     * (transcripts: the dependant stays Blocked while its oneshot dependency is Running).
     */
    private boolean depsReady(SimulatedService s) {
        for (String dep : s.config.after()) {
            SimulatedService d = services.get(dep);
            boolean ready = d != null
                    && (d.state.equals("Success") || (d.state.equals("Running") && !d.config.oneshot()));
            if (!ready) {
                return false;
            }
        }
        return true;
    }

    /** zinit's {@code watch}: one loop per service at a time; a second one (a start while it runs) does nothing. */
    private void watch(SimulatedService s) {
        if (!s.up || s.scheduled) {
            return;
        }
        s.scheduled = true;
        round(s);
    }

    /** One turn of the watch loop: leave when the target is down, wait for the dependencies, spawn. */
    private void round(SimulatedService s) {
        if (!s.up || shuttingDown) {
            s.scheduled = false;
            return;
        }
        if (!depsReady(s)) {
            s.state = "Blocked";
            s.pid = 0;
            return; // changed() goes on once the dependencies are ready
        }
        spawn(s);
    }

    private void spawn(SimulatedService s) {
        long epoch = ++s.epoch;
        Behavior b = behavior(s);
        if (b.failsToStart()) {
            s.state = "Failure";
            s.pid = 0;
            s.scheduled = false;
            return;
        }
        s.pid = nextPid++;
        logs.append("[-] " + s.name + ": " + START_MARKER);
        for (String line : b.output()) {
            logs.append("[+] " + s.name + ": " + line);
        }
        for (String line : b.errors()) {
            logs.append("[-] " + s.name + ": " + line);
        }
        if (b.tickPeriod() != null) {
            tick(s, b, epoch, 0);
        }
        if (b.runTime() != null) {
            later(b.runTime(), s, epoch, () -> exited(s, b));
        }
        if (b.spawnTime() != null && !b.spawnTime().isZero()) {
            s.state = "Spawned";
            later(b.spawnTime(), s, epoch, () -> {
                s.state = "Running";
                changed();
            });
        } else if (s.config.oneshot() || b.spawnTime() != null) {
            s.state = "Running"; // zinit runs no test for a oneshot
        } else {
            s.state = "Spawned";
            runTest(s, b, epoch, 0);
        }
    }

    /**
     * zinit runs the test until it passes, pausing between runs; each run is logged as {@code <name>/test}. Without
     * a test the (empty) test passes after a moment: zinit shows {@code Spawned} for a few milliseconds.
     */
    private void runTest(SimulatedService s, Behavior b, long epoch, int run) {
        boolean hasTest = s.config.test().isPresent();
        if (hasTest) {
            logs.append("[-] " + s.name + "/test: " + START_MARKER);
        }
        later(timing.spawnTime(), s, epoch, () -> {
            if (hasTest && run < b.failingTests()) {
                later(timing.testRetryDelay(), s, epoch, () -> runTest(s, b, epoch, run + 1));
            } else {
                s.state = "Running";
                changed();
            }
        });
    }

    private void exited(SimulatedService s, Behavior b) {
        int pid = s.pid;
        s.pid = 0;
        s.epoch++;
        if (b.exitSignal() != null) {
            s.state = ServiceState.signaled(pid, b.exitSignal()).raw();
        } else if (b.exitCode() == 0) {
            s.state = "Success";
        } else {
            s.state = ServiceState.exited(pid, b.exitCode()).raw();
        }
        ended(s);
    }

    private void tick(SimulatedService s, Behavior b, long epoch, long n) {
        later(b.tickPeriod(), s, epoch, () -> {
            logs.append("[+] " + s.name + ": " + b.tickPrefix() + n);
            tick(s, b, epoch, n + 1);
        });
    }

    private void deliver(SimulatedService s, Signal signal) {
        if (HARMLESS.contains(signal) || behavior(s).ignored().contains(signal)) {
            return;
        }
        long epoch = s.epoch;
        later(timing.stopTime(), s, epoch, () -> die(s, signal));
    }

    private void die(SimulatedService s, Signal signal) {
        int pid = s.pid;
        s.pid = 0;
        s.epoch++;
        s.state = ServiceState.signaled(pid, signal).raw();
        ended(s);
    }

    /** zinit: a oneshot's loop ends with its process; any other pauses, then goes round again (target permitting). */
    private void ended(SimulatedService s) {
        changed();
        if (s.config.oneshot() || shuttingDown) {
            s.scheduled = false;
            return;
        }
        later(timing.restartDelay(), s, s.epoch, () -> {
            round(s);
            changed();
        });
    }

    /** Runs a transition later, unless the service changed (new epoch) or was forgotten meanwhile. */
    private void later(Duration delay, SimulatedService s, long epoch, Runnable transition) {
        if (timer == null || timer.isShutdown()) {
            return;
        }
        timer.schedule(() -> {
            synchronized (lock) {
                if (services.get(s.name) == s && s.epoch == epoch) {
                    transition.run();
                }
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs an action later, unless the service was forgotten meanwhile. */
    private void whileMonitored(Duration delay, SimulatedService s, Runnable action) {
        if (timer == null || timer.isShutdown()) {
            return;
        }
        timer.schedule(() -> {
            synchronized (lock) {
                if (services.get(s.name) == s) {
                    action.run();
                    changed();
                }
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Lets blocked watch loops go on once their dependencies are ready (zinit notifies them on every change). */
    private void changed() {
        boolean again = true;
        while (again) {
            again = false;
            for (SimulatedService s : services.values()) {
                if (s.scheduled && s.pid == 0 && s.state.equals("Blocked") && depsReady(s)) {
                    round(s);
                    again = true;
                }
            }
        }
    }
}
