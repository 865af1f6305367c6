package io.zinit4j.client;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The socket a client uses and why it was chosen.
 *
 * @param path   the socket path
 * @param reason how it was chosen, e.g. {@code "from ZINIT_SOCKET"} or {@code "default /var/run/zinit.sock exists"}
 */
public record SocketChoice(Path path, String reason) {
    /**
     * Creates a choice.
     *
     * @param path   the socket path; never {@code null}
     * @param reason how it was chosen, for messages and {@code --debug} output; never {@code null}
     * @throws NullPointerException when a component is {@code null}
     */
    public SocketChoice {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return path + " (" + reason + ")";
    }
}
