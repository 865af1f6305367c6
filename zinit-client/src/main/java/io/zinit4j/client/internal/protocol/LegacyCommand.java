package io.zinit4j.client.internal.protocol;

import io.zinit4j.client.Operation;
import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.model.ShellWords;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One command line of the legacy protocol: a verb and its arguments, quoted so that the server's shell-style split
 * gives back exactly these words. Immutable and thread-safe.
 *
 * @param words the verb first, then the arguments
 */
public record LegacyCommand(List<String> words) {
    /**
     * Checks that every word can be carried on one line.
     *
     * @throws InvalidServiceNameException when an argument holds a line end or NUL, which no quoting can carry
     */
    public LegacyCommand {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a command needs a verb");
        }
        for (int i = 1; i < words.size(); i++) {
            String w = Objects.requireNonNull(words.get(i), "argument");
            for (int j = 0; j < w.length(); j++) {
                char c = w.charAt(j);
                if (c == '\n' || c == '\r' || c == 0) {
                    throw new InvalidServiceNameException(w, "the legacy line protocol cannot carry a line end or NUL"
                            + " (at index " + j + ")");
                }
            }
        }
    }

    /**
     * @param words the verb, then the arguments
     * @return the command
     */
    public static LegacyCommand of(String... words) {
        return new LegacyCommand(List.of(words));
    }

    /**
     * @param operation an operation the legacy protocol has ({@link Operation#legacyCommand()} is not {@code null})
     * @param arguments its arguments
     * @return the command: the operation's words, then the arguments
     * @throws IllegalArgumentException when the legacy protocol has no such command
     */
    public static LegacyCommand of(Operation operation, String... arguments) {
        String verb = operation.legacyCommand();
        if (verb == null) {
            throw new IllegalArgumentException("the legacy protocol has no command for " + operation);
        }
        List<String> words = new java.util.ArrayList<>(List.of(verb.split(" ")));
        words.addAll(List.of(arguments));
        return new LegacyCommand(words);
    }

    /** @return the line without its line end, each word quoted as needed */
    public String line() {
        return ShellWords.join(words);
    }

    /** @return the bytes to send: the line and one {@code \n}, in UTF-8 */
    public byte[] bytes() {
        return (line() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** @return the words joined by spaces, unquoted, for messages */
    @Override
    public String toString() {
        return String.join(" ", words);
    }
}
