package io.zinit4j.error;

/**
 * The server did not answer within the configured read or connect timeout.
 */
public class ZinitTimeoutException extends ZinitException {
    private static final long serialVersionUID = 1L;

    /** @param message what timed out, and after how long */
    public ZinitTimeoutException(String message) {
        super(message);
    }

    /**
     * @param message what timed out
     * @param cause   the underlying error
     */
    public ZinitTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
