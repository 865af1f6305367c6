package io.zinit4j.client.internal.protocol;

import io.zinit4j.error.InvalidSignalException;
import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.error.ServiceConfigRejectedException;
import io.zinit4j.error.ServiceIsDownException;
import io.zinit4j.error.ServiceIsUpException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.ShuttingDownException;
import io.zinit4j.error.ZinitServerException;
import java.util.regex.Pattern;

/**
 * Maps the error texts of the legacy line protocol (zinit up to 0.2.14) to typed exceptions. The texts are matched
 * exactly as recorded from a real server; anything else becomes a plain {@link ZinitServerException} that keeps the
 * server's text. Stateless and thread-safe.
 */
public final class LegacyErrors {
    private static final Pattern NOT_FOUND = Pattern.compile("service name \".*\" unknown", Pattern.DOTALL);
    private static final Pattern MONITORED = Pattern.compile("service \".*\" already monitored", Pattern.DOTALL);
    private static final Pattern IS_UP = Pattern.compile("service \".*\" is up", Pattern.DOTALL);
    private static final Pattern IS_DOWN = Pattern.compile("service \".*\" is down", Pattern.DOTALL);

    private LegacyErrors() {
    }

    /**
     * @param attempted what was attempted, e.g. {@code "status web"}; it leads the message
     * @param body      the server's error text, unchanged
     * @return the typed exception for that text (not thrown)
     */
    public static ZinitServerException map(String attempted, String body) {
        String text = body == null ? "" : body;
        String message = attempted + ": " + text;
        if (NOT_FOUND.matcher(text).matches()) {
            return new ServiceNotFoundException(message, text, null, null);
        }
        if (MONITORED.matcher(text).matches()) {
            return new ServiceAlreadyMonitoredException(message, text, null, null);
        }
        if (IS_UP.matcher(text).matches()) {
            return new ServiceIsUpException(message, text, null, null);
        }
        if (IS_DOWN.matcher(text).matches()) {
            return new ServiceIsDownException(message, text, null, null);
        }
        if (text.startsWith("EINVAL")) {
            // the only EINVAL the line protocol produces comes from parsing the signal name of kill
            return new InvalidSignalException(message, text, null, null);
        }
        if (text.equals("failed to load service config")) {
            return new ServiceConfigRejectedException(message, text, null, null);
        }
        if (text.equals("zinit is shutting down")) {
            return new ShuttingDownException(message, text, null, null);
        }
        return new ZinitServerException(message, text, null, null);
    }
}
