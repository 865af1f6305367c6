package io.zinit4j.model;

import java.util.Objects;

/**
 * One line of zinit's log, parsed from {@code [+] web: text} (standard output) or {@code [-] web: text} (standard
 * error; zinit also writes its {@code ------------ [start] ------------} marker this way). A test command's output is
 * logged under {@code <service>/test}.
 *
 * @param service the service name as zinit wrote it (may end in {@code /test})
 * @param stream  which stream the line came from
 * @param text    the text after {@code <service>: }
 * @param raw     the line exactly as received, without the line end
 */
public record LogLine(String service, LogStream stream, String text, String raw) {
    /**
     * Creates a log line from its parts; {@link #parse(String)} is the usual way to get one.
     *
     * @param service the service name as zinit wrote it, empty for a line in no known format; never {@code null}
     * @param stream  which stream the line came from; never {@code null}
     * @param text    the text after {@code <service>: }; never {@code null}
     * @param raw     the line exactly as received, without the line end; never {@code null}
     * @throws NullPointerException when any component is {@code null}
     */
    public LogLine {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(raw, "raw");
    }

    /** Which output stream of the service a log line came from. */
    public enum LogStream {
        /** {@code [+]}: standard output. */
        STDOUT,
        /** {@code [-]}: standard error, and zinit's own markers. */
        STDERR,
        /** A line that does not follow zinit's format. */
        UNKNOWN
    }

    /**
     * Parses one log line. Never throws: a line without zinit's prefix gives stream {@link LogStream#UNKNOWN}, an empty
     * service name and the whole line as text.
     *
     * @param line the line, with or without its line end
     * @return the parsed line
     */
    public static LogLine parse(String line) {
        String raw = line == null ? "" : stripLineEnd(line);
        LogStream stream;
        if (raw.startsWith("[+] ")) {
            stream = LogStream.STDOUT;
        } else if (raw.startsWith("[-] ")) {
            stream = LogStream.STDERR;
        } else {
            return new LogLine("", LogStream.UNKNOWN, raw, raw);
        }
        String rest = raw.substring(4);
        int colon = rest.indexOf(": ");
        if (colon < 0) {
            if (rest.endsWith(":")) {
                return new LogLine(rest.substring(0, rest.length() - 1), stream, "", raw);
            }
            return new LogLine("", LogStream.UNKNOWN, raw, raw);
        }
        return new LogLine(rest.substring(0, colon), stream, rest.substring(colon + 2), raw);
    }

    /** {@return whether this is zinit's {@code ------------ [start] ------------} marker written at each spawn} */
    public boolean isStartMarker() {
        return text.equals("------------ [start] ------------");
    }

    /**
     * Whether this line belongs to a service: its own output or its test command's ({@code <service>/test}).
     *
     * @param name the service name
     * @return whether the line is the service's
     */
    public boolean belongsTo(String name) {
        return service.equals(name) || service.equals(name + "/test");
    }

    private static String stripLineEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }
}
