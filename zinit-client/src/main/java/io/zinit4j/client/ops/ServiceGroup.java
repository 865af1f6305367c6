package io.zinit4j.client.ops;

import io.zinit4j.client.LogStream;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.model.Filter;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceNames;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.StateKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A named set of services handled as one, such as the processes of one virtual machine: converged from files, started
 * in dependency order, stopped dependents first, restarted, forgotten, watched and logged together. zinit has no such
 * notion; the group lives only in this object, chosen by a name prefix ({@link #prefix}) or an explicit list ({@link
 * #of}), and is read afresh from the node by every call.
 *
 * <pre>{@code
 * ServiceGroup vm = ServiceGroup.prefix(zinit, "vm1-");
 * vm.apply(Map.of("vm1-net", net, "vm1-qemu", qemu), Duration.ofSeconds(20));   // qemu: after vm1-net
 * GroupStatus status = vm.status();
 * vm.restartWithDependents("vm1-net", Duration.ofSeconds(10));
 * try (GroupSupervisor s = vm.supervise(RestartPolicy.defaults(), event -> log.info("{}", event))) { ... }
 * }</pre>
 *
 * <p>Order comes from each member's {@code after} list as zinit reports it in the member's status, so it works alike
 * on both protocol generations. Dependencies outside the group are not started or stopped by the group: zinit keeps
 * a member blocked until they run.
 *
 * <p>The waits are the client's own ({@link ZinitClient#startMultiple}, {@link ZinitClient#stopMultiple}, {@link
 * ZinitClient#destroy}), so they end with the same typed errors. Thread-safe: holds only the client and the scope;
 * two operations on one group at once act on the node at once, as two operators would.
 */
public final class ServiceGroup {
    private final ZinitClient client;
    private final String name;
    private final Scope scope;
    private final List<String> listed;

    private ServiceGroup(ZinitClient client, String name, Scope scope, List<String> listed) {
        this.client = Objects.requireNonNull(client, "client");
        this.name = name;
        this.scope = scope;
        this.listed = listed;
    }

    /**
     * A group of the services with a name prefix, whichever are monitored at each call.
     *
     * @param client the client to act through
     * @param prefix the members' name prefix, not empty; also the group's name
     * @return the group of the monitored services whose name starts with the prefix
     */
    public static ServiceGroup prefix(ZinitClient client, String prefix) {
        return new ServiceGroup(client, prefix, Scope.prefix(prefix), null);
    }

    /**
     * A group of exactly the services listed.
     *
     * @param client  the client to act through
     * @param name    the group's name, used in messages and events only
     * @param members the services of the group, at least one; a listed one that is not monitored shows in {@link
     *                #status()} as not healthy
     * @return the group of exactly those services
     * @throws io.zinit4j.error.InvalidServiceNameException when a member's name is not acceptable
     */
    public static ServiceGroup of(ZinitClient client, String name, List<String> members) {
        Objects.requireNonNull(name, "name");
        Set<String> names = new TreeSet<>();
        for (String m : Objects.requireNonNull(members, "members")) {
            names.add(ServiceNames.validate(m));
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a group needs at least one member");
        }
        Filter filter = null;
        for (String m : names) {
            filter = filter == null ? Filter.name(m) : filter.or(Filter.name(m));
        }
        return new ServiceGroup(client, name, Scope.of(filter), List.copyOf(names));
    }

    /** {@return the group's name: its prefix, or the name given to {@link #of}} */
    public String name() {
        return name;
    }

    /** {@return which services may belong to the group, decided on the name alone} */
    public Scope scope() {
        return scope;
    }

    /** {@return the monitored members now, sorted} */
    public List<String> members() {
        List<String> out = new ArrayList<>();
        for (String n : new TreeSet<>(client.list().keySet())) {
            if (scope.contains(n)) {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Works out what {@link #apply} would do; reads only.
     *
     * @param desired the wanted members' files by name, each in the group's scope
     * @return the plan, as {@link Convergence#plan}
     * @throws io.zinit4j.error.ServiceDependencyException when their {@code after} lists cannot be met, listing every
     *                                                    offender
     */
    public ServicePlan plan(Map<String, ServiceConfig> desired) {
        return new Convergence(client).plan(desired, scope);
    }

    /**
     * Converges the group: adds, changes, removes and keeps members so that they are exactly the desired ones, after
     * checking their dependencies; a running member whose file matches keeps running.
     *
     * @param desired the wanted members' files by name, each in the group's scope
     * @param timeout how long each wait may take, as {@link ServicePlan#apply}
     * @return what was done
     * @throws io.zinit4j.error.ServiceDependencyException when a cycle or a missing dependency is found; nothing is
     *                                                    written then
     */
    public ApplyResult apply(Map<String, ServiceConfig> desired, Duration timeout) {
        ServiceInstaller.requireTimeout(timeout);
        return plan(desired).apply(timeout);
    }

    /**
     * Starts every member, the members they run after first, and waits until all run (oneshots: as the client's
     * start waits count them). Members already running are left as they are.
     *
     * @param timeout how long the whole start may take
     * @throws io.zinit4j.error.WaitTimeoutException when time runs out
     * @throws io.zinit4j.error.ServiceFailedException when a member fails
     * @throws io.zinit4j.error.ServiceDependencyException when the members' dependencies form a cycle
     */
    public void start(Duration timeout) {
        ServiceInstaller.requireTimeout(timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (List<String> layer : layers(statuses())) {
            client.startMultiple(left(deadline), layer.toArray(String[]::new));
        }
    }

    /**
     * Stops every member, dependents first, and waits until all have exited; what still runs at the deadline gets
     * SIGKILL (as {@link ZinitClient#stopMultiple}).
     *
     * @param timeout how long the whole stop may take before SIGKILL
     */
    public void stop(Duration timeout) {
        ServiceInstaller.requireTimeout(timeout);
        stopInOrder(layers(statuses()), System.nanoTime() + timeout.toNanos());
    }

    /**
     * {@link #stop} then {@link #start}.
     *
     * @param timeout how long each half may take
     */
    public void restart(Duration timeout) {
        stop(timeout);
        start(timeout);
    }

    /**
     * Stops every member dependents first, then forgets them and deletes their files.
     *
     * @param timeout how long the stop may take before SIGKILL
     * @return the members that were destroyed, sorted
     */
    public List<String> destroy(Duration timeout) {
        ServiceInstaller.requireTimeout(timeout);
        Map<String, ServiceStatus> statuses = statuses();
        long deadline = System.nanoTime() + timeout.toNanos();
        stopInOrder(layers(statuses), deadline);
        List<String> members = new ArrayList<>(statuses.keySet());
        client.destroy(left(deadline), members.toArray(String[]::new));
        return List.copyOf(members);
    }

    /**
     * {@return each member's status, and which are not healthy: a member is healthy when it runs, or is a oneshot
     * that succeeded; a listed member that is not monitored is not healthy}
     */
    public GroupStatus status() {
        Map<String, ServiceStatus> statuses = statuses();
        Map<String, String> unhealthy = new TreeMap<>();
        if (listed != null) {
            for (String m : listed) {
                if (!statuses.containsKey(m)) {
                    unhealthy.put(m, "not monitored");
                }
            }
        }
        statuses.forEach((n, s) -> {
            if (!s.state().any(StateKind.RUNNING, StateKind.SUCCESS)) {
                unhealthy.put(n, s.state().raw() + ", target " + s.target().wireName());
            }
        });
        return new GroupStatus(name, statuses, unhealthy);
    }

    /**
     * {@return the log lines zinit holds now of every member (and of their test commands), in zinit's order; ends at
     * the last line held} One connection for the whole group; close it when done.
     */
    public LogStream logs() {
        return new GroupLogStream(client.logs(null), this::isMemberLine);
    }

    /**
     * {@return the members' log lines, those held now then new ones as they come, until closed} Members that join a
     * prefix group later are included. Close it (or the client) to end it.
     */
    public LogStream followLogs() {
        return new GroupLogStream(client.followLogs(null), this::isMemberLine);
    }

    /**
     * Restarts one service and everything that runs after it, on the whole node rather than only in the group (they
     * all lose what they run after): its dependents are stopped, transitively and dependents first; the service is
     * restarted; its dependents are started again in dependency order.
     *
     * @param service a monitored service
     * @param timeout how long each of the three phases may take (stops end with SIGKILL at their deadline)
     * @return the dependents that were stopped and started again, in start order
     * @throws ServiceNotFoundException when the service is not monitored
     */
    public List<String> restartWithDependents(String service, Duration timeout) {
        ServiceNames.validate(service);
        ServiceInstaller.requireTimeout(timeout);
        client.status(service); // the server's own not-found when it is not monitored
        Map<String, ServiceStatus> all = new ServiceInventory(client).statusAll();
        DependencyGraph graph = DependencyGraph.fromStatuses(all);
        List<String> dependents = graph.dependentsOf(service);
        List<List<String>> layers = graph.layers(dependents);
        stopInOrder(layers, System.nanoTime() + timeout.toNanos());
        client.restart(timeout, service);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> order = new ArrayList<>();
        for (List<String> layer : layers) {
            client.startMultiple(left(deadline), layer.toArray(String[]::new));
            order.addAll(layer);
        }
        return List.copyOf(order);
    }

    /**
     * Starts a client-side supervisor that restarts the whole group when a member crashes, as zinit itself restarts
     * only the member. It polls the members with the client's poll policy on a thread of its own.
     *
     * @param policy   back-off, limit and wait of the restarts
     * @param listener told of each thing the supervisor does, on its thread; must not block for long
     * @return the running supervisor; close it to stop supervising (the services are left as they are)
     */
    public GroupSupervisor supervise(RestartPolicy policy, Consumer<GroupEvent> listener) {
        return GroupSupervisor.start(this, client, Objects.requireNonNull(policy, "policy"),
                Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public String toString() {
        return "ServiceGroup[" + name + ", " + scope + "]";
    }

    /** The statuses of the monitored members, sorted; members forgotten meanwhile are left out. */
    Map<String, ServiceStatus> statuses() {
        List<String> members = members();
        Map<String, Parallel.Outcome<ServiceStatus>> got = Parallel.each(client, members, client::status);
        Map<String, ServiceStatus> out = new TreeMap<>();
        got.forEach((n, o) -> {
            if (o.ok()) {
                out.put(n, o.value());
            } else if (!(o.error() instanceof ServiceNotFoundException)) {
                throw o.error();
            }
        });
        return Collections.unmodifiableMap(out);
    }

    private static List<List<String>> layers(Map<String, ServiceStatus> statuses) {
        return DependencyGraph.fromStatuses(statuses).layers(statuses.keySet());
    }

    private void stopInOrder(List<List<String>> layers, long deadline) {
        List<List<String>> reversed = new ArrayList<>(layers);
        Collections.reverse(reversed);
        for (List<String> layer : reversed) {
            client.stopMultiple(left(deadline), layer.toArray(String[]::new));
        }
    }

    /** Time left until the deadline; zero once past it, so that a stop then kills at once. */
    private static Duration left(long deadline) {
        long n = deadline - System.nanoTime();
        return n > 0 ? Duration.ofNanos(n) : Duration.ZERO;
    }

    private boolean isMemberLine(io.zinit4j.model.LogLine line) {
        String service = line.service();
        if (service.endsWith("/test")) {
            service = service.substring(0, service.length() - "/test".length());
        }
        return scope.contains(service);
    }
}
