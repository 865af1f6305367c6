package io.zinit4j.client.internal.protocol;

import io.zinit4j.client.LogStream;
import io.zinit4j.client.Protocol;
import io.zinit4j.client.ServiceStats;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.Signal;
import java.util.Map;

/**
 * One protocol generation's way of carrying each zinit operation. The typed API never branches on the generation
 * except through this interface. Implementations are thread-safe; service names reach them already validated, and they
 * check again what their wire format cannot carry. Operations the generation lacks throw {@link
 * io.zinit4j.error.UnsupportedByServerException}.
 */
public interface ZinitCodec extends AutoCloseable {

    /** @return {@link Protocol#LEGACY} or {@link Protocol#JSON_RPC} */
    Protocol generation();

    /** @return every monitored service and its state */
    Map<String, ServiceState> list();

    /**
     * @param name a service
     * @return its status
     */
    ServiceStatus status(String name);

    /** @param name a service to start (target up) */
    void start(String name);

    /** @param name a service to stop (target down, stop signal sent) */
    void stop(String name);

    /** @param name a service whose file zinit should load and keep running */
    void monitor(String name);

    /** @param name a stopped service zinit should forget */
    void forget(String name);

    /**
     * @param name   a service
     * @param signal the signal to send to its process
     */
    void kill(String name, Signal signal);

    /** Stops every service and ends zinit (the node powers off when zinit is PID 1 outside container mode). */
    void shutdown();

    /** Stops every service and reboots (ends zinit in container mode). */
    void reboot();

    /**
     * @param service only this service's lines (and its test's), or {@code null} for all
     * @param follow  {@code false} for the buffered lines only, {@code true} to follow new lines until closed
     * @return the lines
     */
    LogStream logs(String service, boolean follow);

    /**
     * Creates a service file through the server (JSON-RPC only).
     *
     * @param name   the service
     * @param config its file
     */
    void createService(String name, ServiceConfig config);

    /**
     * Deletes a service file through the server (JSON-RPC only).
     *
     * @param name the service
     */
    void deleteService(String name);

    /**
     * Reads a service file through the server (JSON-RPC only; {@code service_get}).
     *
     * @param name the service
     * @return its file
     */
    ServiceConfig loadService(String name);

    /**
     * @param name a running service (JSON-RPC only)
     * @return its resource use
     */
    ServiceStats stats(String name);

    /**
     * @param address where zinit's HTTP proxy should listen, e.g. {@code 127.0.0.1:8080} (JSON-RPC only)
     * @return the server's confirmation text
     */
    String startHttpServer(String address);

    /** Stops zinit's HTTP proxy (JSON-RPC only). */
    void stopHttpServer();

    /** @return the server's OpenRPC document as JSON text (JSON-RPC only) */
    String discover();

    /** Releases connections; idempotent. */
    @Override
    void close();
}
