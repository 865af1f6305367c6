package io.zinit4j.error;

/**
 * The operation does not exist in the protocol generation the server speaks (for example {@code stats} on a legacy
 * zinit up to 0.2.14) and zinit4j has no faithful fallback.
 */
public class UnsupportedByServerException extends ZinitException {
    private static final long serialVersionUID = 1L;

    /** The operation that was attempted, such as {@code stats}; part of the serialized form. */
    private final String operation;

    /**
     * Creates the error for an operation the server's protocol generation lacks.
     *
     * @param operation the operation that was attempted
     * @param server    a description of the server (its protocol generation, and version where known)
     */
    public UnsupportedByServerException(String operation, String server) {
        super(operation + " is not supported by the server (" + server + ")");
        this.operation = operation;
    }

    /** {@return the operation that was attempted} */
    public String operation() {
        return operation;
    }
}
