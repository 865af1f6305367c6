package io.zinit4j.client.ops;

import io.zinit4j.error.ServiceDependencyException;
import io.zinit4j.model.ServiceStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which service runs after which: the {@code after} lists of some services, as a graph whose edges go from a service
 * to each service it names. Answers the questions of ordered operations: start order ({@link #layers}), who must stop
 * first ({@link #dependentsOf}), and what cannot be met ({@link #cycles}, {@link #missing}, {@link #check}).
 *
 * <p>Immutable and thread-safe.
 */
public final class DependencyGraph {
    private final Map<String, List<String>> after;
    private final Map<String, List<String>> dependents;

    private DependencyGraph(Map<String, List<String>> after) {
        this.after = after;
        Map<String, Set<String>> rev = new TreeMap<>();
        after.forEach((name, deps) -> {
            for (String d : deps) {
                rev.computeIfAbsent(d, k -> new TreeSet<>()).add(name);
            }
        });
        Map<String, List<String>> d = new TreeMap<>();
        rev.forEach((k, v) -> d.put(k, List.copyOf(v)));
        this.dependents = Collections.unmodifiableMap(d);
    }

    /**
     * The graph of some services' {@code after} lists; duplicates in a list are dropped.
     *
     * @param after per service, the services its {@code after} names
     * @return the graph of those services
     */
    public static DependencyGraph of(Map<String, ? extends Collection<String>> after) {
        Objects.requireNonNull(after, "after");
        Map<String, List<String>> copy = new TreeMap<>();
        after.forEach((name, deps) -> copy.put(Objects.requireNonNull(name, "name"),
                List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(deps, () -> "no after list for " + name)))));
        return new DependencyGraph(Collections.unmodifiableMap(copy));
    }

    /**
     * The graph of the services whose statuses are given.
     *
     * @param statuses services' statuses, which carry their {@code after} lists on both protocol generations
     * @return the graph of those services
     */
    public static DependencyGraph fromStatuses(Map<String, ServiceStatus> statuses) {
        Map<String, List<String>> after = new TreeMap<>();
        statuses.forEach((name, status) -> after.put(name, new ArrayList<>(status.after().keySet())));
        return of(after);
    }

    /** {@return the services of the graph, sorted} */
    public Set<String> services() {
        return Collections.unmodifiableSet(new TreeSet<>(after.keySet()));
    }

    /**
     * {@return the services it runs after (its {@code after} list), empty for a service not in the graph}
     *
     * @param name a service of the graph
     */
    public List<String> dependenciesOf(String name) {
        return after.getOrDefault(name, List.of());
    }

    /**
     * {@return the services of the graph whose {@code after} names it, sorted}
     *
     * @param name a service name
     */
    public List<String> directDependentsOf(String name) {
        return dependents.getOrDefault(name, List.of());
    }

    /**
     * {@return every service of the graph that runs after it, directly or through others, sorted} Never the service
     * itself, even in a cycle.
     *
     * @param name a service name
     */
    public List<String> dependentsOf(String name) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(directDependentsOf(name));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (!n.equals(name) && seen.add(n)) {
                todo.addAll(directDependentsOf(n));
            }
        }
        return List.copyOf(seen);
    }

    /**
     * {@return per service, the names in its {@code after} that are not services of the graph; services with none
     * are left out}
     */
    public Map<String, List<String>> missing() {
        Map<String, List<String>> out = new TreeMap<>();
        after.forEach((name, deps) -> {
            for (String d : deps) {
                if (!after.containsKey(d)) {
                    out.computeIfAbsent(name, k -> new ArrayList<>()).add(d);
                }
            }
        });
        return out;
    }

    /**
     * The cycles of the graph: one per strongly connected set of services (or service naming itself), given as a
     * path through it that starts at its smallest name; the last service runs after the first.
     *
     * @return the cycles, sorted by their first service
     */
    public List<List<String>> cycles() {
        List<List<String>> out = new ArrayList<>();
        for (Set<String> component : new Tarjan().components()) {
            String first = component.iterator().next();
            if (component.size() > 1 || dependenciesOf(first).contains(first)) {
                out.add(cyclePath(first, component));
            }
        }
        out.sort(java.util.Comparator.comparing(c -> c.get(0)));
        return out;
    }

    /**
     * Checks that every dependency can be met.
     *
     * @throws ServiceDependencyException when the graph has a cycle or a service names one outside the graph,
     *                                    listing every one
     */
    public void check() {
        List<List<String>> cycles = cycles();
        Map<String, List<String>> missing = missing();
        if (!cycles.isEmpty() || !missing.isEmpty()) {
            throw new ServiceDependencyException(cycles, missing);
        }
    }

    /**
     * The start order of some services: the first layer needs none of the others, each later layer only services of
     * the layers before it. Dependencies outside the given services are not waited for here (zinit keeps such a
     * service blocked until they run). Stop in the reverse order.
     *
     * @param services the services to order, each a service of the graph or not (one not in it has no dependencies)
     * @return the layers, each sorted
     * @throws ServiceDependencyException when the given services form a cycle among themselves
     */
    public List<List<String>> layers(Collection<String> services) {
        Set<String> left = new TreeSet<>(services);
        List<List<String>> out = new ArrayList<>();
        while (!left.isEmpty()) {
            List<String> layer = new ArrayList<>();
            for (String s : left) {
                boolean ready = true;
                for (String d : dependenciesOf(s)) {
                    if (left.contains(d)) {
                        ready = false;
                        break;
                    }
                }
                if (ready) {
                    layer.add(s);
                }
            }
            if (layer.isEmpty()) {
                Map<String, List<String>> sub = new HashMap<>();
                for (String s : left) {
                    List<String> inside = new ArrayList<>(dependenciesOf(s));
                    inside.retainAll(left);
                    sub.put(s, inside);
                }
                throw new ServiceDependencyException(of(sub).cycles(), Map.of());
            }
            layer.forEach(left::remove);
            out.add(List.copyOf(layer));
        }
        return List.copyOf(out);
    }

    private List<String> cyclePath(String start, Set<String> component) {
        // breadth first within the component from start back to start: a shortest cycle through it
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            String n = queue.poll();
            for (String d : dependenciesOf(n)) {
                if (!component.contains(d)) {
                    continue;
                }
                if (d.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String p = n; p != null; p = parent.get(p)) {
                        path.add(p);
                    }
                    Collections.reverse(path);
                    return List.copyOf(path);
                }
                if (!parent.containsKey(d) && !d.equals(start)) {
                    parent.put(d, n);
                    queue.add(d);
                }
            }
        }
        return List.copyOf(component);
    }

    /** Tarjan's strongly connected components, iterative so that a long chain cannot overflow the stack. */
    private final class Tarjan {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new java.util.HashSet<>();
        private final List<Set<String>> found = new ArrayList<>();
        private int next;

        List<Set<String>> components() {
            for (String n : after.keySet()) {
                if (!index.containsKey(n)) {
                    visit(n);
                }
            }
            return found;
        }

        private void visit(String root) {
            Deque<Object[]> frames = new ArrayDeque<>();
            enter(root);
            frames.push(new Object[] {root, dependenciesOf(root).iterator()});
            while (!frames.isEmpty()) {
                Object[] frame = frames.peek();
                String n = (String) frame[0];
                @SuppressWarnings("unchecked")
                java.util.Iterator<String> it = (java.util.Iterator<String>) frame[1];
                if (it.hasNext()) {
                    String d = it.next();
                    if (!after.containsKey(d)) {
                        continue;
                    }
                    if (!index.containsKey(d)) {
                        enter(d);
                        frames.push(new Object[] {d, dependenciesOf(d).iterator()});
                    } else if (onStack.contains(d)) {
                        low.put(n, Math.min(low.get(n), index.get(d)));
                    }
                    continue;
                }
                frames.pop();
                if (!frames.isEmpty()) {
                    String parent = (String) frames.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(n)));
                }
                if (low.get(n).equals(index.get(n))) {
                    Set<String> component = new TreeSet<>();
                    String m;
                    do {
                        m = stack.pop();
                        onStack.remove(m);
                        component.add(m);
                    } while (!m.equals(n));
                    found.add(component);
                }
            }
        }

        private void enter(String n) {
            index.put(n, next);
            low.put(n, next);
            next++;
            stack.push(n);
            onStack.add(n);
        }
    }
}
