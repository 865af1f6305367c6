package io.zinit4j.client.lifecycle;

import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.Signal;

/**
 * The operations waits are built from; {@link io.zinit4j.client.ZinitClient} provides them, tests can script them.
 * Implementations are thread-safe.
 */
public interface ServiceControl {
    /**
     * @param name a service
     * @return its status
     * @throws io.zinit4j.error.ServiceNotFoundException when zinit does not know it
     */
    ServiceStatus status(String name);

    /** @param name a service to start */
    void start(String name);

    /** @param name a service to stop */
    void stop(String name);

    /** @param name a service to monitor */
    void monitor(String name);

    /** @param name a stopped service to forget */
    void forget(String name);

    /**
     * @param name   a service
     * @param signal a signal for its process
     */
    void kill(String name, Signal signal);

    /**
     * @param name a service whose file to delete
     * @return whether a file was deleted
     */
    boolean removeService(String name);
}
