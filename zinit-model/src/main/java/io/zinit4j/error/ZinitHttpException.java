package io.zinit4j.error;

import java.net.URI;

/**
 * An HTTP request to zinit (or to a proxy in front of it) was answered with an HTTP error status: a 4xx such as 401
 * from an authenticating proxy or 404 for a wrong path, or a 5xx such as 502 from a proxy whose zinit is gone. The
 * JSON-RPC layer was never reached, so nothing was done on the server. {@link #socket()} is {@code null}: {@link
 * #url()} says where the request went.
 */
public class ZinitHttpException extends ZinitConnectionException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status of the answer; part of the serialized form (the URL is not). */
    private final int statusCode;
    private final transient URI url;

    /**
     * Creates the error for an HTTP error status; {@link #socket()} is {@code null}, the reason {@code OTHER}.
     *
     * @param url        where the request went
     * @param statusCode the HTTP status of the answer
     * @param message    what was attempted, the status, and the start of the answer's body
     */
    public ZinitHttpException(URI url, int statusCode, String message) {
        super(null, message, null);
        this.url = url;
        this.statusCode = statusCode;
    }

    /** {@return the HTTP status code of the answer, for example 401 or 502} */
    public int statusCode() {
        return statusCode;
    }

    /** {@return the address the request was sent to} */
    public URI url() {
        return url;
    }

    /** {@return whether the status is a client error (4xx), as an authenticating proxy sends for bad credentials} */
    public boolean isClientError() {
        return statusCode >= 400 && statusCode < 500;
    }
}
