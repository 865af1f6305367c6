package io.zinit4j.client.ops;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.error.ServiceFileFormatException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceFiles;
import io.zinit4j.model.ServiceNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Declarative apply: given the service files wanted within a {@link Scope}, works out what to add, change, remove
 * and keep on the node ({@link #plan}), which can be shown as a dry run ({@link ServicePlan#describe()}) and then
 * carried out ({@link ServicePlan#apply}).
 *
 * <pre>{@code
 * Convergence convergence = new Convergence(zinit);
 * ServicePlan plan = convergence.plan(Map.of("app-web", web, "app-worker", worker), Scope.prefix("app-"));
 * System.out.print(plan.describe());          // dry run
 * ApplyResult result = plan.apply(Duration.ofSeconds(20));
 * }</pre>
 *
 * <p>How the node is read: which services are monitored comes from {@link ZinitClient#list()}; each file from {@link
 * ZinitClient#loadService} (through the server on JSON-RPC, the config directory on legacy). Files of services that
 * nothing monitors can be found only on legacy servers (in the client's config directory, or the one given); on
 * JSON-RPC servers such a file in scope is not removed, and the plan says so in its notes. Services outside the scope
 * are never touched, and every desired service must be inside it.
 *
 * <p>Convergence is about definitions, not run state: a service whose file already matches and which is monitored is
 * kept as it is, even when someone stopped it.
 *
 * <p>Thread-safe: holds only the client and a directory.
 */
public final class Convergence {
    private final ZinitClient client;
    private final ServiceFiles files;

    /**
     * A convergence that, on legacy servers, lists the {@linkplain ZinitClient#configDir() config directory the client
     * was built with} to find files in scope that nothing monitors.
     *
     * @param client the client to read and act through
     */
    public Convergence(ZinitClient client) {
        this(Objects.requireNonNull(client, "client"), client.configDir());
    }

    /**
     * A convergence that lists another config directory than the client's on legacy servers.
     *
     * @param client    the client to read and act through
     * @param configDir the config directory of a legacy zinit, listed to find files in scope that nothing monitors,
     *                  when it is not the client's own (e.g. the files are mounted elsewhere); not used on JSON-RPC
     *                  servers
     */
    public Convergence(ZinitClient client, Path configDir) {
        this.client = Objects.requireNonNull(client, "client");
        this.files = new ServiceFiles(Objects.requireNonNull(configDir, "configDir"));
    }

    /**
     * Compares the desired services with the node. Reads only; nothing changes until {@link ServicePlan#apply}.
     *
     * @param desired the wanted service files by name; all names must be valid and in scope
     * @param scope   the services this plan may touch
     * @return the plan, steps sorted by name
     * @throws IllegalArgumentException when a desired name is outside the scope
     * @throws io.zinit4j.error.ServiceDependencyException when the desired services' {@code after} lists form a cycle
     *         (also through services outside the scope), or name a service that is neither desired nor monitored
     *         outside the scope (a service in scope that is not desired would be removed), listing every offender
     * @throws io.zinit4j.error.InvalidServiceNameException when a desired name is not acceptable
     */
    public ServicePlan plan(Map<String, ServiceConfig> desired, Scope scope) {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(scope, "scope");
        Map<String, ServiceConfig> wanted = new TreeMap<>();
        List<String> outside = new ArrayList<>();
        desired.forEach((name, config) -> {
            ServiceNames.validate(name);
            Objects.requireNonNull(config, () -> "no service file given for '" + name + "'");
            if (!scope.contains(name)) {
                outside.add(name);
            }
            wanted.put(name, config);
        });
        if (!outside.isEmpty()) {
            throw new IllegalArgumentException("desired services outside the scope " + scope + ": " + outside);
        }
        Set<String> onServer = client.list().keySet();
        checkDependencies(wanted, scope, onServer);
        Set<String> monitored = new TreeSet<>();
        for (String name : onServer) {
            if (scope.contains(name)) {
                monitored.add(name);
            }
        }
        List<String> notes = new ArrayList<>();
        Set<String> unmonitoredFiles = new TreeSet<>();
        if (client.protocol() == Protocol.JSON_RPC) {
            notes.add("files in scope that nothing monitors cannot be listed on a JSON-RPC zinit; "
                    + "such files are not removed");
        } else {
            for (String name : files.list()) {
                if (scope.contains(name) && !monitored.contains(name)) {
                    unmonitoredFiles.add(name);
                }
            }
        }

        List<String> names = new ArrayList<>(wanted.keySet());
        Map<String, Parallel.Outcome<Current>> current = Parallel.each(client, names, this::currentFile);
        List<ServicePlan.Step> steps = new ArrayList<>();
        for (String name : names) {
            Parallel.Outcome<Current> c = current.get(name);
            if (!c.ok()) {
                throw c.error();
            }
            steps.add(step(name, wanted.get(name), c.value(), monitored.contains(name)));
        }
        Set<String> removals = new TreeSet<>(monitored);
        removals.addAll(unmonitoredFiles);
        removals.removeAll(wanted.keySet());
        for (String name : removals) {
            steps.add(new ServicePlan.Step(name, ServicePlan.Action.REMOVE,
                    monitored.contains(name) ? "monitored, not desired" : "file present, not desired", null));
        }
        steps.sort(java.util.Comparator.comparing(ServicePlan.Step::name));
        return new ServicePlan(client, scope, steps, notes);
    }

    /**
     * zinit accepts such files and keeps the services blocked for ever; refusing them here means nothing is written.
     * Services outside the scope stay as they are, so their own {@code after} lists are read: one can close a cycle
     * through the desired services.
     */
    private void checkDependencies(Map<String, ServiceConfig> wanted, Scope scope, Set<String> onServer) {
        Map<String, List<String>> after = new TreeMap<>();
        wanted.forEach((n, c) -> after.put(n, c.after()));
        java.util.Deque<String> todo = new java.util.ArrayDeque<>();
        wanted.values().forEach(c -> todo.addAll(c.after()));
        while (!todo.isEmpty()) {
            String d = todo.pop();
            if (after.containsKey(d) || scope.contains(d) || !onServer.contains(d)) {
                continue;
            }
            try {
                List<String> deps = new ArrayList<>(client.status(d).after().keySet());
                after.put(d, deps);
                todo.addAll(deps);
            } catch (ServiceNotFoundException e) {
                // forgotten since the list: missing, as if never there
            }
        }
        DependencyGraph graph = DependencyGraph.of(after);
        List<List<String>> cycles = graph.cycles();
        Map<String, List<String>> missing = new TreeMap<>(graph.missing());
        missing.keySet().retainAll(wanted.keySet());
        if (!cycles.isEmpty() || !missing.isEmpty()) {
            throw new io.zinit4j.error.ServiceDependencyException(cycles, missing);
        }
    }

    private static ServicePlan.Step step(String name, ServiceConfig want, Current now, boolean monitored) {
        if (!monitored) {
            String why = now.state == FileState.MISSING ? "no file, not monitored"
                    : now.state == FileState.UNREADABLE ? "unreadable file, not monitored"
                    : want.equals(now.config) ? "file present, not monitored" : "file differs, not monitored";
            return new ServicePlan.Step(name, ServicePlan.Action.ADD, why, want);
        }
        if (now.state == FileState.PRESENT && want.equals(now.config)) {
            return new ServicePlan.Step(name, ServicePlan.Action.KEEP, "file matches, monitored", want);
        }
        String why = now.state == FileState.MISSING ? "monitored, file missing"
                : now.state == FileState.UNREADABLE ? "monitored, file unreadable" : "monitored, file differs";
        return new ServicePlan.Step(name, ServicePlan.Action.CHANGE, why, want);
    }

    private enum FileState { PRESENT, MISSING, UNREADABLE }

    private static final class Current {
        final FileState state;
        final ServiceConfig config;

        Current(FileState state, ServiceConfig config) {
            this.state = state;
            this.config = config;
        }
    }

    private Current currentFile(String name) {
        try {
            return new Current(FileState.PRESENT, client.loadService(name));
        } catch (ServiceNotFoundException e) {
            return new Current(FileState.MISSING, null);
        } catch (ServiceFileFormatException e) {
            return new Current(FileState.UNREADABLE, null);
        }
    }
}
