package io.zinit4j.client.internal.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where and how to reach zinit's HTTP server.
 *
 * @param url            the server, {@code http://host:port} or {@code https://...}; requests are POSTed to it as is
 * @param connectTimeout how long a connect may take
 * @param readTimeout    how long one request may wait for its whole answer
 * @param headers        asked before every request and every WebSocket handshake for headers to add (for an
 *                       authenticating proxy); must be thread-safe and quick
 */
public record HttpSettings(URI url, Duration connectTimeout, Duration readTimeout,
                           Supplier<Map<String, String>> headers) {
    /** Checks the components. */
    public HttpSettings {
        Objects.requireNonNull(url, "url");
        requireHttp(url);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(headers, "headers");
    }

    /**
     * @param url an address
     * @return the address
     * @throws IllegalArgumentException when it is not an absolute http or https URL with a host
     */
    public static URI requireHttp(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("zinit's URL must be http:// or https://, got " + url);
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException("zinit's URL has no host: " + url);
        }
        return url;
    }

    /** {@return the WebSocket address on the same server: {@code ws://} for http, {@code wss://} for https} */
    public URI webSocketUrl() {
        String scheme = url.getScheme().equalsIgnoreCase("https") ? "wss" : "ws";
        return URI.create(scheme + url.toString().substring(url.getScheme().length()));
    }
}
