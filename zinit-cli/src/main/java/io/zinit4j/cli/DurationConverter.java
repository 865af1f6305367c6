package io.zinit4j.cli;

import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads durations the way people type them: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, combinations such as
 * {@code 1m30s}, a bare number of seconds, or ISO-8601 ({@code PT10S}). The reading itself is in a picocli-free class
 * that the fast path of {@code list} uses too; this converter gives its errors picocli's type. Stateless and
 * thread-safe.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    /** Creates the converter (picocli instantiates it). */
    public DurationConverter() {
    }

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * {@return the duration, never negative}
     *
     * @param value the text
     * @throws CommandLine.TypeConversionException when the text is no duration
     */
    public static Duration parse(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
