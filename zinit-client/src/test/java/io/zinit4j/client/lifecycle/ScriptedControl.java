package io.zinit4j.client.lifecycle;

import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.error.ServiceIsDownException;
import io.zinit4j.error.ServiceIsUpException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * An in-memory zinit for lifecycle tests: services with a state, target and pid, reactions to start/stop/kill that
 * schedule state changes on the {@link FakeClock}, and a record of every call. Behaviour follows PROTOCOL.md "States
 * and targets": stop sets the target Down at once and the state changes when the process dies.
 */
final class ScriptedControl implements ServiceControl {
    /** One scripted service. */
    final class Svc {
        final String name;
        ServiceState state = ServiceState.of(StateKind.UNKNOWN);
        ServiceTarget target = ServiceTarget.DOWN;
        int pid;
        final List<long[]> dueTimes = new ArrayList<>();
        final List<Consumer<Svc>> dueActions = new ArrayList<>();
        Consumer<Svc> onStart = s -> { };
        /** Whether start runs {@link #onStart} even when the target is up already (zinit respawns an ended service). */
        boolean respawnOnStart;
        Consumer<Svc> onStop = s -> { };
        BiConsumer<Svc, Signal> onKill = (s, sig) -> { };
        final List<Long> statusCalls = new ArrayList<>();

        Svc(String name) {
            this.name = name;
        }

        Svc set(StateKind kind, int pid) {
            return set(ServiceState.of(kind), pid);
        }

        Svc set(ServiceState state, int pid) {
            this.state = state;
            this.pid = pid;
            return this;
        }

        Svc target(ServiceTarget t) {
            this.target = t;
            return this;
        }

        /** Runs an action once the fake clock has moved on by the given time from now. */
        Svc after(long millis, Consumer<Svc> action) {
            dueTimes.add(new long[] {clock.nanoTime() + millis * 1_000_000L});
            dueActions.add(action);
            return this;
        }

        /** The process dies by the given signal: Error(Signaled(pid, sig)) with pid 0. */
        void dies(Signal sig) {
            set(ServiceState.signaled(pid == 0 ? 1 : pid, sig), 0);
        }

        void applyDue() {
            boolean again = true;
            while (again) {
                again = false;
                for (int i = 0; i < dueTimes.size(); i++) {
                    if (clock.nanoTime() - dueTimes.get(i)[0] >= 0) {
                        dueTimes.remove(i);
                        Consumer<Svc> a = dueActions.remove(i);
                        a.accept(this);
                        again = true;
                        break;
                    }
                }
            }
        }

        ServiceStatus status() {
            return new ServiceStatus(name, pid, state, target, Map.of());
        }
    }

    private final FakeClock clock;
    private final Map<String, Svc> services = new HashMap<>();
    final Set<String> files = new HashSet<>();
    /** The services whose file says {@code oneshot: true}. */
    final Set<String> oneshots = new HashSet<>();
    final List<String> calls = new ArrayList<>();
    int nextPid = 100;

    ScriptedControl(FakeClock clock) {
        this.clock = clock;
    }

    /** Adds a monitored service, with a file. */
    Svc add(String name) {
        Svc s = new Svc(name);
        services.put(name, s);
        files.add(name);
        return s;
    }

    /** A long-running service: Running with target Up; stop kills it with SIGTERM after the given delay. */
    Svc running(String name, long dieAfterStopMillis) {
        Svc s = add(name).set(StateKind.RUNNING, nextPid++).target(ServiceTarget.UP);
        s.onStop = x -> x.after(dieAfterStopMillis, y -> y.dies(Signal.SIGTERM));
        s.onKill = (x, sig) -> {
            if (sig == Signal.SIGKILL) {
                x.dies(Signal.SIGKILL);
            }
        };
        return s;
    }

    /** A stopped service that, once started, is Spawned at once and Running after the given delay. */
    Svc startsAfter(String name, long millis) {
        Svc s = add(name).set(StateKind.UNKNOWN, 0).target(ServiceTarget.DOWN);
        s.onStart = x -> {
            x.set(StateKind.SPAWNED, nextPid++);
            x.after(millis, y -> y.set(StateKind.RUNNING, y.pid));
        };
        return s;
    }

    /** Removes a service behind the client's back, as another client's forget would. */
    void forgetNow(String name) {
        services.remove(name);
    }

    synchronized List<String> names() {
        return new ArrayList<>(services.keySet());
    }

    Svc svc(String name) {
        return services.get(name);
    }

    boolean knows(String name) {
        return services.containsKey(name);
    }

    List<Long> statusCalls(String name) {
        return services.get(name).statusCalls;
    }

    private Svc known(String name, String op) {
        Svc s = services.get(name);
        if (s == null) {
            throw new ServiceNotFoundException(op + ": service '" + name + "' not found",
                    "service '" + name + "' not found", -32000, null);
        }
        s.applyDue();
        return s;
    }

    /** The fake-clock times of the list calls. */
    final List<Long> listCalls = new ArrayList<>();

    @Override
    public synchronized Map<String, ServiceState> list() {
        calls.add("list");
        listCalls.add(clock.elapsedNanos());
        Map<String, ServiceState> out = new java.util.LinkedHashMap<>();
        for (Svc s : services.values()) {
            s.applyDue();
            out.put(s.name, s.state);
        }
        return out;
    }

    @Override
    public synchronized ServiceStatus status(String name) {
        calls.add("status " + name);
        Svc s = known(name, "status");
        s.statusCalls.add(clock.elapsedNanos());
        return s.status();
    }

    @Override
    public synchronized void start(String name) {
        calls.add("start " + name);
        Svc s = known(name, "start");
        boolean wasUp = s.target == ServiceTarget.UP;
        s.target = ServiceTarget.UP;
        if (!wasUp || s.respawnOnStart) {
            s.onStart.accept(s);
        }
    }

    @Override
    public synchronized void stop(String name) {
        calls.add("stop " + name);
        Svc s = known(name, "stop");
        s.target = ServiceTarget.DOWN;
        s.onStop.accept(s);
    }

    @Override
    public synchronized void monitor(String name) {
        calls.add("monitor " + name);
        if (services.containsKey(name)) {
            throw new ServiceAlreadyMonitoredException("service '" + name + "' already monitored",
                    "service already monitored", -32001, null);
        }
        if (!files.contains(name)) {
            throw new ServiceNotFoundException("no file for '" + name + "'", "not found", -32000, null);
        }
        Svc s = new Svc(name);
        services.put(name, s);
        s.target = ServiceTarget.UP;
        s.set(StateKind.RUNNING, nextPid++);
    }

    @Override
    public synchronized void forget(String name) {
        calls.add("forget " + name);
        Svc s = known(name, "forget");
        if (s.target == ServiceTarget.UP || !s.state.exited() && s.pid != 0) {
            throw new ServiceIsUpException("service '" + name + "' is up", "service is up", -32002, null);
        }
        services.remove(name);
    }

    @Override
    public synchronized void kill(String name, Signal signal) {
        calls.add("kill " + name + " " + signal);
        Svc s = known(name, "kill");
        if (s.pid == 0) {
            throw new ServiceIsDownException("service '" + name + "' is down", "service is down", -32003, null);
        }
        s.onKill.accept(s, signal);
    }

    @Override
    public synchronized boolean removeService(String name) {
        calls.add("remove " + name);
        return files.remove(name);
    }

    @Override
    public synchronized ServiceConfig loadService(String name) {
        calls.add("load " + name);
        if (!files.contains(name)) {
            throw new ServiceNotFoundException("no file for '" + name + "'", "not found", -32000, null);
        }
        return ServiceConfig.builder().exec("true").oneshot(oneshots.contains(name)).build();
    }

    synchronized long exact(String call) {
        return calls.stream().filter(call::equals).count();
    }

    synchronized long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }
}
