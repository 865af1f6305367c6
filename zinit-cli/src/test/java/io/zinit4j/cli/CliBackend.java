package io.zinit4j.cli;

import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.StateKind;
import java.util.List;

/**
 * What the command-line tests run against: a zinit they can seed, the global options that point {@code zinitctl} at
 * it, and the factory that makes clients for it. One implementation per target (the fake server in either protocol
 * now; a real zinit could be another), so that {@link ZinitCtlContractTest} runs unchanged against each.
 */
interface CliBackend extends AutoCloseable {
    /** @return makes clients from the parsed global options, waiting with the test's scripted clock */
    ClientFactory factory();

    /** @return the global options every run starts with (socket, config directory, protocol) */
    List<String> globalArgs();

    /** Seeds a monitored service with its file and a state. */
    void service(String name, ServiceConfig config, StateKind kind);

    /** Seeds a service file that nothing monitors yet. */
    void file(String name, ServiceConfig config);

    /** Seeds zinit's log ring with raw lines such as {@code [+] web: hello}. */
    void log(String... rawLines);

    /**
     * Makes a service report these states: the first now, each next one after the next sleep of the scripted clock
     * (the last one stays).
     */
    void script(String name, ServiceState... states);

    /** Called on every sleep of the scripted clock: moves scripted states on and lets the server's timers run. */
    void tick();

    /** @return whether the server received a shutdown or reboot request of this kind ("shutdown", "reboot") */
    boolean received(String request);

    /** Stops the server, closing every connection (ends a followed log). */
    void stopServer();

    @Override
    void close();
}
