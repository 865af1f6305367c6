package io.zinit4j.client.lifecycle;

import java.time.Duration;
import java.util.Objects;

/**
 * How waits and watches poll: the first interval is short so that a service that comes up at once is seen within
 * milliseconds, each further interval is the previous one times a back-off factor up to a cap, and a hard limit keeps
 * all the server calls of one wait or watch (whatever the number of its services) under a number per second, over
 * any one-second window, not on average, so that a wait never floods the server. A wait on one service polls with
 * {@code status}; on several, with one {@code list} per round, and {@code status} only for what the list cannot tell.
 *
 * <p>It also holds the few other settings the lifecycle needs: how long a failure state that was already there
 * before a start may persist before a start wait gives up on it, how a stop wait that ran out of time keeps
 * sending SIGKILL until the process is gone, and how many commands a bulk operation has in flight at once.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}; {@link #defaults()} polls at once, then every
 * 10.5 ms at a fixed rate without back-off (about 95 polls a second: the limit never has to hold a poll back, and a
 * server never counts more than 100 in a second), at most 100 server calls per second per wait, failure grace 3 s,
 * SIGKILL every 1 s up to 10 times, at most 16 commands in flight. A shorter first interval with back-off sees a
 * service that comes up within milliseconds sooner, but spends calls early that the limit then takes back later,
 * as a gap of up to tens of milliseconds.
 */
public final class PollPolicy {
    /**
     * 10.5 ms: about 95 polls a second, so that a server never counts more than 100 in a second even when some polls
     * reach it late and others early; the next look is still never more than about 10 ms away.
     */
    private static final Duration DEFAULT_INTERVAL = Duration.ofNanos(10_500_000L);
    private static final PollPolicy DEFAULTS = builder().build();

    private final Duration initialInterval;
    private final double backoffFactor;
    private final Duration maxInterval;
    private final int maxCallsPerSecond;
    private final Duration failureGrace;
    private final Duration killRetryInterval;
    private final int killAttempts;
    private final int maxCommandsInFlight;

    private PollPolicy(Builder b) {
        this.initialInterval = b.initialInterval;
        this.backoffFactor = b.backoffFactor;
        this.maxInterval = b.maxInterval;
        this.maxCallsPerSecond = b.maxCallsPerSecond;
        this.failureGrace = b.failureGrace;
        this.killRetryInterval = b.killRetryInterval;
        this.killAttempts = b.killAttempts;
        this.maxCommandsInFlight = b.maxCommandsInFlight;
    }

    /** {@return the default policy (see the class description)} */
    public static PollPolicy defaults() {
        return DEFAULTS;
    }

    /** {@return a builder starting from the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A policy like the Go client's: one status call per second, no back-off. Meant for comparisons (the wait
     * benchmark) and for servers that must see as few calls as possible.
     *
     * @return a fixed one-second poll
     */
    public static PollPolicy fixedOneSecond() {
        return builder().initialInterval(Duration.ofSeconds(1)).backoffFactor(1.0).maxInterval(Duration.ofSeconds(1))
                .build();
    }

    /** {@return a builder holding this policy's values} */
    public Builder toBuilder() {
        return new Builder().initialInterval(initialInterval).backoffFactor(backoffFactor).maxInterval(maxInterval)
                .maxCallsPerSecond(maxCallsPerSecond).failureGrace(failureGrace).killRetryInterval(killRetryInterval)
                .killAttempts(killAttempts).maxCommandsInFlight(maxCommandsInFlight);
    }

    /** {@return the interval between the first status call and the second} */
    public Duration initialInterval() {
        return initialInterval;
    }

    /** {@return by how much each interval grows over the previous one (1.0 = fixed interval)} */
    public double backoffFactor() {
        return backoffFactor;
    }

    /** {@return the longest interval the back-off reaches} */
    public Duration maxInterval() {
        return maxInterval;
    }

    /**
     * {@return the most server calls ({@code status} and {@code list}) one wait's or watch's polling makes in any
     * one-second window} The commands a wait sends and the one status read before each start are not polls.
     */
    public int maxCallsPerSecond() {
        return maxCallsPerSecond;
    }

    /**
     * {@return how long a start wait tolerates a failure state (error, failure, test failure) that was already shown
     * before the start, since zinit may still be about to restart the service; a failure state that is new fails the
     * wait at once}
     */
    public Duration failureGrace() {
        return failureGrace;
    }

    /** {@return after a stop wait's deadline, how long to wait for the process to die after each SIGKILL} */
    public Duration killRetryInterval() {
        return killRetryInterval;
    }

    /** {@return how many times a stop wait sends SIGKILL before it gives up with a timeout} */
    public int killAttempts() {
        return killAttempts;
    }

    /**
     * {@return how many commands ({@code stop}, {@code start}, {@code monitor}, {@code forget}, ...) a bulk operation
     * ({@code startMultiple}, {@code stopMultiple}, {@code destroy}) sends at once} zinit serves them in parallel, and
     * 0.2.28 holds each {@code stop} answer at least 500 ms, so N services take about ceil(N / this) stop times. On
     * JSON-RPC they share the one connection; on the line protocol each is a connection of its own.
     */
    public int maxCommandsInFlight() {
        return maxCommandsInFlight;
    }

    @Override
    public String toString() {
        return "PollPolicy[initial=" + initialInterval + ", factor=" + backoffFactor + ", max=" + maxInterval
                + ", maxCallsPerSecond=" + maxCallsPerSecond + ", failureGrace=" + failureGrace + ", killRetryInterval="
                + killRetryInterval + ", killAttempts=" + killAttempts + ", maxCommandsInFlight=" + maxCommandsInFlight
                + "]";
    }

    /** Builds a {@link PollPolicy}; not thread-safe, every setter checks its argument at once. */
    public static final class Builder {
        private Duration initialInterval = DEFAULT_INTERVAL;
        private double backoffFactor = 1.0;
        private Duration maxInterval = DEFAULT_INTERVAL;
        private int maxCallsPerSecond = 100;
        private Duration failureGrace = Duration.ofSeconds(3);
        private Duration killRetryInterval = Duration.ofSeconds(1);
        private int killAttempts = 10;
        private int maxCommandsInFlight = 16;

        private Builder() {
        }

        /**
         * Sets how many commands a bulk operation has in flight at once.
         *
         * @param commands how many commands a bulk operation sends at once, 1 (one after the other) to 256
         * @return this builder
         */
        public Builder maxCommandsInFlight(int commands) {
            if (commands < 1 || commands > 256) {
                throw new IllegalArgumentException("maxCommandsInFlight must be between 1 and 256, got " + commands);
            }
            this.maxCommandsInFlight = commands;
            return this;
        }

        /**
         * Sets the first pause between two status calls of a wait; later pauses grow from it.
         *
         * @param interval the first interval; positive
         * @return this builder
         */
        public Builder initialInterval(Duration interval) {
            this.initialInterval = positive(interval, "initialInterval");
            return this;
        }

        /**
         * Sets the factor each pause between status calls grows by.
         *
         * @param factor the back-off factor, at least 1.0 and finite
         * @return this builder
         */
        public Builder backoffFactor(double factor) {
            if (!(factor >= 1.0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("backoffFactor must be a finite number >= 1.0, got " + factor);
            }
            this.backoffFactor = factor;
            return this;
        }

        /**
         * Sets the longest pause between two status calls of a wait.
         *
         * @param interval the cap of the back-off; positive
         * @return this builder
         */
        public Builder maxInterval(Duration interval) {
            this.maxInterval = positive(interval, "maxInterval");
            return this;
        }

        /**
         * @param calls the most server calls per wait or watch in any one-second window, 1 to 10,000
         * @return this builder
         */
        public Builder maxCallsPerSecond(int calls) {
            if (calls < 1 || calls > 10_000) {
                throw new IllegalArgumentException("maxCallsPerSecond must be between 1 and 10000, got " + calls);
            }
            this.maxCallsPerSecond = calls;
            return this;
        }

        /**
         * Sets how long a start wait tolerates a failure state that was there before the start.
         *
         * @param grace how long an old failure state may persist after a start; zero or positive
         * @return this builder
         */
        public Builder failureGrace(Duration grace) {
            Objects.requireNonNull(grace, "failureGrace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("failureGrace must not be negative, got " + grace);
            }
            this.failureGrace = grace;
            return this;
        }

        /**
         * Sets the pause between the SIGKILLs a timed-out stop wait sends.
         *
         * @param interval the time given to the process to die after each SIGKILL; positive
         * @return this builder
         */
        public Builder killRetryInterval(Duration interval) {
            this.killRetryInterval = positive(interval, "killRetryInterval");
            return this;
        }

        /**
         * Sets how many SIGKILLs a timed-out stop wait sends before it gives up.
         *
         * @param attempts how many SIGKILLs to send, at least 1
         * @return this builder
         */
        public Builder killAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("killAttempts must be at least 1, got " + attempts);
            }
            this.killAttempts = attempts;
            return this;
        }

        /**
         * {@return the policy}
         *
         * @throws IllegalArgumentException when the first interval is longer than the cap
         */
        public PollPolicy build() {
            if (initialInterval.compareTo(maxInterval) > 0) {
                throw new IllegalArgumentException(
                        "initialInterval " + initialInterval + " is longer than maxInterval " + maxInterval);
            }
            return new PollPolicy(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
