package io.zinit4j.client;

import java.util.List;

/**
 * Resource use of a running service and its children (JSON-RPC {@code service_stats}, zinit 0.2.15 and later).
 *
 * @param name        the service name
 * @param pid         the main process id
 * @param memoryBytes resident memory in bytes
 * @param cpuPercent  CPU use in percent
 * @param children    the child processes
 */
public record ServiceStats(String name, int pid, long memoryBytes, double cpuPercent, List<ChildStats> children) {
    /**
     * Creates the stats of one service; the list of children is copied.
     *
     * @param name        the service name
     * @param pid         the main process id
     * @param memoryBytes resident memory in bytes
     * @param cpuPercent  CPU use in percent
     * @param children    the child processes; {@code null} for none
     */
    public ServiceStats {
        children = children == null ? List.of() : List.copyOf(children);
    }

    /**
     * One child process of a service.
     *
     * @param pid         its process id
     * @param memoryBytes resident memory in bytes
     * @param cpuPercent  CPU use in percent
     */
    public record ChildStats(int pid, long memoryBytes, double cpuPercent) {
    }
}
