package io.zinit4j.error;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The socket could not be reached: it does not exist, nobody listens, or permission is denied. The message names the
 * socket path and, where it helps, a hint; {@link #reason()} says which case it is, so that a front end (such as
 * {@code zinitctl}) can word its own hint. Over HTTP the same holds for the address (refused, reset, no route): the
 * message names the URL and {@link #socket()} is {@code null}.
 */
public class ZinitConnectionException extends ZinitException {
    private static final long serialVersionUID = 1L;

    /** Why the socket could not be used. */
    public enum Reason {
        /** Nothing exists at the socket path. */
        NO_SOCKET,
        /** The socket exists but this process may not write to it. */
        PERMISSION_DENIED,
        /** The socket exists but nobody accepts connections on it. */
        NOT_LISTENING,
        /** Any other failure: the connection broke, was closed by zinit, or the client was closed. */
        OTHER
    }

    private final transient Path socket;
    /** Why the socket could not be used, never {@code null}; part of the serialized form (the path is not). */
    private final Reason reason;

    /**
     * An error of reason {@link Reason#OTHER}.
     *
     * @param socket  the socket path that was tried, or {@code null} for an HTTP address
     * @param message what went wrong
     * @param cause   the underlying I/O error, or {@code null}
     */
    public ZinitConnectionException(Path socket, String message, Throwable cause) {
        this(socket, Reason.OTHER, message, cause);
    }

    /**
     * Creates an error that says why the socket could not be used.
     *
     * @param socket  the socket path that was tried, or {@code null} for an HTTP address
     * @param reason  why it could not be used
     * @param message what went wrong
     * @param cause   the underlying I/O error, or {@code null}
     */
    public ZinitConnectionException(Path socket, Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.socket = socket;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** {@return the socket path that was tried, or {@code null} when the client talks HTTP} */
    public Path socket() {
        return socket;
    }

    /** {@return why the socket could not be used} */
    public Reason reason() {
        return reason;
    }
}
