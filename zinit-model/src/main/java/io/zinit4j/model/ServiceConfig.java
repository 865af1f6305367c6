package io.zinit4j.model;

import io.zinit4j.error.ServiceFileFormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A zinit service file ({@code <name>.yaml}) with every field zinit reads: {@code exec}, {@code test}, {@code oneshot},
 * {@code shutdown_timeout}, {@code after}, {@code signal.stop}, {@code log}, {@code env} and {@code dir}.
 *
 * <p>Fields left unset are not written, so zinit applies its own defaults (no test, not oneshot, 10 s shutdown
 * timeout, SIGTERM, ring log). Keys zinit4j does not know are kept in {@link #extra()} and written back, so a
 * read-modify-write loses nothing. Instances are immutable; build them with {@link #builder()}.
 */
public final class ServiceConfig {
    private final String exec;
    private final String test;
    private final Boolean oneshot;
    private final Duration shutdownTimeout;
    private final List<String> after;
    private final Signal stopSignal;
    private final LogType log;
    private final Map<String, String> env;
    private final String dir;
    private final Map<String, Object> extra;

    private ServiceConfig(Builder b) {
        if (b.exec == null || b.exec.isBlank()) {
            throw new ServiceFileFormatException("a service needs a non-empty exec command");
        }
        this.exec = b.exec;
        this.test = b.test;
        this.oneshot = b.oneshot;
        this.shutdownTimeout = b.shutdownTimeout;
        this.after = List.copyOf(b.after);
        this.stopSignal = b.stopSignal;
        this.log = b.log;
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.dir = b.dir;
        this.extra = Collections.unmodifiableMap(new LinkedHashMap<>(b.extra));
    }

    /** {@return a builder for a new service file} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this file's values, to derive a changed copy} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.exec = exec;
        b.test = test;
        b.oneshot = oneshot;
        b.shutdownTimeout = shutdownTimeout;
        b.after.addAll(after);
        b.stopSignal = stopSignal;
        b.log = log;
        b.env.putAll(env);
        b.dir = dir;
        b.extra.putAll(extra);
        return b;
    }

    /**
     * Reads a service file's YAML text.
     *
     * @param yaml the file's content
     * @return the service file
     * @throws ServiceFileFormatException when the YAML is malformed, a field has the wrong type, or exec is missing
     */
    public static ServiceConfig fromYaml(String yaml) {
        return ServiceConfigCodec.fromYaml(yaml);
    }

    /**
     * Builds a service file from the JSON/YAML object tree zinit uses (as returned by JSON-RPC {@code service_get}).
     *
     * @param map the object's members
     * @return the service file
     * @throws ServiceFileFormatException when a field has the wrong type or exec is missing
     */
    public static ServiceConfig fromMap(Map<String, ?> map) {
        return ServiceConfigCodec.fromMap(map);
    }

    /** {@return the YAML text zinit reads, with the set fields in a stable order and unknown keys last} */
    public String toYaml() {
        return ServiceConfigCodec.toYaml(this);
    }

    /** {@return the object tree zinit reads (as sent in JSON-RPC {@code service_create}), set fields only} */
    public Map<String, Object> toMap() {
        return ServiceConfigCodec.toMap(this);
    }

    /** {@return the command line zinit runs (split by zinit shell-style)} */
    public String exec() {
        return exec;
    }

    /** {@return the test command whose success marks the service running} */
    public Optional<String> test() {
        return Optional.ofNullable(test);
    }

    /** {@return whether zinit must not restart the service when it exits (false when unset)} */
    public boolean oneshot() {
        return Boolean.TRUE.equals(oneshot);
    }

    /** {@return how long zinit waits for the service to stop at shutdown; empty means zinit's default (10 s)} */
    public Optional<Duration> shutdownTimeout() {
        return Optional.ofNullable(shutdownTimeout);
    }

    /** {@return the services that must be running (or have succeeded) before this one starts} */
    public List<String> after() {
        return after;
    }

    /** {@return the signal zinit sends on stop; empty means zinit's default (SIGTERM)} */
    public Optional<Signal> stopSignal() {
        return Optional.ofNullable(stopSignal);
    }

    /** {@return where output goes; empty means zinit's default (ring)} */
    public Optional<LogType> log() {
        return Optional.ofNullable(log);
    }

    /** {@return extra environment variables, in file order} */
    public Map<String, String> env() {
        return env;
    }

    /** {@return the working directory} */
    public Optional<String> dir() {
        return Optional.ofNullable(dir);
    }

    /** {@return top-level keys zinit4j does not know, kept as read so that writing the file back loses nothing} */
    public Map<String, Object> extra() {
        return extra;
    }

    /** {@return whether oneshot was set explicitly (true or false)} */
    boolean oneshotSet() {
        return oneshot != null;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ServiceConfig)) {
            return false;
        }
        ServiceConfig c = (ServiceConfig) o;
        return exec.equals(c.exec) && Objects.equals(test, c.test) && oneshot() == c.oneshot()
                && Objects.equals(shutdownTimeout, c.shutdownTimeout) && after.equals(c.after)
                && Objects.equals(stopSignal, c.stopSignal) && Objects.equals(log, c.log) && env.equals(c.env)
                && Objects.equals(dir, c.dir) && extra.equals(c.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(exec, test, oneshot(), shutdownTimeout, after, stopSignal, log, env, dir, extra);
    }

    @Override
    public String toString() {
        return "ServiceConfig" + toMap();
    }

    /** Collects a service file's fields; not thread-safe, build one file per builder. */
    public static final class Builder {
        private String exec;
        private String test;
        private Boolean oneshot;
        private Duration shutdownTimeout;
        private final List<String> after = new ArrayList<>();
        private Signal stopSignal;
        private LogType log;
        private final Map<String, String> env = new LinkedHashMap<>();
        private String dir;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the command line zinit runs; every service file needs one.
         *
         * @param exec the command line to run (required)
         * @return this builder
         */
        public Builder exec(String exec) {
            this.exec = exec;
            return this;
        }

        /**
         * Sets the health check zinit runs before it reports the service {@code Running}.
         *
         * @param test a command that must succeed before the service counts as running; {@code null} for none
         * @return this builder
         */
        public Builder test(String test) {
            this.test = test;
            return this;
        }

        /**
         * Marks the service as run once: zinit does not restart it when it exits.
         *
         * @param oneshot whether zinit must not restart the service when it exits
         * @return this builder
         */
        public Builder oneshot(boolean oneshot) {
            this.oneshot = oneshot;
            return this;
        }

        /**
         * Sets how long zinit waits for the service to stop when zinit itself shuts down.
         *
         * @param timeout how long zinit waits for the service to stop at shutdown (whole seconds); {@code null} for
         *                zinit's default
         * @return this builder
         * @throws ServiceFileFormatException when the timeout is negative or not a whole number of seconds
         */
        public Builder shutdownTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.getNano() != 0)) {
                throw new ServiceFileFormatException("shutdown_timeout must be a non-negative whole number of seconds: "
                        + timeout);
            }
            this.shutdownTimeout = timeout;
            return this;
        }

        /**
         * Adds services that zinit must have started before this one.
         *
         * @param services dependencies to add, in order
         * @return this builder
         */
        public Builder after(String... services) {
            for (String s : services) {
                this.after.add(Objects.requireNonNull(s, "after"));
            }
            return this;
        }

        /**
         * Adds services that zinit must have started before this one.
         *
         * @param services dependencies to add, in order
         * @return this builder
         */
        public Builder after(List<String> services) {
            return after(services.toArray(new String[0]));
        }

        /**
         * Sets the signal zinit sends to stop the service.
         *
         * @param signal the signal zinit sends on stop; {@code null} for zinit's default (SIGTERM)
         * @return this builder
         */
        public Builder stopSignal(Signal signal) {
            this.stopSignal = signal;
            return this;
        }

        /**
         * Sets where zinit sends the service's output.
         *
         * @param log where output goes; {@code null} for zinit's default (ring)
         * @return this builder
         */
        public Builder log(LogType log) {
            this.log = log;
            return this;
        }

        /**
         * Adds one environment variable for the service's process, replacing an earlier value of the same name.
         *
         * @param key   an environment variable name
         * @param value its value
         * @return this builder
         */
        public Builder env(String key, String value) {
            this.env.put(Objects.requireNonNull(key, "env key"), Objects.requireNonNull(value, "env value"));
            return this;
        }

        /**
         * Adds environment variables for the service's process, replacing earlier values of the same names.
         *
         * @param env environment variables to add
         * @return this builder
         */
        public Builder env(Map<String, String> env) {
            env.forEach(this::env);
            return this;
        }

        /**
         * Sets the working directory the service's process starts in.
         *
         * @param dir the working directory; {@code null} for zinit's own
         * @return this builder
         */
        public Builder dir(String dir) {
            this.dir = dir;
            return this;
        }

        /**
         * Sets a top-level key zinit4j does not model, written as given.
         *
         * @param key   the key
         * @param value a YAML-representable value (string, number, boolean, list or map)
         * @return this builder
         */
        public Builder extra(String key, Object value) {
            this.extra.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /**
         * {@return the service file}
         *
         * @throws ServiceFileFormatException when exec is missing or blank
         */
        public ServiceConfig build() {
            return new ServiceConfig(this);
        }
    }
}
