package io.zinit4j.testkit;

import io.zinit4j.model.Signal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a simulated process of a {@link FakeZinitServer} behaves: how long it stays spawned, whether and how it ends,
 * which signals it ignores, what it prints. Immutable; derive variants with the {@code with...} methods.
 *
 * @param spawnTime    how long it stays {@code Spawned} before {@code Running}, whatever its file says; {@code null}
 *                     for zinit's rule (Running at spawn without a {@code test}, else once a test run passed)
 * @param runTime      how long it runs before it ends by itself; {@code null} for never (a oneshot without a script
 *                     uses the server's default oneshot time)
 * @param exitCode     its exit code when it ends by itself (0 means success)
 * @param exitSignal   the signal that kills it when it ends by itself, or {@code null} to exit with {@code exitCode}
 * @param ignored      signals it ignores (SIGKILL and SIGSTOP cannot be ignored and are dropped)
 * @param failsToStart whether zinit cannot start it at all (state {@code Failure}, pid 0), like a missing binary
 * @param output       lines it prints to standard output when it starts, logged as {@code [+] name: line}
 * @param errors       lines it prints to standard error when it starts, logged as {@code [-] name: line}
 * @param tickPeriod   how often it prints a numbered line while it lives; {@code null} for never
 * @param tickPrefix   what the numbered lines start with: {@code tick-} prints {@code tick-0}, {@code tick-1}, ...
 * @param failingTests how many runs of the service's {@code test} command fail before one passes ({@link
 *                     Integer#MAX_VALUE}: it never passes); used only when the service file has a {@code test}
 */
public record Behavior(Duration spawnTime, Duration runTime, int exitCode, Signal exitSignal, Set<Signal> ignored,
                       boolean failsToStart, List<String> output, List<String> errors, Duration tickPeriod,
                       String tickPrefix, int failingTests) {
    /**
     * Creates a behaviour; the factory methods and {@code with...} copies are the usual way to get one. The lists and
     * the set are copied, so later changes to the given ones do not show.
     *
     * @param spawnTime    how long it stays {@code Spawned} before {@code Running}; {@code null} for zinit's rule; not
     *                     negative
     * @param runTime      how long it runs before it ends by itself; {@code null} for never; not negative
     * @param exitCode     its exit code when it ends by itself (0 means success)
     * @param exitSignal   the signal that kills it when it ends by itself, or {@code null} to exit with {@code exitCode}
     * @param ignored      signals it ignores, {@code null} for none; SIGKILL and SIGSTOP are dropped
     * @param failsToStart whether zinit cannot start it at all (state {@code Failure}, pid 0)
     * @param output       lines it prints to standard output when it starts, {@code null} for none
     * @param errors       lines it prints to standard error when it starts, {@code null} for none
     * @param tickPeriod   how often it prints a numbered line while it lives; {@code null} for never; else positive
     * @param tickPrefix   what the numbered lines start with; {@code null} for the empty string
     * @param failingTests how many runs of the service's {@code test} command fail before one passes; not negative
     * @throws IllegalArgumentException when a duration or {@code failingTests} is out of range
     */
    public Behavior {
        ignored = ignored == null || ignored.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(ignored));
        if (ignored.contains(Signal.SIGKILL) || ignored.contains(Signal.SIGSTOP)) {
            EnumSet<Signal> s = EnumSet.copyOf(ignored);
            s.remove(Signal.SIGKILL);
            s.remove(Signal.SIGSTOP);
            ignored = Set.copyOf(s);
        }
        output = output == null ? List.of() : List.copyOf(output);
        errors = errors == null ? List.of() : List.copyOf(errors);
        tickPrefix = tickPrefix == null ? "" : tickPrefix;
        if (tickPeriod != null && (tickPeriod.isNegative() || tickPeriod.isZero())) {
            throw new IllegalArgumentException("tickPeriod must be positive");
        }
        if (spawnTime != null && spawnTime.isNegative()) {
            throw new IllegalArgumentException("spawnTime must not be negative");
        }
        if (runTime != null && runTime.isNegative()) {
            throw new IllegalArgumentException("runTime must not be negative");
        }
        if (failingTests < 0) {
            throw new IllegalArgumentException("failingTests must not be negative");
        }
    }

    /** {@return a process that runs until it is signalled (the server's default spawn time)} */
    public static Behavior longRunning() {
        return new Behavior(null, null, 0, null, Set.of(), false, List.of(), List.of(), null, "", 0);
    }

    /**
     * {@return a process that exits by itself}
     *
     * @param runTime how long it runs
     * @param code    its exit code; 0 gives {@code Success} for a oneshot
     */
    public static Behavior exitsAfter(Duration runTime, int code) {
        return new Behavior(null, Objects.requireNonNull(runTime, "runTime"), code, null, Set.of(), false, List.of(),
                List.of(), null, "", 0);
    }

    /**
     * {@return a process that dies of a signal by itself}
     *
     * @param runTime how long it runs
     * @param signal  the signal that kills it (as if it crashed)
     */
    public static Behavior crashesAfter(Duration runTime, Signal signal) {
        return new Behavior(null, Objects.requireNonNull(runTime, "runTime"), 0, Objects.requireNonNull(signal),
                Set.of(), false, List.of(), List.of(), null, "", 0);
    }

    /** {@return a service zinit cannot start (missing binary): {@code Failure}, pid 0} */
    public static Behavior unstartable() {
        return new Behavior(null, null, 0, null, Set.of(), true, List.of(), List.of(), null, "", 0);
    }

    /**
     * {@return a copy with that spawn time}
     *
     * @param time how long it stays spawned (think: until its test command passes)
     */
    public Behavior withSpawnTime(Duration time) {
        return new Behavior(Objects.requireNonNull(time, "time"), runTime, exitCode, exitSignal, ignored, failsToStart,
                output, errors, tickPeriod, tickPrefix, failingTests);
    }

    /**
     * {@return a copy that ignores them}
     *
     * @param signals signals the process ignores, e.g. SIGTERM for one that will not stop
     */
    public Behavior ignoring(Signal... signals) {
        EnumSet<Signal> s = EnumSet.noneOf(Signal.class);
        s.addAll(ignored);
        s.addAll(List.of(signals));
        return new Behavior(spawnTime, runTime, exitCode, exitSignal, s, failsToStart, output, errors, tickPeriod,
                tickPrefix, failingTests);
    }

    /**
     * {@return a copy that prints them}
     *
     * @param lines what it prints to standard output when it starts
     */
    public Behavior printing(String... lines) {
        return new Behavior(spawnTime, runTime, exitCode, exitSignal, ignored, failsToStart, List.of(lines), errors,
                tickPeriod, tickPrefix, failingTests);
    }

    /**
     * {@return a copy that prints them}
     *
     * @param lines what it prints to standard error when it starts (after its standard output lines)
     */
    public Behavior printingToStderr(String... lines) {
        return new Behavior(spawnTime, runTime, exitCode, exitSignal, ignored, failsToStart, output, List.of(lines),
                tickPeriod, tickPrefix, failingTests);
    }

    /**
     * A process that keeps talking, for tests of followed logs: from its start on it prints {@code prefix + n} to
     * standard output every period, n counting from 0, until it ends.
     *
     * @param period how often it prints
     * @param prefix what each line starts with
     * @return a copy that ticks
     */
    public Behavior ticking(Duration period, String prefix) {
        return new Behavior(spawnTime, runTime, exitCode, exitSignal, ignored, failsToStart, output, errors,
                Objects.requireNonNull(period, "period"), Objects.requireNonNull(prefix, "prefix"), failingTests);
    }

    /**
     * A service whose {@code test} command fails this many times before it passes; zinit keeps it {@code Spawned}
     * meanwhile and retries the test every {@link FakeZinitServer.Builder#testRetryDelay} (2 s on zinit).
     *
     * @param failures how many test runs fail; {@link Integer#MAX_VALUE} for a test that never passes
     * @return a copy with that test outcome
     */
    public Behavior withFailingTests(int failures) {
        return new Behavior(spawnTime, runTime, exitCode, exitSignal, ignored, failsToStart, output, errors,
                tickPeriod, tickPrefix, failures);
    }
}
