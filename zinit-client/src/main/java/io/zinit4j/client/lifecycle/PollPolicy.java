package io.zinit4j.client.lifecycle;

import java.time.Duration;

/**
 * PLACEHOLDER: how waits poll (first interval, back-off, cap, rate limit). Replaced by the lifecycle work.
 */
public final class PollPolicy {
    private PollPolicy() {
    }

    /** @return the default policy */
    public static PollPolicy defaults() {
        return new PollPolicy();
    }

    /** @return the first interval */
    public Duration initialInterval() {
        return Duration.ofMillis(5);
    }
}
