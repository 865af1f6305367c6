package io.zinit4j.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * zinit's config directory: one {@code <name>.yaml} per service.
 *
 * <p>Writes are atomic (a temporary file in the same directory, then a rename), so a crash never leaves a half-written
 * service file; names are checked with {@link ServiceNames#validate(String)} before any path is built, and no write
 * follows a symbolic link out of the directory. Thread-safe.
 */
public final class ServiceFiles {
    /** zinit's default config directory. */
    public static final Path DEFAULT_DIR = Path.of("/etc/zinit");

    private final Path dir;

    /** @param dir the config directory */
    public ServiceFiles(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** @return the config directory */
    public Path dir() {
        return dir;
    }

    /**
     * Writes {@code <name>.yaml} unless a file with the same content is already there.
     *
     * @param name   the service name
     * @param config the service file
     * @return whether the file was created or changed
     */
    public boolean add(String name, ServiceConfig config) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Deletes {@code <name>.yaml}.
     *
     * @param name the service name
     * @return whether a file was deleted
     */
    public boolean remove(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * @param name the service name
     * @return the service file
     */
    public ServiceConfig load(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * @param name the service name
     * @return the service file, or empty when there is none
     */
    public Optional<ServiceConfig> find(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    /** @return the names of the service files in the directory, sorted */
    public List<String> list() {
        throw new UnsupportedOperationException("not yet");
    }
}
