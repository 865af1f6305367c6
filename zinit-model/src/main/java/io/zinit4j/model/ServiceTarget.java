package io.zinit4j.model;

import java.util.Locale;

/**
 * What zinit tries to keep a service at: {@link #UP} (started, restarted when it exits unless oneshot) or {@link #DOWN}.
 */
public enum ServiceTarget {
    /** zinit keeps the service running. */
    UP,
    /** zinit keeps the service stopped. */
    DOWN;

    /**
     * {@return the target}
     *
     * @param text {@code Up} or {@code Down}, in any case
     * @throws IllegalArgumentException for any other text
     */
    public static ServiceTarget parse(String text) {
        if (text != null) {
            switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "up":
                    return UP;
                case "down":
                    return DOWN;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("not a service target: " + text);
    }

    /** {@return the text zinit uses: {@code Up} or {@code Down}} */
    public String wireName() {
        return this == UP ? "Up" : "Down";
    }
}
