package io.zinit4j.client.lifecycle;

import io.zinit4j.model.ServiceStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A stream of status changes of some services, fed by polling with the client's {@link PollPolicy}. The polling
 * happens in the thread that calls {@link #next(Duration)}: a watch owns no thread, and polls only while someone
 * waits for its next change. The first status of each service is delivered as a change with no previous status.
 * After a change, that service's poll interval starts again from the shortest, since changes come in bursts.
 *
 * <p>Thread safety: {@link #next(Duration)} may be called from one thread at a time (other callers block until it
 * returns); {@link #close()} and {@link #lastSeen()} may be called from any thread. Close the watch to stop it;
 * closing the client closes its watches.
 */
public interface ServiceWatch extends AutoCloseable {
    /**
     * Returns the next change, polling as needed until one is seen or the timeout passes.
     *
     * @param timeout the longest time to wait; zero polls what is due and returns
     * @return the change, or empty when none came in time or the watch is closed
     * @throws io.zinit4j.error.ZinitException when a status call fails for another reason than an unknown service,
     *                                         or the thread is interrupted (its interrupt flag is then set again)
     */
    Optional<StateChange> next(Duration timeout);

    /** {@return the last status seen per watched service that zinit knows (a snapshot)} */
    Map<String, ServiceStatus> lastSeen();

    /** {@return whether {@link #close()} was called} */
    boolean isClosed();

    /** Stops the watch; a {@link #next(Duration)} in progress returns empty after its current poll. Idempotent. */
    @Override
    void close();
}
