package io.zinit4j.cli;

import io.zinit4j.client.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The global options of {@code zinitctl}, as parsed (environment defaults already applied).
 *
 * @param socket    the socket to use, or {@code null} for the client's own choice ({@code ZINIT_SOCKET}, then the
 *                  defaults)
 * @param configDir zinit's config directory, or {@code null} for the client's default
 * @param protocol  the protocol generation to speak
 * @param timeout   connect and read timeout of each request, or {@code null} for the client's defaults
 * @param debug     whether to log at debug level and print stack traces
 */
public record GlobalOptions(Path socket, Path configDir, Protocol protocol, Duration timeout, boolean debug) {
    /** Checks the protocol. */
    public GlobalOptions {
        Objects.requireNonNull(protocol, "protocol");
    }
}
