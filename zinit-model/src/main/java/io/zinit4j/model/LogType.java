package io.zinit4j.model;

import java.util.Locale;

/**
 * Where zinit sends a service's output ({@code log:} in the service file).
 */
public enum LogType {
    /** Kept in zinit's in-memory ring buffer, readable with {@code log}; zinit's default. */
    RING,
    /** Written to zinit's own standard output. */
    STDOUT,
    /** Discarded. */
    NONE;

    /**
     * {@return the log type}
     *
     * @param text {@code ring}, {@code stdout}, {@code none} or {@code null} (zinit's spelling of none), any case
     * @throws IllegalArgumentException for any other text
     */
    public static LogType parse(String text) {
        if (text != null) {
            switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "ring":
                    return RING;
                case "stdout":
                    return STDOUT;
                case "none":
                case "null":
                    return NONE;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("not a log type (ring, stdout, none): " + text);
    }

    /** {@return the lower-case name written to service files} */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
