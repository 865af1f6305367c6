package io.zinit4j.error;

/**
 * Time ran out: the server did not answer within the configured read or connect timeout, or (as the subclass
 * {@link WaitTimeoutException}) services did not reach the state a wait asked for.
 */
public class ZinitTimeoutException extends ZinitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error for time that ran out without an underlying I/O error.
     *
     * @param message what timed out, and after how long
     */
    public ZinitTimeoutException(String message) {
        super(message);
    }

    /**
     * Creates the error for an I/O timeout, kept as its cause.
     *
     * @param message what timed out
     * @param cause   the underlying error
     */
    public ZinitTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
