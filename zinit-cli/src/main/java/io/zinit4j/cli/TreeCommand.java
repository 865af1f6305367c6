package io.zinit4j.cli;

import io.zinit4j.client.ops.DependencyGraph;
import io.zinit4j.client.ops.ServiceInventory;
import io.zinit4j.model.ServiceStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zinitctl tree [SVC] [--dot]}: the dependency graph of the monitored services, read from their statuses, as
 * an indented tree (each service with the services it runs after below it), as Graphviz DOT, or as JSON.
 */
@Command(name = "tree", description = {
        "Show the dependency graph with each service's state: each service with the services it runs after "
                + "below it.",
        "Without SERVICE, every service that nothing runs after is a root."})
public final class TreeCommand extends ClientCommand {
    @Parameters(arity = "0..1", paramLabel = "SERVICE", description = "Only this service and what it runs after.")
    String service;

    @Option(names = "--dot", description = "Print a Graphviz digraph (edges from a service to what it runs after).")
    boolean dot;

    /** Creates the command (picocli instantiates it). */
    public TreeCommand() {
    }

    @Override
    protected int run() {
        if (dot && out().json()) {
            throw usage("--dot and --json cannot be combined");
        }
        Map<String, ServiceStatus> all = new ServiceInventory(client()).statusAll();
        if (service != null && !all.containsKey(service)) {
            client().status(service); // the server's own not-found
        }
        DependencyGraph graph = DependencyGraph.fromStatuses(all);
        Set<String> shown = service == null ? graph.services() : closure(graph, service);
        if (out().json()) {
            json(graph, all, shown);
        } else if (dot) {
            dot(graph, all, shown);
        } else {
            text(graph, all);
        }
        return ExitCodes.OK;
    }

    /** The service and everything it runs after, transitively. */
    private static Set<String> closure(DependencyGraph graph, String root) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (seen.add(n)) {
                todo.addAll(graph.dependenciesOf(n));
            }
        }
        return seen;
    }

    private void text(DependencyGraph graph, Map<String, ServiceStatus> all) {
        List<String> roots = new ArrayList<>();
        if (service != null) {
            roots.add(service);
        } else {
            for (String n : graph.services()) {
                if (graph.directDependentsOf(n).isEmpty()) {
                    roots.add(n);
                }
            }
        }
        Set<String> expanded = new HashSet<>();
        for (String r : roots) {
            node(graph, all, r, "", "", new ArrayDeque<>(), expanded);
        }
        if (service == null) {
            // services only in cycles have a dependent each, so no root reached them
            for (String n : graph.services()) {
                if (!expanded.contains(n)) {
                    node(graph, all, n, "", "", new ArrayDeque<>(), expanded);
                }
            }
        }
        if (service == null && graph.services().isEmpty()) {
            out().line("no services");
        }
    }

    private void node(DependencyGraph graph, Map<String, ServiceStatus> all, String name, String lead, String indent,
                      Deque<String> path, Set<String> expanded) {
        ServiceStatus s = all.get(name);
        String label = name + "  " + (s == null ? "(not monitored)" : out().state(s.state()));
        List<String> deps = graph.dependenciesOf(name);
        if (path.contains(name)) {
            out().line(lead + name + "  (cycle)");
            return;
        }
        if (!deps.isEmpty() && expanded.contains(name)) {
            out().line(lead + label + "  (see above)");
            return;
        }
        out().line(lead + label);
        expanded.add(name);
        path.push(name);
        for (int i = 0; i < deps.size(); i++) {
            boolean last = i == deps.size() - 1;
            node(graph, all, deps.get(i), indent + (last ? "`-- " : "|-- "), indent + (last ? "    " : "|   "), path,
                    expanded);
        }
        path.pop();
    }

    private void dot(DependencyGraph graph, Map<String, ServiceStatus> all, Set<String> shown) {
        out().line("digraph zinit {");
        out().line("  node [shape=box];");
        Set<String> missing = new TreeSet<>();
        for (String n : shown) {
            ServiceStatus s = all.get(n);
            if (s == null) {
                missing.add(n);
                continue;
            }
            out().line("  " + quote(n) + " [label=" + quote(n + "\\n" + s.state().raw()) + "];");
        }
        for (String n : missing) {
            out().line("  " + quote(n) + " [label=" + quote(n + "\\nnot monitored") + ", style=dashed];");
        }
        for (String n : shown) {
            if (!all.containsKey(n)) {
                continue;
            }
            for (String d : graph.dependenciesOf(n)) {
                out().line("  " + quote(n) + " -> " + quote(d) + ";");
            }
        }
        out().line("}");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\n", "\\n") + "\"";
    }

    private void json(DependencyGraph graph, Map<String, ServiceStatus> all, Set<String> shown) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (String n : shown) {
            ServiceStatus s = all.get(n);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n);
            m.put("monitored", s != null);
            if (s != null) {
                m.put("state", s.state().raw());
                m.put("kind", Output.kind(s.state().kind()));
                m.put("target", s.target().wireName());
                m.put("pid", s.pid());
            }
            m.put("after", graph.dependenciesOf(n));
            List<String> dependents = new ArrayList<>(graph.directDependentsOf(n));
            dependents.retainAll(shown);
            m.put("dependents", dependents);
            nodes.add(m);
        }
        List<List<String>> cycles = new ArrayList<>();
        for (List<String> c : graph.cycles()) {
            if (shown.containsAll(c)) {
                cycles.add(c);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("services", nodes);
        out.put("cycles", cycles);
        out().json(out);
    }
}
