package io.zinit4j.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The POSIX signals zinit accepts by name (Linux numbering), as in {@code kill <service> <signal>} and {@code
 * signal.stop} in a service file.
 */
public enum Signal {
    /** Linux signal 1. */
    SIGHUP(1),
    /** Linux signal 2. */
    SIGINT(2),
    /** Linux signal 3. */
    SIGQUIT(3),
    /** Linux signal 4. */
    SIGILL(4),
    /** Linux signal 5. */
    SIGTRAP(5),
    /** Linux signal 6. */
    SIGABRT(6),
    /** Linux signal 7. */
    SIGBUS(7),
    /** Linux signal 8. */
    SIGFPE(8),
    /** Linux signal 9. */
    SIGKILL(9),
    /** Linux signal 10. */
    SIGUSR1(10),
    /** Linux signal 11. */
    SIGSEGV(11),
    /** Linux signal 12. */
    SIGUSR2(12),
    /** Linux signal 13. */
    SIGPIPE(13),
    /** Linux signal 14. */
    SIGALRM(14),
    /** Linux signal 15. */
    SIGTERM(15),
    /** Linux signal 16. */
    SIGSTKFLT(16),
    /** Linux signal 17. */
    SIGCHLD(17),
    /** Linux signal 18. */
    SIGCONT(18),
    /** Linux signal 19. */
    SIGSTOP(19),
    /** Linux signal 20. */
    SIGTSTP(20),
    /** Linux signal 21. */
    SIGTTIN(21),
    /** Linux signal 22. */
    SIGTTOU(22),
    /** Linux signal 23. */
    SIGURG(23),
    /** Linux signal 24. */
    SIGXCPU(24),
    /** Linux signal 25. */
    SIGXFSZ(25),
    /** Linux signal 26. */
    SIGVTALRM(26),
    /** Linux signal 27. */
    SIGPROF(27),
    /** Linux signal 28. */
    SIGWINCH(28),
    /** Linux signal 29. */
    SIGIO(29),
    /** Linux signal 30. */
    SIGPWR(30),
    /** Linux signal 31. */
    SIGSYS(31);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    /** {@return the signal number on Linux} */
    public int number() {
        return number;
    }

    /**
     * Finds a signal by name, in any case, with or without the {@code SIG} prefix ({@code SIGTERM}, {@code sigterm},
     * {@code TERM}), or by its Linux number.
     *
     * @param text the name or number
     * @return the signal, or empty when the text names none
     */
    public static Optional<Signal> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit) && t.length() < 4) {
            int n = Integer.parseInt(t);
            for (Signal s : values()) {
                if (s.number == n) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
        if (!t.startsWith("SIG")) {
            t = "SIG" + t;
        }
        for (Signal s : values()) {
            if (s.name().equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Like {@link #find(String)} but strict.
     *
     * @param text the name or number
     * @return the signal
     * @throws IllegalArgumentException when the text names no signal zinit accepts
     */
    public static Signal parse(String text) {
        return find(text).orElseThrow(() -> new IllegalArgumentException(
                "unknown signal '" + text + "' (expected a POSIX name such as SIGTERM or SIGKILL)"));
    }
}
