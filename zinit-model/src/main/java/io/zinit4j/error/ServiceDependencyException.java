package io.zinit4j.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of services whose {@code after} lists cannot all be met: they form a cycle, or name a service that is neither
 * in the set nor on the server. zinit would accept such files and leave the services {@code Blocked} for ever, so
 * zinit4j refuses them before anything is written. Every offender is listed, not only the first found.
 */
public class ServiceDependencyException extends ServiceFileFormatException {
    private static final long serialVersionUID = 1L;

    private final transient List<List<String>> cycles;
    private final transient Map<String, List<String>> missing;

    /**
     * An error naming every cycle and every missing dependency.
     *
     * @param cycles  each cycle's services, sorted within and among cycles by the caller
     * @param missing per service, the services its {@code after} names that exist nowhere
     */
    public ServiceDependencyException(List<List<String>> cycles, Map<String, List<String>> missing) {
        super(message(cycles, missing));
        List<List<String>> c = new ArrayList<>();
        cycles.forEach(cycle -> c.add(List.copyOf(cycle)));
        this.cycles = List.copyOf(c);
        Map<String, List<String>> m = new LinkedHashMap<>();
        new TreeMap<>(missing).forEach((k, v) -> m.put(k, List.copyOf(v)));
        this.missing = java.util.Collections.unmodifiableMap(m);
    }

    /** {@return the dependency cycles found, each as the services in it} */
    public List<List<String>> cycles() {
        return cycles;
    }

    /** {@return per service, the dependencies it names that are neither in the set nor on the server} */
    public Map<String, List<String>> missing() {
        return missing;
    }

    private static String message(List<List<String>> cycles, Map<String, List<String>> missing) {
        StringBuilder b = new StringBuilder("dependencies cannot be met, nothing was written:");
        for (List<String> cycle : cycles) {
            b.append(" cycle ").append(String.join(" -> ", cycle)).append(" -> ").append(cycle.get(0)).append(';');
        }
        new TreeMap<>(missing).forEach((service, deps) -> b.append(' ').append(service).append(" runs after ")
                .append(String.join(", ", deps)).append(deps.size() == 1 ? ", which exists" : ", which exist")
                .append(" neither in the set nor on the server;"));
        b.setLength(b.length() - 1);
        return b.toString();
    }
}
