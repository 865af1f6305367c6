package io.zinit4j.client.internal.transport;

import io.zinit4j.error.ZinitException;

/**
 * What the socket layer tells the client about its connections, for {@link io.zinit4j.client.ZinitEventListener}. The
 * client's implementation never throws (it guards the listener); the defaults do nothing.
 */
public interface ConnectionEvents {
    /** Hears nothing. */
    ConnectionEvents NONE = new ConnectionEvents() {
    };

    /**
     * A connection was opened.
     *
     * @param address the socket path
     */
    default void opened(String address) {
    }

    /**
     * A connection the client meant to keep ended without the client closing it.
     *
     * @param address the socket path
     * @param cause   why
     */
    default void lost(String address, ZinitException cause) {
    }

    /**
     * A lost connection was replaced by a new one.
     *
     * @param address the socket path
     */
    default void reopened(String address) {
    }
}
