package io.zinit4j.it;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.model.ServiceConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One zinit the scenario suite runs against: a container, a local binary, an already-running server, or the fake.
 * A target is shared by every scenario of one test class, so scenarios use unique service names and clean up.
 *
 * <p>Implementations open in a static {@code open()} that calls {@link org.junit.jupiter.api.Assumptions#abort} with
 * one line saying why when the target is not available here; {@link ZinitScenarios} calls it once per class, so a
 * missing target is one skip, never a failure.
 */
public interface ZinitTarget extends AutoCloseable {

    /** @return a short name for reports, e.g. {@code container zinit 0.2.28} */
    String name();

    /** @return the socket of the server */
    Path socket();

    /** @return the config directory the server reads (used by the client for legacy servers) */
    Path configDir();

    /**
     * @return a client for this target with the suite's settings: its socket and config dir, protocol detected,
     *         timeouts short enough that a wedged server fails a test instead of stalling the build
     */
    default ZinitClient newClient() {
        return ZinitClient.builder()
                .socket(socket())
                .configDir(configDir())
                .protocol(Protocol.AUTO)
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Writes a service file the way this target's server will read it. The default goes through the client, which
     * sends it to a JSON-RPC server (0.2.15+ read only their own /etc/zinit) or writes it into {@link #configDir()}
     * for a legacy one.
     *
     * @param client a client of this target
     * @param name   the service
     * @param config its file
     */
    default void writeService(ZinitClient client, String name, ServiceConfig config) {
        client.addService(name, config);
    }

    /** @return how long zinit pauses after a process ended before its loop goes round again (2 s in zinit) */
    default Duration restartPause() {
        return Duration.ofSeconds(2);
    }

    /**
     * @return whether {@link #another()} gives a fresh server of the same kind, for scenarios that end zinit (shutdown,
     *         reboot); false for a server the suite did not start
     */
    default boolean disposable() {
        return false;
    }

    /**
     * @return a fresh, started server of the same kind and release, for one scenario that ends it
     * @throws UnsupportedOperationException when this target is not {@link #disposable()}
     */
    default ZinitTarget another() {
        throw new UnsupportedOperationException(name() + " cannot be started again");
    }

    /** Stops what this target started; an external server is left running. */
    @Override
    void close();
}
