package io.zinit4j.error;

/**
 * Thrown when the server failed to read, write or delete a service file (JSON-RPC -32008).
 */
public class ServiceFileException extends ZinitServerException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error from zinit's answer; zinit4j's protocol layer throws it, callers catch it.
     *
     * @param message       our message
     * @param serverMessage the server's own error text
     * @param code          the JSON-RPC error code, or {@code null}
     * @param data          the JSON-RPC {@code data} member as JSON text, or {@code null}
     */
    public ServiceFileException(String message, String serverMessage, Integer code, String data) {
        super(message, serverMessage, code, data);
    }
}
