package io.zinit4j.error;

import io.zinit4j.model.ServiceStatus;

/**
 * A service that was being waited for failed (error, failure, or a test failure that does not recover), so the wait
 * ended early instead of running out its timeout. {@link #status()} is the status that showed the failure.
 */
public class ServiceFailedException extends ZinitException {
    private static final long serialVersionUID = 1L;

    private final transient ServiceStatus status;

    /**
     * Creates the error a wait ends with when a service it waited for failed.
     *
     * @param message what was awaited and how the service failed
     * @param status  the status that showed the failure
     */
    public ServiceFailedException(String message, ServiceStatus status) {
        super(message);
        this.status = status;
    }

    /** {@return the status that showed the failure} */
    public ServiceStatus status() {
        return status;
    }
}
