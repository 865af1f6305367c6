package io.zinit4j.client.internal.protocol;

import io.zinit4j.error.InvalidSignalException;
import io.zinit4j.error.ServiceAlreadyExistsException;
import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.error.ServiceConfigRejectedException;
import io.zinit4j.error.ServiceFileException;
import io.zinit4j.error.ServiceIsDownException;
import io.zinit4j.error.ServiceIsUpException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.ShuttingDownException;
import io.zinit4j.error.ZinitServerException;
import java.util.List;
import java.util.Locale;

/**
 * The one table from zinit's error answers to typed exceptions, for both generations: each row is one kind of failure,
 * with the JSON-RPC code zinit 0.2.28 gives it and the phrases its text contains. Stateless and thread-safe.
 *
 * <p>The one matching rule for texts ({@link #byText}): the service name is taken out (from the first quote to the
 * last quote of the same kind, so that a name such as {@code "is up"} cannot decide), the rest is lower-cased, and the
 * first row, in table order, with a phrase the rest contains wins. The legacy line protocol has only texts; a JSON-RPC
 * error is matched by its code first ({@link #byCode}), and by its text only for codes without a meaning of their own
 * (older 0.2.x servers answer most failures with -32603 "Internal error").
 */
final class ServerErrors {
    /** Makes the exception of one row. */
    @FunctionalInterface
    private interface Factory {
        ZinitServerException create(String message, String serverMessage, Integer code, String data);
    }

    /** The table; the order is the order texts are tried in. */
    private enum Row {
        NOT_FOUND(-32000, ServiceNotFoundException::new, "unknown", "not found"),
        ALREADY_MONITORED(-32001, ServiceAlreadyMonitoredException::new, "already monitored"),
        ALREADY_EXISTS(-32007, ServiceAlreadyExistsException::new, "already exists"),
        IS_UP(-32002, ServiceIsUpException::new, "is up"),
        IS_DOWN(-32003, ServiceIsDownException::new, "is down"),
        // the line protocol's only EINVAL comes from parsing the signal name of kill
        INVALID_SIGNAL(-32004, InvalidSignalException::new, "einval", "signal"),
        SHUTTING_DOWN(-32006, ShuttingDownException::new, "shutting down"),
        CONFIG_REJECTED(-32005, ServiceConfigRejectedException::new, "failed to load", "config"),
        // no text of its own: only zinit 0.2.28's code names it
        FILE_ERROR(-32008, ServiceFileException::new);

        final int code;
        final Factory factory;
        final List<String> phrases;

        Row(int code, Factory factory, String... phrases) {
            this.code = code;
            this.factory = factory;
            this.phrases = List.of(phrases);
        }
    }

    private ServerErrors() {
    }

    /**
     * @param code          a JSON-RPC error code
     * @param message       the exception's message
     * @param serverMessage the server's text, unchanged
     * @param data          the error's {@code data} as JSON text, or {@code null}
     * @return the typed exception of the row with that code, or {@code null} when no row has it
     */
    static ZinitServerException byCode(int code, String message, String serverMessage, String data) {
        for (Row row : Row.values()) {
            if (row.code == code) {
                return row.factory.create(message, serverMessage, code, data);
            }
        }
        return null;
    }

    /**
     * @param message       the exception's message
     * @param serverMessage the server's text, unchanged; the text matched
     * @param code          the JSON-RPC code, or {@code null} (legacy)
     * @param data          the error's {@code data} as JSON text, or {@code null}
     * @return the typed exception of the first row whose phrase the text contains, else a plain {@link
     *         ZinitServerException}
     */
    static ZinitServerException byText(String message, String serverMessage, Integer code, String data) {
        String text = withoutName(serverMessage == null ? "" : serverMessage).toLowerCase(Locale.ROOT);
        for (Row row : Row.values()) {
            for (String phrase : row.phrases) {
                if (text.contains(phrase)) {
                    return row.factory.create(message, serverMessage, code, data);
                }
            }
        }
        return new ZinitServerException(message, serverMessage, code, data);
    }

    /** The text without its quoted part: from the first quote (double or single) to the last one of that kind. */
    static String withoutName(String text) {
        int dq = text.indexOf('"');
        int sq = text.indexOf('\'');
        char quote = dq >= 0 && (sq < 0 || dq < sq) ? '"' : '\'';
        int first = Math.min(dq < 0 ? Integer.MAX_VALUE : dq, sq < 0 ? Integer.MAX_VALUE : sq);
        if (first == Integer.MAX_VALUE) {
            return text;
        }
        int last = text.lastIndexOf(quote);
        return last > first ? text.substring(0, first) + text.substring(last + 1) : text;
    }
}
