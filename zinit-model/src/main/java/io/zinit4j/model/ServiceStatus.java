package io.zinit4j.model;

import java.util.Map;
import java.util.Objects;

/**
 * One service's status as zinit reports it.
 *
 * @param name   the service name
 * @param pid    the process id, or 0 when no process runs
 * @param state  the state, with exit code or signal for errors
 * @param target what zinit tries to keep the service at
 * @param after  each dependency named in {@code after} and its current state (insertion order kept)
 */
public record ServiceStatus(String name, int pid, ServiceState state, ServiceTarget target,
                            Map<String, ServiceState> after) {
    /**
     * Creates a status; {@code after} is copied, so later changes to the given map do not show.
     *
     * @param name   the service name; never {@code null}
     * @param pid    the process id, or 0 when no process runs
     * @param state  the state; never {@code null}
     * @param target what zinit tries to keep the service at; never {@code null}
     * @param after  each dependency and its current state, in the order to keep; {@code null} for none
     * @throws NullPointerException when {@code name}, {@code state} or {@code target} is {@code null}
     */
    public ServiceStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(target, "target");
        after = after == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(after));
    }
}
