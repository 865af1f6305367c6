package io.zinit4j.client.ops;

import io.zinit4j.model.ServiceStatus;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@link ServiceGroup}'s state at one moment.
 *
 * @param group     the group's name
 * @param members   each monitored member's status, sorted by name
 * @param unhealthy each member that is not healthy (not running, nor a oneshot that succeeded, or not monitored at
 *                  all) with what was seen, sorted by name
 */
public record GroupStatus(String group, Map<String, ServiceStatus> members, Map<String, String> unhealthy) {
    /**
     * Creates a status; the maps are copied and sorted by member name.
     *
     * @param group     the group's name; never {@code null}
     * @param members   each monitored member's status
     * @param unhealthy each member that is not healthy, with what was seen
     * @throws NullPointerException when a component is {@code null}
     */
    public GroupStatus {
        Objects.requireNonNull(group, "group");
        members = Collections.unmodifiableMap(new TreeMap<>(members));
        unhealthy = Collections.unmodifiableMap(new TreeMap<>(unhealthy));
    }

    /** {@return whether the group has members and every one of them is healthy} */
    public boolean healthy() {
        return !members.isEmpty() && unhealthy.isEmpty();
    }
}
