package io.zinit4j.cli;

import io.zinit4j.client.ServerVersion;
import io.zinit4j.client.ServiceStats;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.StateKind;

/**
 * What the command-line tests run against: a zinit they can seed, and the factory that makes clients for it. One
 * implementation per target (the in-memory test double now; the fake server in both protocols later), so that
 * {@link ZinitCtlContractTest} runs unchanged against each.
 */
interface CliBackend extends AutoCloseable {
    /** @return makes clients of this backend from the parsed global options */
    ClientFactory factory();

    /** @return makes clients whose socket cannot be reached */
    ClientFactory unreachable();

    /** Seeds a monitored service with its file and a state. */
    void service(String name, ServiceConfig config, StateKind kind);

    /** Seeds a service file that nothing monitors yet. */
    void file(String name, ServiceConfig config);

    /** Seeds zinit's log ring with raw lines such as {@code [+] web: hello}. */
    void log(String... rawLines);

    /** Makes the next status calls of a service report these states, one per call. */
    void script(String name, ServiceState... states);

    /** Sets what the server says its version is. */
    void version(ServerVersion version);

    /** Sets the stats the server reports for every service. */
    void stats(ServiceStats stats);

    /** @return whether the server received a shutdown or reboot request of this kind ("shutdown", "reboot") */
    boolean received(String request);

    @Override
    default void close() {
    }
}
