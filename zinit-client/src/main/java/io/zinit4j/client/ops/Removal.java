package io.zinit4j.client.ops;

import java.util.Objects;

/**
 * What {@link ServiceInstaller#uninstall} changed. Immutable and thread-safe.
 *
 * @param name          the service
 * @param wasMonitored  whether zinit monitored it before the call (it was then stopped and forgotten)
 * @param file          {@link FileChange#REMOVED} when a file was deleted, {@link FileChange#ABSENT} when there was none
 */
public record Removal(String name, boolean wasMonitored, FileChange file) {
    /**
     * Creates a removal record.
     *
     * @param name         the service; never {@code null}
     * @param wasMonitored whether zinit monitored it before the call
     * @param file         {@link FileChange#REMOVED} or {@link FileChange#ABSENT}; never {@code null}
     * @throws NullPointerException when {@code name} or {@code file} is {@code null}
     */
    public Removal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
    }

    /** {@return whether anything changed on the node} */
    public boolean changed() {
        return wasMonitored || file == FileChange.REMOVED;
    }
}
