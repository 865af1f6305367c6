package io.zinit4j.error;

import java.util.Objects;
import java.util.Optional;

/**
 * The server answered with an error. {@link #serverMessage()} is the text zinit sent, unchanged; for JSON-RPC servers
 * {@link #code()} is the error code and {@link #data()} the raw {@code data} member as JSON text, if any.
 *
 * <p>Subclasses name the errors callers act on; an error zinit4j does not recognise arrives as this class itself.
 */
public class ZinitServerException extends ZinitException {
    private static final long serialVersionUID = 1L;

    /** The server's own error text, unchanged; empty (never {@code null}) when it sent none. */
    private final String serverMessage;
    /** The JSON-RPC error code, or {@code null} when the legacy line protocol was spoken. */
    private final Integer code;
    /** The JSON-RPC error's {@code data} member as JSON text, or {@code null} when it had none. */
    private final String data;

    /**
     * Creates the error from zinit's answer; subclasses name the errors callers act on.
     *
     * @param message       our message (what was attempted, and the server's text)
     * @param serverMessage the server's own error text
     * @param code          the JSON-RPC error code, or {@code null} for the legacy protocol
     * @param data          the JSON-RPC {@code data} member as JSON text, or {@code null}
     */
    public ZinitServerException(String message, String serverMessage, Integer code, String data) {
        super(message);
        this.serverMessage = Objects.requireNonNullElse(serverMessage, "");
        this.code = code;
        this.data = data;
    }

    /** {@return the error text exactly as the server sent it} */
    public String serverMessage() {
        return serverMessage;
    }

    /** {@return the JSON-RPC error code; empty for the legacy line protocol} */
    public Optional<Integer> code() {
        return Optional.ofNullable(code);
    }

    /** {@return the JSON-RPC error's {@code data} member as JSON text; empty when absent} */
    public Optional<String> data() {
        return Optional.ofNullable(data);
    }
}
