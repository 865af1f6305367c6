package io.zinit4j.error;

import io.zinit4j.model.ServiceStatus;
import java.util.Map;

/**
 * A wait ran out of time before the services reached the wanted state. {@link #lastSeen()} holds the last status
 * observed for each service that did not get there (a service never seen at all is absent).
 *
 * <p>It is a {@link ZinitTimeoutException}, so one catch block covers every way of running out of time: a server that
 * does not answer and a service that does not get there.
 */
public class WaitTimeoutException extends ZinitTimeoutException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, ServiceStatus> lastSeen;

    /**
     * Creates the error a wait ends with when its deadline passed; the map is copied.
     *
     * @param message  what was awaited and for how long
     * @param lastSeen the last status seen per service that did not make it
     */
    public WaitTimeoutException(String message, Map<String, ServiceStatus> lastSeen) {
        super(message);
        this.lastSeen = Map.copyOf(lastSeen);
    }

    /** {@return the last status seen for each service that did not reach the wanted state} */
    public Map<String, ServiceStatus> lastSeen() {
        return lastSeen;
    }
}
