package io.zinit4j.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's state as zinit reports it, parsed from the server's text, with the raw text kept.
 *
 * <p>For {@link StateKind#ERROR} the detail zinit gives is typed: {@code Error(Exited(Pid(12), 1))} has {@link
 * #exitCode()} 1, {@code Error(Signaled(Pid(12), SIGKILL, false))} has {@link #signal()} SIGKILL; both have {@link
 * #processId()} 12, the pid of the process that ended. Parsing never throws: text that names no state gives {@link
 * StateKind#UNKNOWN} with the text kept in {@link #raw()}.
 *
 * <p>Instances are immutable and thread-safe; equality is by the raw text.
 */
public final class ServiceState {
    private static final Pattern EXITED =
            Pattern.compile("(?i)^\\s*error\\s*\\(\\s*exited\\s*\\(\\s*pid\\s*\\(\\s*(-?\\d+)\\s*\\)\\s*,\\s*(-?\\d+)\\s*\\)\\s*\\)\\s*$");
    private static final Pattern SIGNALED = Pattern.compile(
            "(?i)^\\s*error\\s*\\(\\s*signaled\\s*\\(\\s*pid\\s*\\(\\s*(-?\\d+)\\s*\\)\\s*,\\s*([A-Za-z0-9]+)\\s*,\\s*(true|false)\\s*\\)\\s*\\)\\s*$");

    private final StateKind kind;
    private final String raw;
    private final Integer exitCode;
    private final Signal signal;
    private final Integer processId;
    private final boolean coreDumped;

    private ServiceState(StateKind kind, String raw, Integer exitCode, Signal signal, Integer processId,
                         boolean coreDumped) {
        this.kind = kind;
        this.raw = raw;
        this.exitCode = exitCode;
        this.signal = signal;
        this.processId = processId;
        this.coreDumped = coreDumped;
    }

    /**
     * Parses zinit's state text: {@code Running}, {@code running}, {@code TestFailure}, {@code test_failure}, {@code
     * Error(Exited(Pid(12), 1))}, {@code Error(Signaled(Pid(12), SIGKILL, false))}.
     *
     * @param text the server's text; {@code null} is read as empty
     * @return the state; never {@code null}, never throws
     */
    public static ServiceState parse(String text) {
        String raw = text == null ? "" : text;
        Matcher m = EXITED.matcher(raw);
        if (m.matches()) {
            return new ServiceState(StateKind.ERROR, raw, parseIntOrNull(m.group(2)), null, parseIntOrNull(m.group(1)),
                    false);
        }
        m = SIGNALED.matcher(raw);
        if (m.matches()) {
            return new ServiceState(StateKind.ERROR, raw, null, Signal.find(m.group(2)).orElse(null),
                    parseIntOrNull(m.group(1)), Boolean.parseBoolean(m.group(3).toLowerCase(java.util.Locale.ROOT)));
        }
        return new ServiceState(StateKind.fromText(raw), raw, null, null, null, false);
    }

    /**
     * Whether the text named one of zinit's eight states. This tells zinit's own {@code Unknown} (sent, for instance,
     * for a dependency that is not monitored) apart from text zinit4j could not read, both of which have kind {@link
     * StateKind#UNKNOWN}.
     *
     * @return whether the state text was understood
     */
    public boolean recognized() {
        if (kind != StateKind.UNKNOWN) {
            return true;
        }
        String head = raw.strip();
        int paren = head.indexOf('(');
        return (paren >= 0 ? head.substring(0, paren) : head).strip().equalsIgnoreCase("unknown");
    }

    /**
     * A state of the given kind with zinit's own text for it ({@code Running}, {@code TestFailure}, ...), for tests and
     * fakes. Errors made this way carry no detail.
     *
     * @param kind the kind
     * @return the state
     */
    public static ServiceState of(StateKind kind) {
        return new ServiceState(Objects.requireNonNull(kind, "kind"), wireName(kind), null, null, null, false);
    }

    /**
     * zinit's text for an error after the process exited with a code: {@code Error(Exited(Pid(pid), code))}.
     *
     * @param pid  the pid of the process that exited
     * @param code its exit code
     * @return the state
     */
    public static ServiceState exited(int pid, int code) {
        return parse("Error(Exited(Pid(" + pid + "), " + code + "))");
    }

    /**
     * zinit's text for an error after the process was killed: {@code Error(Signaled(Pid(pid), SIGKILL, false))}.
     *
     * @param pid    the pid of the process that was killed
     * @param signal the signal that killed it
     * @return the state
     */
    public static ServiceState signaled(int pid, Signal signal) {
        return parse("Error(Signaled(Pid(" + pid + "), " + signal.name() + ", false))");
    }

    /** {@return the kind of state} */
    public StateKind kind() {
        return kind;
    }

    /** {@return the text exactly as the server sent it} */
    public String raw() {
        return raw;
    }

    /** {@return the exit code, for an error after the process exited with a code} */
    public OptionalInt exitCode() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    /** {@return the signal, for an error after the process was killed by a signal zinit4j knows} */
    public Optional<Signal> signal() {
        return Optional.ofNullable(signal);
    }

    /** {@return the pid of the process whose end caused the error, for errors} */
    public OptionalInt processId() {
        return processId == null ? OptionalInt.empty() : OptionalInt.of(processId);
    }

    /** {@return whether the signal produced a core dump (the last field of {@code Signaled})} */
    public boolean coreDumped() {
        return coreDumped;
    }

    /**
     * {@return whether this state is of that kind}
     *
     * @param kind a kind
     */
    public boolean is(StateKind kind) {
        return this.kind == kind;
    }

    /**
     * {@return whether this state is of any of them}
     *
     * @param kinds some kinds
     */
    public boolean any(StateKind... kinds) {
        for (StateKind k : kinds) {
            if (k == kind) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the service is in a state the Go client calls exited: success, error, failure or blocked.
     *
     * <p>{@link StateKind#TEST_FAILURE} is deliberately <em>not</em> exited. In upstream zinit (v0.2.x,
     * {@code src/zinit/mod.rs}) the test loop sets TestFailure only when the test command itself cannot be run; it
     * neither kills nor waits for the service's own process, which keeps running (and keeps its pid) until it ends on
     * its own, at which point the state becomes Success or Error. Treating TestFailure as exited would make a waiter
     * believe a live process is gone.
     *
     * @return whether no process of this service runs and zinit is not about to start one for the current attempt
     */
    public boolean exited() {
        return any(StateKind.SUCCESS, StateKind.ERROR, StateKind.FAILURE, StateKind.BLOCKED);
    }

    /** {@return zinit's own spelling of a kind, as sent on the wire} */
    static String wireName(StateKind kind) {
        switch (kind) {
            case TEST_FAILURE:
                return "TestFailure";
            default:
                String n = kind.name();
                return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static Integer parseIntOrNull(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceState && ((ServiceState) o).raw.equals(raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    /** {@return the raw text} */
    @Override
    public String toString() {
        return raw;
    }
}
