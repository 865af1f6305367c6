package io.zinit4j.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads durations the way people type them: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, combinations such as
 * {@code 1m30s}, a bare number of seconds, or ISO-8601 ({@code PT10S}). Stateless and thread-safe.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+");

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
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            try {
                Duration d = Duration.parse(v.toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw bad(value);
                }
                return d;
            } catch (DateTimeParseException e) {
                throw bad(value);
            }
        }
        if (v.matches("\\d+(?:\\.\\d+)?")) {
            return fraction(v, 1_000_000_000L);
        }
        if (!WHOLE.matcher(v).matches()) {
            throw bad(value);
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(v);
        while (m.find()) {
            long unitNanos;
            switch (m.group(2)) {
                case "ms":
                    unitNanos = 1_000_000L;
                    break;
                case "s":
                    unitNanos = 1_000_000_000L;
                    break;
                case "m":
                    unitNanos = 60_000_000_000L;
                    break;
                default:
                    unitNanos = 3_600_000_000_000L;
                    break;
            }
            total = total.plus(fraction(m.group(1), unitNanos));
        }
        return total;
    }

    private static Duration fraction(String number, long unitNanos) {
        try {
            return Duration.ofNanos(new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(unitNanos))
                    .setScale(0, java.math.RoundingMode.DOWN).longValueExact());
        } catch (ArithmeticException e) {
            throw new CommandLine.TypeConversionException("duration out of range: " + number);
        }
    }

    private static CommandLine.TypeConversionException bad(String value) {
        return new CommandLine.TypeConversionException("'" + value
                + "' is not a duration (examples: 500ms, 10s, 2m, 1m30s, PT10S)");
    }
}
