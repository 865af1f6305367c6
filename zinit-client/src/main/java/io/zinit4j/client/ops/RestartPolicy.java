package io.zinit4j.client.ops;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link GroupSupervisor} restarts its group: a back-off that doubles from {@link #initialBackoff} up to {@link
 * #maxBackoff} with each restart inside the {@link #window}, at most {@link #maxRestarts} restarts inside it (then it
 * gives up), and how long each restart's stop and start may take. Immutable and thread-safe; build with {@link
 * #builder()}.
 *
 * @param initialBackoff the wait before the first restart
 * @param maxBackoff     the longest wait before a restart
 * @param maxRestarts    the most restarts inside the window; one more crash then makes the supervisor give up
 * @param window         how far back restarts count toward the limit and the back-off
 * @param restartTimeout how long each half of a restart (stop, start) may take
 */
public record RestartPolicy(Duration initialBackoff, Duration maxBackoff, int maxRestarts, Duration window,
                            Duration restartTimeout) {
    /**
     * Creates a policy; {@link #builder()} starts from the defaults and is the usual way to get one.
     *
     * @param initialBackoff the wait before the first restart; positive
     * @param maxBackoff     the longest wait before a restart; positive and not shorter than {@code initialBackoff}
     * @param maxRestarts    the most restarts inside the window; not negative (0: give up at the first crash)
     * @param window         how far back restarts count toward the limit and the back-off; positive
     * @param restartTimeout how long each half of a restart (stop, start) may take; positive
     * @throws NullPointerException     when a duration is {@code null}
     * @throws IllegalArgumentException when a component is out of range
     */
    public RestartPolicy {
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        positive(window, "window");
        positive(restartTimeout, "restartTimeout");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than initialBackoff "
                    + initialBackoff);
        }
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts cannot be negative: " + maxRestarts);
        }
    }

    /** {@return 1 s doubling up to 30 s, at most 5 restarts in 10 minutes, 30 s for each stop and start} */
    public static RestartPolicy defaults() {
        return builder().build();
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the wait before the next restart: the initial back-off doubled once per recent restart, at most the
     * maximum}
     *
     * @param recent how many restarts happened inside the window before this one
     */
    public Duration backoff(int recent) {
        Duration d = initialBackoff;
        for (int i = 0; i < recent && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    /** Builds a {@link RestartPolicy}; not thread-safe. */
    public static final class Builder {
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private int maxRestarts = 5;
        private Duration window = Duration.ofMinutes(10);
        private Duration restartTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /**
         * Sets the wait before the first restart (default 1 s).
         *
         * @param d the wait before the first restart
         * @return this builder
         */
        public Builder initialBackoff(Duration d) {
            this.initialBackoff = d;
            return this;
        }

        /**
         * Sets the longest wait before a restart (default 30 s).
         *
         * @param d the longest wait before a restart
         * @return this builder
         */
        public Builder maxBackoff(Duration d) {
            this.maxBackoff = d;
            return this;
        }

        /**
         * Sets the most restarts inside the window (default 5).
         *
         * @param n the most restarts inside the window
         * @return this builder
         */
        public Builder maxRestarts(int n) {
            this.maxRestarts = n;
            return this;
        }

        /**
         * Sets how far back restarts count toward the limit and the back-off (default 10 minutes).
         *
         * @param d how far back restarts count
         * @return this builder
         */
        public Builder window(Duration d) {
            this.window = d;
            return this;
        }

        /**
         * Sets how long each half of a restart may take (default 30 s).
         *
         * @param d how long each half of a restart may take
         * @return this builder
         */
        public Builder restartTimeout(Duration d) {
            this.restartTimeout = d;
            return this;
        }

        /** {@return the policy} */
        public RestartPolicy build() {
            return new RestartPolicy(initialBackoff, maxBackoff, maxRestarts, window, restartTimeout);
        }
    }
}
