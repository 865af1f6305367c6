package io.zinit4j.error;

import java.nio.file.Path;

/**
 * The socket could not be reached: it does not exist, nobody listens, or permission is denied. The message names the
 * socket path and, where it helps, a hint.
 */
public class ZinitConnectionException extends ZinitException {
    private static final long serialVersionUID = 1L;

    private final transient Path socket;

    /**
     * @param socket  the socket path that was tried
     * @param message what went wrong
     * @param cause   the underlying I/O error, or {@code null}
     */
    public ZinitConnectionException(Path socket, String message, Throwable cause) {
        super(message, cause);
        this.socket = socket;
    }

    /** @return the socket path that was tried */
    public Path socket() {
        return socket;
    }
}
