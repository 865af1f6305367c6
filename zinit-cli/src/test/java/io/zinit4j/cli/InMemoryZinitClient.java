package io.zinit4j.cli;

import io.zinit4j.client.LogStream;
import io.zinit4j.client.Protocol;
import io.zinit4j.client.ServerVersion;
import io.zinit4j.client.ServiceStats;
import io.zinit4j.client.SocketChoice;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.lifecycle.ServiceWatch;
import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.error.ServiceFileException;
import io.zinit4j.error.ServiceIsUpException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.model.Filter;
import io.zinit4j.model.LogLine;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceNames;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A TEST DOUBLE of {@link ZinitClient}: a map of services and a map of files in memory, no socket, no protocol. It
 * behaves like zinit where the CLI's tests need it (unknown services fail, monitor needs a file, forget needs a stopped
 * service) and records every call in {@link #calls}. Waits complete at once. Not thread-safe; one per test.
 */
final class InMemoryZinitClient implements ZinitClient {
    /** One monitored service. */
    static final class Svc {
        ServiceState state;
        ServiceTarget target;
        int pid;
        /** States to report on the next status calls, one per call, before {@link #state}. */
        final Deque<ServiceState> script = new ArrayDeque<>();

        Svc(ServiceState state, ServiceTarget target, int pid) {
            this.state = state;
            this.target = target;
            this.pid = pid;
        }
    }

    final Map<String, Svc> services = new TreeMap<>();
    final Map<String, ServiceConfig> files = new TreeMap<>();
    final List<String> calls = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    ServerVersion version = ServerVersion.unknown("no version");
    Protocol protocol = Protocol.LEGACY;
    ServiceStats stats;
    /** When set, every server operation throws what it supplies (a connection failure, a timeout). */
    Supplier<? extends ZinitException> failure;
    boolean closed;
    private int nextPid = 100;

    void put(String name, ServiceConfig config, StateKind kind) {
        files.put(name, config);
        boolean up = kind != StateKind.SUCCESS && kind != StateKind.UNKNOWN;
        services.put(name, new Svc(ServiceState.of(kind), up ? ServiceTarget.UP : ServiceTarget.DOWN,
                kind == StateKind.RUNNING || kind == StateKind.SPAWNED ? nextPid++ : 0));
    }

    private void call(String what) {
        calls.add(what);
        if (failure != null) {
            throw failure.get();
        }
    }

    private Svc svc(String name) {
        ServiceNames.validate(name);
        Svc s = services.get(name);
        if (s == null) {
            throw new ServiceNotFoundException("service '" + name + "' is not monitored by zinit", "service unknown",
                    null, null);
        }
        return s;
    }

    @Override
    public SocketChoice socketChoice() {
        return new SocketChoice(Path.of("/test/zinit.sock"), "in-memory test double");
    }

    @Override
    public Protocol protocol() {
        call("protocol");
        return protocol;
    }

    @Override
    public Map<String, ServiceState> list() {
        call("list");
        Map<String, ServiceState> m = new LinkedHashMap<>();
        services.forEach((k, v) -> m.put(k, v.state));
        return m;
    }

    @Override
    public ServiceStatus status(String name) {
        call("status " + name);
        Svc s = svc(name);
        if (!s.script.isEmpty()) {
            s.state = s.script.removeFirst();
        }
        Map<String, ServiceState> after = new LinkedHashMap<>();
        ServiceConfig c = files.get(name);
        if (c != null) {
            for (String dep : c.after()) {
                Svc d = services.get(dep);
                after.put(dep, d == null ? ServiceState.of(StateKind.UNKNOWN) : d.state);
            }
        }
        return new ServiceStatus(name, s.pid, s.state, s.target, after);
    }

    @Override
    public boolean exists(String name) {
        call("exists " + name);
        return services.containsKey(ServiceNames.validate(name));
    }

    @Override
    public ServiceConfig get(String name) {
        call("get " + name);
        svc(name);
        return loadFile(name);
    }

    @Override
    public void start(String name) {
        call("start " + name);
        Svc s = svc(name);
        s.target = ServiceTarget.UP;
        s.state = ServiceState.of(StateKind.RUNNING);
        s.pid = nextPid++;
    }

    @Override
    public void stop(String name) {
        call("stop " + name);
        Svc s = svc(name);
        s.target = ServiceTarget.DOWN;
        s.state = ServiceState.signaled(s.pid, Signal.SIGTERM);
        s.pid = 0;
    }

    @Override
    public void monitor(String name) {
        call("monitor " + name);
        ServiceNames.validate(name);
        if (services.containsKey(name)) {
            throw new ServiceAlreadyMonitoredException("service '" + name + "' is already monitored",
                    "service already monitored", null, null);
        }
        loadFile(name);
        services.put(name, new Svc(ServiceState.of(StateKind.RUNNING), ServiceTarget.UP, nextPid++));
    }

    @Override
    public void forget(String name) {
        call("forget " + name);
        Svc s = svc(name);
        if (s.target == ServiceTarget.UP) {
            throw new ServiceIsUpException("service '" + name + "' is up; stop it first", "service is up", null, null);
        }
        services.remove(name);
    }

    @Override
    public void kill(String name, Signal signal) {
        call("kill " + name + " " + signal.name());
        svc(name);
    }

    @Override
    public void shutdown() {
        call("shutdown");
    }

    @Override
    public void reboot() {
        call("reboot");
    }

    @Override
    public LogStream logs(String service) {
        call("logs " + service);
        return stream(service);
    }

    @Override
    public LogStream followLogs(String service) {
        call("followLogs " + service);
        return stream(service);
    }

    private LogStream stream(String service) {
        Deque<LogLine> lines = new ArrayDeque<>();
        for (String l : log) {
            LogLine p = LogLine.parse(l);
            if (service == null || p.belongsTo(service)) {
                lines.add(p);
            }
        }
        return new LogStream() {
            @Override
            public LogLine next() {
                return lines.pollFirst();
            }

            @Override
            public void close() {
                lines.clear();
            }
        };
    }

    @Override
    public boolean addService(String name, ServiceConfig config) {
        call("addService " + name);
        ServiceNames.validate(name);
        return !config.equals(files.put(name, config));
    }

    @Override
    public boolean removeService(String name) {
        call("removeService " + name);
        return files.remove(ServiceNames.validate(name)) != null;
    }

    @Override
    public ServiceConfig loadService(String name) {
        call("loadService " + name);
        return loadFile(ServiceNames.validate(name));
    }

    private ServiceConfig loadFile(String name) {
        ServiceConfig c = files.get(name);
        if (c == null) {
            throw new ServiceFileException("no service file for '" + name + "'", "no such file", null, null);
        }
        return c;
    }

    @Override
    public List<String> matches(Filter... filters) {
        call("matches");
        Filter all = Filter.all(List.of(filters));
        List<String> out = new ArrayList<>();
        services.forEach((name, s) -> {
            if (all.test(new Filter.Candidate(name, files.get(name), s.state))) {
                out.add(name);
            }
        });
        return out;
    }

    @Override
    public ServiceStats stats(String name) {
        call("stats " + name);
        svc(name);
        return Optional.ofNullable(stats).orElseThrow(() -> new IllegalStateException("no stats scripted"));
    }

    @Override
    public String startHttpServer(String address) {
        throw new UnsupportedOperationException("not used by zinitctl");
    }

    @Override
    public void stopHttpServer() {
        throw new UnsupportedOperationException("not used by zinitctl");
    }

    @Override
    public String discover() {
        throw new UnsupportedOperationException("not used by zinitctl");
    }

    @Override
    public ServerVersion version() {
        call("version");
        return version;
    }

    @Override
    public void startWait(Duration timeout, String name) {
        call("startWait " + timeout + " " + name);
        start(name);
    }

    @Override
    public void stopWait(Duration timeout, String name) {
        call("stopWait " + timeout + " " + name);
        stop(name);
    }

    @Override
    public void startMultiple(Duration timeout, String... names) {
        call("startMultiple " + timeout + " " + String.join(" ", names));
        for (String n : names) {
            start(n);
        }
    }

    @Override
    public void stopMultiple(Duration timeout, String... names) {
        call("stopMultiple " + timeout + " " + String.join(" ", names));
        for (String n : names) {
            stop(n);
        }
    }

    @Override
    public void destroy(Duration timeout, String... names) {
        call("destroy " + timeout + " " + String.join(" ", names));
        for (String n : names) {
            ServiceNames.validate(n);
            services.remove(n);
            files.remove(n);
        }
    }

    @Override
    public void restart(Duration timeout, String name) {
        call("restart " + timeout + " " + name);
        stop(name);
        start(name);
    }

    @Override
    public void pause(String name) {
        kill(name, Signal.SIGSTOP);
    }

    @Override
    public void resume(String name) {
        kill(name, Signal.SIGCONT);
    }

    @Override
    public ServiceWatch watch(String... names) {
        throw new UnsupportedOperationException("not used by zinitctl");
    }

    @Override
    public void close() {
        closed = true;
    }
}
