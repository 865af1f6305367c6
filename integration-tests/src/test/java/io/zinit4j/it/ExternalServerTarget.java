package io.zinit4j.it;

import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A zinit that already runs, named by {@code ZINIT_SOCKET} (config dir from {@code ZINIT_CONFIG_DIR}, default
 * {@code /etc/zinit}). Left running on close; the scenarios remove every service they create.
 */
final class ExternalServerTarget implements ZinitTarget {
    static final String SOCKET_ENV = "ZINIT_SOCKET";
    static final String CONFIG_DIR_ENV = "ZINIT_CONFIG_DIR";

    private final Path socket;
    private final Path configDir;

    private ExternalServerTarget(Path socket, Path configDir) {
        this.socket = socket;
        this.configDir = configDir;
    }

    /** @return the target, or aborts the calling test class with the reason */
    static ExternalServerTarget open() {
        return open(System.getenv());
    }

    static ExternalServerTarget open(Map<String, String> env) {
        String socket = env.get(SOCKET_ENV);
        if (socket == null || socket.isBlank()) {
            abort("external zinit skipped: " + SOCKET_ENV + " is not set (set it to a running zinit's socket)");
        }
        Path s = Path.of(socket.strip());
        if (!Files.exists(s)) {
            abort("external zinit skipped: " + SOCKET_ENV + "=" + socket + " does not exist");
        }
        String dir = env.get(CONFIG_DIR_ENV);
        return new ExternalServerTarget(s, Path.of(dir == null || dir.isBlank() ? "/etc/zinit" : dir.strip()));
    }

    @Override
    public String name() {
        return "external zinit at " + socket;
    }

    @Override
    public Path socket() {
        return socket;
    }

    @Override
    public Path configDir() {
        return configDir;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
