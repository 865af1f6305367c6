package io.zinit4j.cli;

import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitException;

/**
 * The text {@code zinitctl} prints for a failed command. The library's messages are kept, except where they tell a
 * Java caller what to change in code: a missing socket is explained with the CLI's own option and variable instead.
 */
final class FailureText {
    private FailureText() {
    }

    /**
     * {@return its message for the user (may span lines; the caller joins them)}
     *
     * @param e the failure of a command
     */
    static String of(Exception e) {
        if (e instanceof ZinitConnectionException) {
            ZinitConnectionException c = (ZinitConnectionException) e;
            if (c.reason() == ZinitConnectionException.Reason.NO_SOCKET) {
                return "cannot connect to zinit: no socket at " + c.socket()
                        + ": is zinit running, and is this its socket (zinit -s)? "
                        + "Name it with -s/--socket or set ZINIT_SOCKET";
            }
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        if (!(e instanceof ZinitException) && !(e instanceof IllegalArgumentException)) {
            return e.getClass().getSimpleName() + ": " + message;
        }
        return message;
    }
}
