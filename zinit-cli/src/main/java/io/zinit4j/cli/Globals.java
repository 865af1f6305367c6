package io.zinit4j.cli;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.lifecycle.LifecycleClock;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The global options of one {@code zinitctl} run and what the commands make from them: the client, the output, the
 * one-line error report. Kept apart from {@link ZinitCtl} and free of picocli types, so that {@link FastPath} runs
 * {@code list} without the JVM loading any picocli class: picocli's Java 5 class files are not kept in the class-data
 * archive, and the verifier and the launcher's reflection on the main class would load them from the jar on every
 * run. {@link ZinitCtl} copies what picocli parsed into one of these. Not thread-safe; one per run.
 */
final class Globals {
    private final ClientFactory factory;
    private final Map<String, String> env;
    private final boolean terminal;

    Path socket;
    URI url;
    Path configDir;
    Protocol protocol = Protocol.AUTO;
    Duration timeout;
    boolean json;
    private boolean debug;
    /** Where results go; set before the command runs. */
    PrintWriter out;

    /**
     * @param factory  makes the client from the global options
     * @param env      the environment ({@code ZINIT_CONFIG_DIR}, {@code NO_COLOR})
     * @param terminal whether standard output is a terminal (colours are used only then)
     */
    Globals(ClientFactory factory, Map<String, String> env, boolean terminal) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.terminal = terminal;
    }

    /** Turns debug output on or off; {@code --debug}. */
    void debug(boolean on) {
        this.debug = on;
        if (on) {
            // slf4j-simple reads this when its first logger is made, which happens after parsing
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
    }

    /** @return the global options with the environment's defaults applied */
    GlobalOptions options() {
        Path dir = configDir;
        String envDir = env.get("ZINIT_CONFIG_DIR");
        if (dir == null && envDir != null && !envDir.isBlank()) {
            dir = Path.of(envDir);
        }
        if (socket != null && url != null) {
            throw new IllegalArgumentException("use either -s/--socket or --url, not both");
        }
        // checked here although the client's builder checks them too: its messages name builder methods and enum
        // constants (connectTimeout, Protocol.JSON_RPC) that a user of zinitctl never typed
        if (url != null && protocol == Protocol.LEGACY) {
            throw new IllegalArgumentException("--url needs --protocol auto or json-rpc: the legacy protocol "
                    + "(zinit 0.2.14 and earlier) has no HTTP server");
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("--timeout must be more than zero");
        }
        return new GlobalOptions(socket, url, dir, protocol, timeout, debug);
    }

    /** @return the time source of waits, the one the clients of the factory use */
    LifecycleClock clock() {
        return factory.clock();
    }

    ZinitClient newClient() {
        return factory.create(options());
    }

    Output output(boolean jsonAfterCommand) {
        boolean colour = terminal && !env.containsKey("NO_COLOR");
        return new Output(out, json || jsonAfterCommand, colour);
    }

    /**
     * Prints a failure of a command as one line (and its stack trace with {@code --debug}).
     *
     * @return the exit code for it
     */
    int report(Exception e, PrintWriter err) {
        err.println("zinitctl: " + oneLine(FailureText.of(e)));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.of(e);
    }

    /** Errors are one line, so that scripts can grep them; multi-line messages (regex errors) are joined. */
    static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Sets a global option that takes a value, as picocli would, for {@link FastPath}.
     *
     * @param name  the option's long name
     * @param value its value
     * @return false when the value is bad or the option unknown (picocli then reports it)
     */
    boolean setGlobal(String name, String value) {
        try {
            switch (name) {
                case "--socket":
                    socket = Path.of(value);
                    return true;
                case "--url":
                    url = url(value);
                    return true;
                case "--config-dir":
                    configDir = Path.of(value);
                    return true;
                case "--protocol":
                    protocol = protocol(value);
                    return true;
                case "--timeout":
                    timeout = Durations.parse(value);
                    return true;
                default:
                    return false;
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Reads an http or https URL, refusing anything else with a message that says what is wanted.
     *
     * @throws IllegalArgumentException when the text is no such URL
     */
    static URI url(String value) {
        URI u;
        try {
            u = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: '" + value + "' (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
            throw new IllegalArgumentException("expected http://HOST:PORT or https://..., got '" + value + "'");
        }
        return u;
    }

    /**
     * Reads {@code auto}, {@code legacy} and {@code json-rpc} in any case.
     *
     * @throws IllegalArgumentException when the text names no protocol
     */
    static Protocol protocol(String value) {
        switch (value.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "auto":
                return Protocol.AUTO;
            case "legacy":
                return Protocol.LEGACY;
            case "json-rpc":
            case "jsonrpc":
                return Protocol.JSON_RPC;
            default:
                throw new IllegalArgumentException("'" + value + "' is not a protocol (auto, legacy, json-rpc)");
        }
    }
}
