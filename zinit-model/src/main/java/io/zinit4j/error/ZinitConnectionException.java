package io.zinit4j.error;

import java.nio.file.Path;

/**
 * The socket could not be reached: it does not exist, nobody listens, or permission is denied. The message names the
 * socket path and, where it helps, a hint. Over HTTP the same holds for the address (refused, reset, no route): the
 * message names the URL and {@link #socket()} is {@code null}.
 */
public class ZinitConnectionException extends ZinitException {
    private static final long serialVersionUID = 1L;

    private final transient Path socket;

    /**
     * @param socket  the socket path that was tried, or {@code null} for an HTTP address
     * @param message what went wrong
     * @param cause   the underlying I/O error, or {@code null}
     */
    public ZinitConnectionException(Path socket, String message, Throwable cause) {
        super(message, cause);
        this.socket = socket;
    }

    /** {@return the socket path that was tried, or {@code null} when the client talks HTTP} */
    public Path socket() {
        return socket;
    }
}
