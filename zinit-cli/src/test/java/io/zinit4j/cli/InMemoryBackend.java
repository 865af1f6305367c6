package io.zinit4j.cli;

import io.zinit4j.client.ServerVersion;
import io.zinit4j.client.ServiceStats;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.StateKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI tests against {@link InMemoryZinitClient}, a map-backed test double (no socket). */
final class InMemoryBackend implements CliBackend {
    final InMemoryZinitClient zinit = new InMemoryZinitClient();
    /** The global options each client was made from, in order. */
    final List<GlobalOptions> made = new ArrayList<>();

    @Override
    public ClientFactory factory() {
        return options -> {
            made.add(options);
            return zinit;
        };
    }

    @Override
    public ClientFactory unreachable() {
        return options -> {
            made.add(options);
            Path socket = options.socket() == null ? Path.of("/var/run/zinit.sock") : options.socket();
            InMemoryZinitClient down = new InMemoryZinitClient();
            down.failure = () -> new ZinitConnectionException(socket, "cannot connect to zinit at " + socket
                    + ": no such socket (is zinit running? set ZINIT_SOCKET or -s)", null);
            return down;
        };
    }

    @Override
    public void service(String name, ServiceConfig config, StateKind kind) {
        zinit.put(name, config, kind);
    }

    @Override
    public void file(String name, ServiceConfig config) {
        zinit.files.put(name, config);
    }

    @Override
    public void log(String... rawLines) {
        zinit.log.addAll(List.of(rawLines));
    }

    @Override
    public void script(String name, ServiceState... states) {
        zinit.services.get(name).script.addAll(List.of(states));
    }

    @Override
    public void version(ServerVersion version) {
        zinit.version = version;
    }

    @Override
    public void stats(ServiceStats stats) {
        zinit.stats = stats;
    }

    @Override
    public boolean received(String request) {
        return zinit.calls.contains(request);
    }
}
