package io.zinit4j.error;

/**
 * Root of every error zinit4j throws. Unchecked, so that callers handle only the cases they can act on.
 */
public class ZinitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an error that has no underlying cause.
     *
     * @param message what went wrong, naming the service or socket involved
     */
    public ZinitException(String message) {
        super(message);
    }

    /**
     * Creates an error caused by another failure, kept as its cause.
     *
     * @param message what went wrong
     * @param cause   the underlying failure
     */
    public ZinitException(String message, Throwable cause) {
        super(message, cause);
    }
}
