package io.zinit4j.cli;

import io.zinit4j.client.Protocol;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The global options of {@code zinitctl}, as parsed (environment defaults already applied).
 *
 * @param socket    the socket to use, or {@code null} for the client's own choice ({@code ZINIT_SOCKET}, then the
 *                  defaults)
 * @param url       zinit's HTTP server to use instead of a socket, or {@code null}; never set together with a socket
 * @param configDir zinit's config directory, or {@code null} for the client's default
 * @param protocol  the protocol generation to speak
 * @param timeout   connect and read timeout of each request, or {@code null} for the client's defaults
 * @param debug     whether to log at debug level and print stack traces
 */
public record GlobalOptions(Path socket, URI url, Path configDir, Protocol protocol, Duration timeout,
                            boolean debug) {
    /**
     * Creates the options; at most one of the socket and the URL may be set.
     *
     * @param socket    the socket to use, or {@code null} for the client's own choice
     * @param url       zinit's HTTP server to use instead of a socket, or {@code null}
     * @param configDir zinit's config directory, or {@code null} for the client's default
     * @param protocol  the protocol generation to speak; never {@code null}
     * @param timeout   connect and read timeout of each request, or {@code null} for the client's defaults
     * @param debug     whether to log at debug level and print stack traces
     * @throws NullPointerException     when {@code protocol} is {@code null}
     * @throws IllegalArgumentException when both a socket and a URL are given
     */
    public GlobalOptions {
        Objects.requireNonNull(protocol, "protocol");
        if (socket != null && url != null) {
            throw new IllegalArgumentException("either a socket or a URL, not both: " + socket + ", " + url);
        }
    }

    /**
     * Options that reach zinit on a socket.
     *
     * @param socket    the socket, or {@code null} for the client's own choice
     * @param configDir zinit's config directory, or {@code null}
     * @param protocol  the protocol generation to speak
     * @param timeout   connect and read timeout, or {@code null}
     * @param debug     whether to log at debug level
     */
    public GlobalOptions(Path socket, Path configDir, Protocol protocol, Duration timeout, boolean debug) {
        this(socket, null, configDir, protocol, timeout, debug);
    }
}
