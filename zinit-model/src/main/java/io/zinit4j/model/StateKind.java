package io.zinit4j.model;

import java.util.Locale;

/**
 * The eight states a zinit service can be in, as zinit names them. Thread-safe (an enum).
 */
public enum StateKind {
    /** zinit knows the service but has not decided anything about it yet. */
    UNKNOWN,
    /** Waiting for a dependency named in {@code after} to be running or to have succeeded. */
    BLOCKED,
    /** The process is started; zinit waits for its test command (if any) to pass. */
    SPAWNED,
    /** The process runs (and its test passed, where it has one). */
    RUNNING,
    /** A oneshot service exited with code 0. */
    SUCCESS,
    /** The process exited with a non-zero code or was killed by a signal. */
    ERROR,
    /**
     * zinit could not run the service's test command. The service's own process keeps running (see {@link
     * ServiceState#exited()}); a test that runs but fails simply leaves the service {@link #SPAWNED} while zinit retries.
     */
    TEST_FAILURE,
    /** zinit could not start the process at all (missing binary, unparsable exec line). */
    FAILURE;

    /**
     * The kind named by a state's text, in any case, with or without an underscore: {@code running}, {@code Running},
     * {@code test_failure}, {@code TestFailure}. Detail in parentheses is ignored.
     *
     * @param text the state text
     * @return the kind, or {@link #UNKNOWN} when the text names none
     */
    public static StateKind fromText(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        String head = text.strip();
        int paren = head.indexOf('(');
        if (paren >= 0) {
            head = head.substring(0, paren);
        }
        String key = head.strip().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
        for (StateKind k : values()) {
            if (k.name().replace("_", "").toLowerCase(Locale.ROOT).equals(key)) {
                return k;
            }
        }
        return UNKNOWN;
    }
}
