package io.zinit4j.client.internal.transport;

import io.zinit4j.client.SocketTransport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to connect.
 *
 * @param socket         the Unix socket path
 * @param connectTimeout how long a connect may take
 * @param readTimeout    how long any single read may wait for data
 * @param transport      which socket library carries which connection
 */
public record SocketSettings(Path socket, Duration connectTimeout, Duration readTimeout, SocketTransport transport) {
    /** Checks the components. */
    public SocketSettings {
        Objects.requireNonNull(socket, "socket");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        Objects.requireNonNull(transport, "transport");
    }

    /**
     * Settings with the default choice of socket library, {@link SocketTransport#AUTO}.
     *
     * @param socket         the Unix socket path
     * @param connectTimeout how long a connect may take
     * @param readTimeout    how long any single read may wait for data
     */
    public SocketSettings(Path socket, Duration connectTimeout, Duration readTimeout) {
        this(socket, connectTimeout, readTimeout, SocketTransport.AUTO);
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    /** @return the read timeout in whole milliseconds, at least 1 (0 would mean "wait forever" to a socket) */
    public int readTimeoutMillis() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
    }

    /** @return the connect timeout in whole milliseconds, at least 1 */
    public int connectTimeoutMillis() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    }
}
