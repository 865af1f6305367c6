package io.zinit4j.client;

import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Hears what a {@link ZinitClient} does: every request it makes to zinit (start, end or failure, with its duration),
 * the connections it opens and loses, and every poll of a wait. Set one with {@link
 * ZinitClientBuilder#eventListener}; every method does nothing by default, so a listener overrides only what it needs.
 * Logging through SLF4J goes on whether a listener is set or not.
 *
 * <pre>{@code
 * ZinitClient zinit = ZinitClient.builder()
 *         .eventListener(new ZinitEventListener() {
 *             @Override
 *             public void callFailed(CallEvent call) {
 *                 log.warn("{} of {} failed after {}", call.operation(), call.service(), call.duration());
 *             }
 *         })
 *         .build();
 * }</pre>
 *
 * <p><b>Calls.</b> Each request to zinit is one call: {@link #callStart} before it, then exactly one of {@link
 * #callEnd} or {@link #callFailed}. Operations of the client built from several requests ({@code get}, {@code exists},
 * {@code addService}, {@code matches}, the waits) show as those requests; a service file written to the config
 * directory (legacy servers) sends nothing and so is no call. A name the client rejects before sending is no call
 * either.
 *
 * <p><b>Connections.</b> Over the Unix socket {@link #connectionOpened} comes for every connection: one per request on
 * legacy servers (their protocol closes after each answer), the one shared request connection on JSON-RPC servers
 * (and the one detection opened), and one for each followed log. {@link #connectionLost} comes when the shared
 * JSON-RPC connection ends without the client closing it (the server closed it, a read failed, garbage or silence),
 * and {@link #connectionReopened} when a later request opens it again. Over HTTP the JDK's client pools its
 * connections out of sight, and no connection events come.
 *
 * <p><b>Waits.</b> {@link #waitPoll} comes after each round of status calls of a blocking wait ({@code startWait},
 * {@code stopWait}, {@code startMultiple}, {@code stopMultiple}, {@code destroy}; a {@code restart} is a stop wait then
 * a start wait), with what the round saw. The waits of {@link ZinitAsyncClient} poll differently (one {@code list} for
 * many waits) and report their requests as calls, not as wait polls.
 *
 * <p><b>Threads.</b> Methods are called on the thread that makes the request, so from many threads at once when the
 * client is shared: a listener must be thread-safe, and quick, since it delays the call it hears. {@link
 * #connectionLost} may come from the connection's own reader thread. A {@link ZinitAsyncClient} makes its requests
 * through its blocking client on its scheduler's threads: the blocking client's listener hears them there. A listener that throws does not break the call:
 * the exception is logged (SLF4J, warning) and the call goes on.
 */
public interface ZinitEventListener {
    /** A listener that does nothing: the default of {@link ZinitClientBuilder}. */
    ZinitEventListener NONE = new ZinitEventListener() {
    };

    /**
     * A request is about to be sent (before any connecting, or detecting the protocol, it needs).
     *
     * @param call the request; its duration is zero and it has no failure
     */
    default void callStart(CallEvent call) {
    }

    /**
     * A request was answered.
     *
     * @param call the request, with how long it took since its {@link #callStart}
     */
    default void callEnd(CallEvent call) {
    }

    /**
     * A request failed; the client throws the {@linkplain CallEvent#failure() failure} once this returns.
     *
     * @param call the request, with how long it took and why it failed
     */
    default void callFailed(CallEvent call) {
    }

    /**
     * A connection to zinit was opened.
     *
     * @param connection where to
     */
    default void connectionOpened(ConnectionEvent connection) {
    }

    /**
     * The shared JSON-RPC connection ended without the client closing it.
     *
     * @param connection where to, and why it ended
     */
    default void connectionLost(ConnectionEvent connection) {
    }

    /**
     * The shared JSON-RPC connection was opened again after it was lost (after the {@link #connectionOpened} of the new
     * connection).
     *
     * @param connection where to
     */
    default void connectionReopened(ConnectionEvent connection) {
    }

    /**
     * A wait polled: one round of status calls, after their call events.
     *
     * @param poll the wait's services and what this round saw of them
     */
    default void waitPoll(WaitPollEvent poll) {
    }

    /**
     * One request to zinit. Immutable.
     *
     * @param operation which request
     * @param service   the service it is about, or {@code null} when it is about none ({@code list}, {@code
     *                  shutdown}, all logs)
     * @param protocol  the protocol generation that carries it; {@link Protocol#AUTO} at the start of a request that
     *                  must first detect it, and on the failure of a request whose detection failed
     * @param duration  from the start of the request to its end or failure; zero at the start
     * @param failure   why it failed, or {@code null}
     */
    record CallEvent(Operation operation, String service, Protocol protocol, Duration duration,
                     RuntimeException failure) {
        /**
         * Creates a call event; the client creates them, a listener only reads them.
         *
         * @param operation which request; never {@code null}
         * @param service   the service it is about, or {@code null} when it is about none
         * @param protocol  the protocol generation that carries it, {@link Protocol#AUTO} while it is not yet
         *                  detected; never {@code null}
         * @param duration  from the start of the request to its end or failure, zero at the start; never {@code null}
         * @param failure   why it failed, or {@code null} at the start and on success
         * @throws NullPointerException when {@code operation}, {@code protocol} or {@code duration} is {@code null}
         */
        public CallEvent {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(duration, "duration");
        }

        /** {@return whether the request failed} */
        public boolean failed() {
            return failure != null;
        }
    }

    /**
     * A connection to zinit. Immutable.
     *
     * @param address the socket path or URL
     * @param cause   why it was lost, for {@link #connectionLost}; otherwise {@code null}
     */
    record ConnectionEvent(String address, RuntimeException cause) {
        /**
         * Creates a connection event; the client creates them, a listener only reads them.
         *
         * @param address the socket path or URL; never {@code null}
         * @param cause   why it was lost, for {@link #connectionLost}; otherwise {@code null}
         * @throws NullPointerException when {@code address} is {@code null}
         */
        public ConnectionEvent {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * One round of polls of a wait: one {@code list} for every service it waits for, or {@code status} calls, or
     * both. Immutable.
     *
     * @param operation the waiting operation of the client: {@code "startWait"}, {@code "stopWait"}, {@code
     *                  "startMultiple"}, {@code "stopMultiple"} or {@code "destroy"}
     * @param services  the services the wait still waited for before this round
     * @param states    the state of each service this round saw and zinit knew
     * @param statuses  the full status of the services this round read with {@code status} (a subset of
     *                  {@code states}'s keys; empty when the round was a {@code list} alone)
     * @param unknown   the services this round asked about and zinit did not know (for a stop wait: gone)
     */
    record WaitPollEvent(String operation, Set<String> services, Map<String, ServiceState> states,
                         Map<String, ServiceStatus> statuses, Set<String> unknown) {
        /**
         * Creates a poll event, copying the collections so that it stays as it was; the client creates them, a
         * listener only reads them.
         *
         * @param operation the waiting operation; never {@code null}
         * @param services  the services the wait still waited for before this round
         * @param states    the state of each service this round saw and zinit knew
         * @param statuses  the full status of each service this round read with {@code status}
         * @param unknown   the services this round asked about and zinit did not know
         * @throws NullPointerException when an argument or an element is {@code null}
         */
        public WaitPollEvent {
            Objects.requireNonNull(operation, "operation");
            services = Set.copyOf(services);
            states = Map.copyOf(states);
            statuses = Map.copyOf(statuses);
            unknown = Set.copyOf(unknown);
        }
    }
}
