package io.zinit4j.cli;

import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.ServiceFileFormatException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.UnsupportedByServerException;
import io.zinit4j.error.WaitTimeoutException;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitServerException;
import io.zinit4j.error.ZinitTimeoutException;
import picocli.CommandLine;

/**
 * The exit codes of {@code zinitctl}, one per kind of failure a script may want to tell apart. They are part of the
 * command line's contract: do not renumber.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** An error that fits no other code (a bug, an unexpected I/O error). */
    public static final int ERROR = 1;
    /** The command line was wrong: unknown command or option, bad value, missing {@code --yes}. */
    public static final int USAGE = 2;
    /** A named service is not monitored by zinit. */
    public static final int NOT_FOUND = 3;
    /** A request or a wait ran out of time. */
    public static final int TIMEOUT = 4;
    /** The socket could not be reached: zinit is not running there, or permission was denied. */
    public static final int CANNOT_CONNECT = 5;
    /** zinit answered with an error, or with something that is not its protocol. */
    public static final int SERVER_ERROR = 6;
    /** A service failed while {@code zinitctl} waited for it to run. */
    public static final int SERVICE_FAILED = 7;
    /** The server's zinit version lacks the operation (e.g. {@code stats} before 0.2.15). */
    public static final int UNSUPPORTED = 8;

    /** The text shown in {@code zinitctl --help}; kept next to the codes so that both change together. */
    static final String HELP_FOOTER = "%nExit codes:%n"
            + "  0  success%n"
            + "  1  other error%n"
            + "  2  usage error (bad command line, missing --yes)%n"
            + "  3  service not found%n"
            + "  4  timeout (request or wait)%n"
            + "  5  cannot connect to zinit's socket%n"
            + "  6  zinit answered with an error%n"
            + "  7  a service failed while waiting for it%n"
            + "  8  not supported by this zinit version%n"
            + "%nEnvironment: ZINIT_SOCKET (socket), ZINIT_CONFIG_DIR (config directory), NO_COLOR (no colours).%n";

    private ExitCodes() {
    }

    /**
     * {@return the exit code for it}
     *
     * @param t a failure of a command
     */
    static int of(Throwable t) {
        if (t instanceof InvalidServiceNameException || t instanceof ServiceFileFormatException
                || t instanceof IllegalArgumentException) {
            return USAGE;
        }
        if (t instanceof ServiceNotFoundException) {
            return NOT_FOUND;
        }
        if (t instanceof ZinitTimeoutException || t instanceof WaitTimeoutException) {
            return TIMEOUT;
        }
        if (t instanceof ZinitConnectionException) {
            return CANNOT_CONNECT;
        }
        if (t instanceof ServiceFailedException) {
            return SERVICE_FAILED;
        }
        if (t instanceof UnsupportedByServerException) {
            return UNSUPPORTED;
        }
        if (t instanceof ZinitServerException || t instanceof ZinitProtocolException) {
            return SERVER_ERROR;
        }
        // last, because the first instanceof on it loads picocli's classes: a failed fast-path list (zinit not
        // running) is answered above without them. No zinit error is a picocli one, so the order changes no answer.
        if (t instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return ERROR;
    }
}
