package io.zinit4j.client.ops;

import java.util.Objects;

/**
 * What {@link ServiceInstaller#install} or {@link ServiceInstaller#update} changed. Immutable and thread-safe.
 *
 * @param name           the service
 * @param file           what happened to its file ({@link FileChange#CREATED}, {@link FileChange#UPDATED} or {@link
 *                       FileChange#UNCHANGED})
 * @param newlyMonitored whether zinit started monitoring it in this call (false when it already was)
 * @param reloaded       whether it was stopped, forgotten and monitored again so that zinit reads the new file
 * @param staleDefinition whether zinit still runs the definition it loaded before this call: the file changed while
 *                       the service was monitored and was not reloaded ({@link ServiceInstaller#install} never
 *                       reloads; {@link ServiceInstaller#update} does)
 */
public record Installation(String name, FileChange file, boolean newlyMonitored, boolean reloaded,
                           boolean staleDefinition) {
    /**
     * Creates an installation record.
     *
     * @param name            the service; never {@code null}
     * @param file            what happened to its file; never {@code null}
     * @param newlyMonitored  whether zinit started monitoring it in this call
     * @param reloaded        whether it was stopped, forgotten and monitored again so that zinit reads the new file
     * @param staleDefinition whether zinit still runs the definition it loaded before this call
     * @throws NullPointerException when {@code name} or {@code file} is {@code null}
     */
    public Installation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
    }

    /** {@return whether anything changed on the node (file, monitoring or a reload)} */
    public boolean changed() {
        return file != FileChange.UNCHANGED || newlyMonitored || reloaded;
    }
}
