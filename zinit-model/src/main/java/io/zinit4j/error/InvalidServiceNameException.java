package io.zinit4j.error;

/**
 * A service name that zinit4j refuses before anything is sent or written: empty, {@code .}, {@code ..}, containing a
 * path separator, white space, a control character, or another character that could escape the config directory or
 * change the command sent on the socket.
 */
public class InvalidServiceNameException extends ZinitException {
    private static final long serialVersionUID = 1L;

    /** The rejected name exactly as the caller gave it, or {@code null}; part of the serialized form. */
    private final String name;

    /**
     * Creates the error for a name zinit4j refuses; the message quotes the name with control characters escaped.
     *
     * @param name   the rejected name (may be {@code null})
     * @param reason why it was rejected
     */
    public InvalidServiceNameException(String name, String reason) {
        super("invalid service name " + quote(name) + ": " + reason);
        this.name = name;
    }

    /** {@return the rejected name, as given} */
    public String name() {
        return name;
    }

    private static String quote(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : name.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
