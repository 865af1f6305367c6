package io.zinit4j.model;

import io.zinit4j.error.InvalidServiceNameException;
import java.nio.charset.StandardCharsets;

/**
 * The rule for service names, applied before any name is sent on the socket or used as a file name.
 *
 * <p>A name is accepted when it is not empty, not {@code .} or {@code ..}, at most {@value #MAX_BYTES} bytes in UTF-8
 * (a file name limit, with room for {@code .yaml}), and free of path separators ({@code /}, {@code \}), white space,
 * control characters, quotes and NUL. These are exactly the characters that could escape the config directory or
 * change the command a line-protocol server reads. Stateless and thread-safe.
 */
public final class ServiceNames {
    /** The longest name, in UTF-8 bytes. */
    public static final int MAX_BYTES = 250;

    private ServiceNames() {
    }

    /**
     * {@return the name, unchanged}
     *
     * @param name a candidate name
     * @throws InvalidServiceNameException when the name breaks the rule, saying which part
     */
    public static String validate(String name) {
        if (name == null) {
            throw new InvalidServiceNameException(null, "a name is required");
        }
        if (name.isEmpty()) {
            throw new InvalidServiceNameException(name, "a name must not be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidServiceNameException(name, "'.' and '..' name directories, not services");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidServiceNameException(name.substring(0, 32) + "...",
                    "a name must be at most " + MAX_BYTES + " bytes");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            String why = null;
            if (c == '/' || c == '\\') {
                why = "a name must not contain a path separator";
            } else if (Character.isISOControl(c)) {
                why = "a name must not contain control characters";
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                why = "a name must not contain white space";
            } else if (c == '"' || c == '\'' || c == '`') {
                why = "a name must not contain quotes";
            } else if (Character.isSurrogate(c) && !validSurrogate(name, i)) {
                why = "a name must be valid Unicode text";
            }
            if (why != null) {
                throw new InvalidServiceNameException(name, why + " (at index " + i + ")");
            }
        }
        return name;
    }

    /**
     * {@return whether {@link #validate(String)} accepts it}
     *
     * @param name a candidate name
     */
    public static boolean isValid(String name) {
        try {
            validate(name);
            return true;
        } catch (InvalidServiceNameException e) {
            return false;
        }
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
