package io.zinit4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shell-style word splitting and quoting with the rules of the shlex splitter zinit uses for exec lines and for the
 * legacy socket protocol: white space separates words; single quotes keep everything literally; inside double quotes a
 * backslash escapes {@code $ ` " \} and a line end; outside quotes a backslash escapes any character; {@code #} at the
 * start of a word starts a comment to the end of the line. Only space, tab and line feed separate words (a carriage
 * return is an ordinary character), and a backslash before a line feed joins the lines.
 *
 * <p>{@link #quote(String)} writes single quotes where shlex's own quoting writes double quotes; both read back to the
 * same word through {@link #split(String)}, which is what the legacy protocol and zinit's exec parsing rely on.
 *
 * <p>Stateless and thread-safe.
 */
public final class ShellWords {
    private ShellWords() {
    }

    /**
     * Splits a line into words.
     *
     * @param line the line
     * @return the words, or empty when a quote is not closed or the line ends in a lone backslash (zinit then
     *         answers {@code invalid command syntax})
     */
    public static Optional<List<String>> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (word == null) {
                if (isBlank(c)) {
                    i++;
                    continue;
                }
                if (c == '#') {
                    while (i < n && line.charAt(i) != '\n') {
                        i++;
                    }
                    continue;
                }
                word = new StringBuilder();
            }
            if (isBlank(c)) {
                words.add(word.toString());
                word = null;
                i++;
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    return Optional.empty();
                }
                word.append(line, i + 1, close);
                i = close + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\') {
                        if (i + 1 >= n) {
                            return Optional.empty();
                        }
                        char e = line.charAt(i + 1);
                        if (e == '$' || e == '`' || e == '"' || e == '\\') {
                            word.append(e);
                        } else if (e != '\n') {
                            word.append('\\').append(e);
                        }
                        i += 2;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    return Optional.empty();
                }
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    return Optional.empty();
                }
                char e = line.charAt(i + 1);
                if (e != '\n') {
                    word.append(e);
                }
                i += 2;
            } else {
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return Optional.of(words);
    }

    /**
     * Quotes one word so that {@link #split(String)} gives it back unchanged: bare when it holds only characters that
     * need no quoting, else in single quotes, with any single quote written as {@code '\''}.
     *
     * @param word the word; must not contain a line end
     * @return the quoted word
     * @throws IllegalArgumentException when the word contains a line end, which no quoting can carry on a line
     */
    public static String quote(String word) {
        if (word.indexOf('\n') >= 0 || word.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a line end cannot be carried in a one-line command");
        }
        if (!word.isEmpty() && word.chars().allMatch(ShellWords::isSafe)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Joins words into one line, each quoted with {@link #quote(String)}.
     *
     * @param words the words
     * @return the line, without a line end
     */
    public static String join(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(quote(w));
        }
        return b.toString();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n';
    }

    private static boolean isSafe(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-_.,:/@%+=".indexOf(c) >= 0;
    }
}
