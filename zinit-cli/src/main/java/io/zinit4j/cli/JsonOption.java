package io.zinit4j.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --json} option, mixed into every command so that it can follow the command name as well as precede it.
 * Not thread-safe (picocli sets it while parsing).
 */
public final class JsonOption {
    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    /** Creates the mixin (picocli instantiates it). */
    public JsonOption() {
    }

    /** {@return whether {@code --json} was given after the command name} */
    public boolean json() {
        return json;
    }
}
