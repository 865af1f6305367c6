package io.zinit4j.client.lifecycle;

import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.Signal;
import java.util.Map;

/**
 * The operations waits are built from; {@link io.zinit4j.client.ZinitClient} provides them, tests and benchmarks
 * script them. {@link Lifecycle} relies on the typed errors below to tell the expected cases (an unknown service, a
 * process that already died) from real failures. Implementations are thread-safe.
 */
public interface ServiceControl {
    /**
     * Every monitored service's state in one call: a wait or watch on several services polls with it, so that its load
     * on the server does not grow with their number. The default cannot list, and such waits poll {@link #status}
     * service by service (within the same limit of calls per second, so more slowly).
     *
     * @return every monitored service and its state
     * @throws UnsupportedOperationException when this control cannot list (the default)
     */
    default Map<String, ServiceState> list() {
        throw new UnsupportedOperationException("this ServiceControl cannot list");
    }

    /**
     * {@return the service's status as zinit reports it now}
     *
     * @param name a service
     * @throws io.zinit4j.error.ServiceNotFoundException when zinit does not know it
     */
    ServiceStatus status(String name);

    /**
     * Sets the service's target up; returns without waiting for it to run.
     *
     * @param name a service to start (set its target up)
     * @throws io.zinit4j.error.ServiceNotFoundException when zinit does not know it
     */
    void start(String name);

    /**
     * Sets the service's target down; returns without waiting for it to exit.
     *
     * @param name a service to stop (set its target down and send its stop signal)
     * @throws io.zinit4j.error.ServiceNotFoundException when zinit does not know it
     */
    void stop(String name);

    /**
     * Makes zinit read the service's file and start it.
     *
     * @param name a service to monitor (load its file and start it)
     * @throws io.zinit4j.error.ServiceAlreadyMonitoredException when zinit monitors it already
     */
    void monitor(String name);

    /**
     * Makes zinit stop monitoring a stopped service.
     *
     * @param name a stopped service to forget
     * @throws io.zinit4j.error.ServiceNotFoundException when zinit does not know it
     */
    void forget(String name);

    /**
     * Sends a signal to the service's process.
     *
     * @param name   a service
     * @param signal a signal for its process
     * @throws io.zinit4j.error.ServiceNotFoundException when zinit does not know it
     * @throws io.zinit4j.error.ServiceIsDownException   when it has no process
     */
    void kill(String name, Signal signal);

    /**
     * {@return whether a file was deleted}
     *
     * @param name a service whose file to delete
     */
    boolean removeService(String name);

    /**
     * Reads a service file; a start wait reads it once to learn whether the service is a oneshot (the status does not
     * say). The default cannot read files, and the waits then treat the service as not being a oneshot.
     *
     * @param name a service
     * @return its file
     * @throws UnsupportedOperationException when this control cannot read service files (the default)
     * @throws io.zinit4j.error.ZinitException when the file is missing or cannot be read
     */
    default ServiceConfig loadService(String name) {
        throw new UnsupportedOperationException("this ServiceControl reads no service files");
    }
}
