package io.zinit4j.client.ops;

import io.zinit4j.model.Filter;
import java.util.Objects;

/**
 * The services a {@link Convergence} may touch, decided on the name alone so that services outside it are never
 * read for removal, stopped or deleted. Immutable and thread-safe.
 */
public final class Scope {
    private final Filter filter;

    private Scope(Filter filter) {
        this.filter = filter;
    }

    /**
     * {@return the services whose name starts with it}
     *
     * @param prefix a name prefix, e.g. {@code "app-"}; must not be empty (use a filter to mean every service)
     */
    public static Scope prefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("an empty prefix would put every service in scope; "
                    + "say so explicitly with Scope.of(Filter.all())");
        }
        return new Scope(Filter.of(java.util.Set.of(), c -> c.name().startsWith(prefix), "prefix=" + prefix));
    }

    /**
     * {@return the services whose name it matches}
     *
     * @param filter a filter that reads only the name (such as {@link Filter#name} and its combinations)
     * @throws IllegalArgumentException when the filter reads the file or the state: a scope that moved with them
     *                                  could let a plan remove services that merely changed state
     */
    public static Scope of(Filter filter) {
        Objects.requireNonNull(filter, "filter");
        if (!filter.inputs().isEmpty()) {
            throw new IllegalArgumentException("a scope must depend on the name only, but " + filter + " reads "
                    + filter.inputs());
        }
        return new Scope(filter);
    }

    /**
     * {@return whether the service is in scope}
     *
     * @param name a service name
     */
    public boolean contains(String name) {
        return filter.test(new Filter.Candidate(name, null, null));
    }

    @Override
    public String toString() {
        return filter.toString();
    }
}
