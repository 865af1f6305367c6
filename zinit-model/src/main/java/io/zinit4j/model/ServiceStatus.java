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
    /** Checks the components and copies {@code after}. */
    public ServiceStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(target, "target");
        after = after == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(after));
    }
}
