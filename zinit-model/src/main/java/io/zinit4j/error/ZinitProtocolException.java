package io.zinit4j.error;

/**
 * The server sent something that is not a valid answer: garbage, half a response, the wrong shape, or it closed the
 * connection without answering.
 */
public class ZinitProtocolException extends ZinitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error for an answer of the wrong shape.
     *
     * @param message what was expected and what arrived (abbreviated)
     */
    public ZinitProtocolException(String message) {
        super(message);
    }

    /**
     * Creates the error for an answer the parser could not read.
     *
     * @param message what was expected and what arrived
     * @param cause   the parser's error
     */
    public ZinitProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
