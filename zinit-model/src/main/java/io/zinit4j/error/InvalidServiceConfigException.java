package io.zinit4j.error;

/**
 * A service file that zinit4j cannot read or will not write: malformed YAML, a missing {@code exec}, a value of the
 * wrong type. Nothing is written when this is thrown.
 */
public class InvalidServiceConfigException extends ZinitException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file or service */
    public InvalidServiceConfigException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong
     * @param cause   the parser's error
     */
    public InvalidServiceConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
