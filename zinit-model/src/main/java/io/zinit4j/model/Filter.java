package io.zinit4j.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A test on a service, composable with {@link #and}, {@link #or} and {@link #negate()}, used by {@code matches}.
 *
 * <p>Each filter declares the {@link Input inputs} it reads, so that a client fetches only those (a name filter needs
 * no server call; an exec filter reads the service file; a state filter asks for the status). Filters are immutable
 * and thread-safe.
 */
public interface Filter {

    /** What a filter reads besides the name. */
    enum Input {
        /** The service file. */
        CONFIG,
        /** The current state. */
        STATE
    }

    /**
     * What a filter is tested on. Components a filter did not ask for may be {@code null}.
     *
     * @param name   the service name
     * @param config the service file, when {@link Input#CONFIG} was asked for and a file exists
     * @param state  the state, when {@link Input#STATE} was asked for
     */
    record Candidate(String name, ServiceConfig config, ServiceState state) {
        /**
         * Creates a candidate; only the name is required.
         *
         * @param name   the service name; never {@code null}
         * @param config the service file, or {@code null} when it was not read or the service has none
         * @param state  the current state, or {@code null} when it was not asked for
         * @throws NullPointerException when {@code name} is {@code null}
         */
        public Candidate {
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@return the inputs this filter reads} */
    Set<Input> inputs();

    /**
     * {@return whether it matches}
     *
     * @param candidate the service, with at least the inputs this filter declares
     */
    boolean test(Candidate candidate);

    /**
     * {@return a filter that matches when both match}
     *
     * @param other another filter
     */
    default Filter and(Filter other) {
        return of(union(inputs(), other.inputs()), c -> test(c) && other.test(c), "(" + this + " and " + other + ")");
    }

    /**
     * {@return a filter that matches when either matches}
     *
     * @param other another filter
     */
    default Filter or(Filter other) {
        return of(union(inputs(), other.inputs()), c -> test(c) || other.test(c), "(" + this + " or " + other + ")");
    }

    /** {@return a filter that matches when this one does not} */
    default Filter negate() {
        return of(inputs(), c -> !test(c), "not " + this);
    }

    /**
     * {@return a filter on the name}
     *
     * @param name the exact service name
     */
    static Filter name(String name) {
        Objects.requireNonNull(name, "name");
        return of(EnumSet.noneOf(Input.class), c -> c.name().equals(name), "name=" + name);
    }

    /**
     * Matches services whose exec command's program, after a shell-style split, has this base name ({@code udhcpc}
     * matches {@code /sbin/udhcpc -i eth0}), as the Go client's {@code WithExec}. A service without a file never
     * matches.
     *
     * @param basename the program's base name
     * @return a filter on the exec command
     */
    static Filter exec(String basename) {
        Objects.requireNonNull(basename, "basename");
        return of(EnumSet.of(Input.CONFIG), c -> c.config() != null && basename.equals(programName(c.config())),
                "exec=" + basename);
    }

    /**
     * Matches services whose whole exec line contains a match of the regular expression.
     *
     * @param regex a {@link Pattern} expression
     * @return a filter on the exec command
     * @throws IllegalArgumentException at once when the expression is invalid, naming the problem
     */
    static Filter execRegex(String regex) {
        Pattern p;
        try {
            p = Pattern.compile(Objects.requireNonNull(regex, "regex"));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid exec regex: " + e.getMessage(), e);
        }
        return of(EnumSet.of(Input.CONFIG), c -> c.config() != null && p.matcher(c.config().exec()).find(),
                "exec~" + regex);
    }

    /**
     * {@return a filter matching services in any of these states}
     *
     * @param kinds state kinds
     */
    static Filter state(StateKind... kinds) {
        if (kinds.length == 0) {
            throw new IllegalArgumentException("state filter needs at least one state");
        }
        Set<StateKind> set = EnumSet.copyOf(Arrays.asList(kinds));
        return of(EnumSet.of(Input.STATE), c -> c.state() != null && set.contains(c.state().kind()), "state=" + set);
    }

    /**
     * A filter matching when every given filter matches; with none given it matches everything and reads nothing.
     *
     * @param filters filters, possibly none
     * @return the conjunction
     */
    static Filter all(List<Filter> filters) {
        List<Filter> parts = List.copyOf(filters);
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Set<Input> in = EnumSet.noneOf(Input.class);
        for (Filter f : parts) {
            in.addAll(f.inputs());
        }
        String text = parts.isEmpty() ? "all" : parts.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(" and ", "(", ")"));
        return of(in, c -> parts.stream().allMatch(f -> f.test(c)), text);
    }

    /**
     * Varargs form of {@link #all(List)}.
     *
     * @param filters filters, possibly none
     * @return the conjunction
     */
    static Filter all(Filter... filters) {
        return all(Arrays.asList(filters));
    }

    /**
     * Builds a filter from parts, for filters of one's own.
     *
     * @param inputs      what it reads
     * @param test        the test
     * @param description its text form
     * @return the filter
     */
    static Filter of(Set<Input> inputs, Predicate<Candidate> test, String description) {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(description, "description");
        Set<Input> in = Collections.unmodifiableSet(
                inputs.isEmpty() ? EnumSet.noneOf(Input.class) : EnumSet.copyOf(inputs));
        return new Filter() {
            @Override
            public Set<Input> inputs() {
                return in;
            }

            @Override
            public boolean test(Candidate candidate) {
                return test.test(candidate);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    private static Set<Input> union(Set<Input> a, Set<Input> b) {
        Set<Input> u = EnumSet.noneOf(Input.class);
        u.addAll(a);
        u.addAll(b);
        return u;
    }

    private static String programName(ServiceConfig config) {
        return ShellWords.split(config.exec())
                .filter(w -> !w.isEmpty())
                .map(w -> {
                    // Plain string work, not Path: exec text may hold characters no Path accepts (NUL).
                    String program = w.get(0);
                    return program.substring(program.lastIndexOf('/') + 1);
                })
                .orElse(null);
    }
}
