package io.zinit4j.error;

/**
 * A service file that zinit4j cannot read or will not write: malformed YAML, a missing {@code exec}, a value of the
 * wrong type. Nothing is written when this is thrown.
 *
 * <p>This is zinit4j's own check of the YAML, made before anything is sent or after a file is read; when zinit itself
 * refuses a service file, the error is a {@link ServiceConfigRejectedException}, one of the server's answers.
 */
public class ServiceFileFormatException extends ZinitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error for a file zinit4j's own check refuses.
     *
     * @param message what is wrong, naming the file or service
     */
    public ServiceFileFormatException(String message) {
        super(message);
    }

    /**
     * Creates the error for a file the YAML parser could not read.
     *
     * @param message what is wrong
     * @param cause   the parser's error
     */
    public ServiceFileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
