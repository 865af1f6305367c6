package io.zinit4j.client.ops;

import io.zinit4j.client.ZinitClient;
import io.zinit4j.model.ServiceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Convergence} found to do: one {@link Step} per service in scope, and notes on what could not be
 * known. Show it with {@link #describe()} (a dry run), carry it out with {@link #apply}.
 *
 * <p>Immutable and thread-safe. {@link #apply} carries out the steps as planned, against the node as it is then;
 * every step is idempotent, so applying twice does no harm, but plan again for a fresh view of the node.
 */
public final class ServicePlan {
    /** What a step does. */
    public enum Action {
        /** Write the file, monitor the service, wait until it runs. */
        ADD,
        /**
         * Write the file, then reload the service so zinit reads it (zinit reads a file only when it starts monitoring):
         * stop and wait, forget, monitor, wait until it runs.
         */
        CHANGE,
        /** Stop and wait, forget, delete the file. */
        REMOVE,
        /** Nothing: the file matches and the service is monitored. */
        KEEP
    }

    /**
     * One service's step.
     *
     * @param name   the service
     * @param action what to do
     * @param reason what was found, in plain words
     * @param config the desired file, or {@code null} for {@link Action#REMOVE}
     */
    public record Step(String name, Action action, String reason, ServiceConfig config) {
        /**
         * Creates a step.
         *
         * @param name   the service; never {@code null}
         * @param action what to do; never {@code null}
         * @param reason what was found, in plain words; never {@code null}
         * @param config the desired file: required for every action but {@link Action#REMOVE}, {@code null} for it
         * @throws NullPointerException     when {@code name}, {@code action} or {@code reason} is {@code null}
         * @throws IllegalArgumentException when {@code config} is given for a removal or missing for another action
         */
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
            if ((config == null) != (action == Action.REMOVE)) {
                throw new IllegalArgumentException("a config is needed exactly for the steps that are not REMOVE");
            }
        }
    }

    private final ZinitClient client;
    private final Scope scope;
    private final List<Step> steps;
    private final List<String> notes;

    ServicePlan(ZinitClient client, Scope scope, List<Step> steps, List<String> notes) {
        this.client = client;
        this.scope = scope;
        this.steps = List.copyOf(steps);
        this.notes = List.copyOf(notes);
    }

    /** {@return every step, sorted by service name, including {@link Action#KEEP}} */
    public List<Step> steps() {
        return steps;
    }

    /**
     * {@return the names of the services with that action, sorted}
     *
     * @param action an action
     */
    public List<String> names(Action action) {
        List<String> out = new ArrayList<>();
        for (Step s : steps) {
            if (s.action() == action) {
                out.add(s.name());
            }
        }
        return List.copyOf(out);
    }

    /** {@return what this plan could not know (for example files it could not list)} */
    public List<String> notes() {
        return notes;
    }

    /** {@return whether the node already matches (every step is {@link Action#KEEP})} */
    public boolean converged() {
        return steps.stream().allMatch(s -> s.action() == Action.KEEP);
    }

    /** {@return the dry run: the scope, one line per step with its reason, then the notes} */
    public String describe() {
        StringBuilder b = new StringBuilder("plan for scope ").append(scope).append(":\n");
        if (steps.isEmpty()) {
            b.append("  nothing in scope\n");
        }
        for (Step s : steps) {
            b.append("  ").append(s.action().name().toLowerCase(Locale.ROOT)).append(' ').append(s.name())
                    .append(" (").append(s.reason()).append(")\n");
        }
        for (String note : notes) {
            b.append("note: ").append(note).append('\n');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * Converges the node. Removals first (freeing what they held), then each change's new file written and the
     * service stopped and forgotten, then every added file written and every added or changed service monitored, then one wait for all added and changed services to run: since zinit starts a service
     * once it is monitored and its {@code after} services run, no order among them is needed.
     *
     * <p>A failure stops that service's step only; the others go on and every failure is in the result. Each wait
     * (stop, start) is bounded by {@code timeout}; the phases run one after another.
     *
     * @param timeout how long each wait may take; a stop that takes longer ends with SIGKILL
     * @return what was done, one entry per step that was not {@link Action#KEEP}
     */
    public ApplyResult apply(Duration timeout) {
        ServiceInstaller.requireTimeout(timeout);
        Map<String, RuntimeException> failed = new LinkedHashMap<>();
        List<String> removals = names(Action.REMOVE);
        record(failed, Parallel.each(client, removals, n -> {
            client.destroy(timeout, n);
            return null;
        }));
        Map<String, ServiceConfig> configs = new LinkedHashMap<>();
        Map<String, Action> actions = new LinkedHashMap<>();
        for (Step s : steps) {
            configs.put(s.name(), s.config());
            actions.put(s.name(), s.action());
        }
        List<String> changes = names(Action.CHANGE);
        record(failed, Parallel.each(client, changes, n -> {
            // the file first: when it cannot be written, the running service is left alone
            client.addService(n, configs.get(n));
            client.stopWait(timeout, n);
            ServiceInstaller.forgetIfMonitored(client, n);
            return null;
        }));
        List<String> starting = new ArrayList<>();
        for (Step s : steps) {
            if ((s.action() == Action.ADD || s.action() == Action.CHANGE) && !failed.containsKey(s.name())) {
                starting.add(s.name());
            }
        }
        record(failed, Parallel.each(client, starting, n -> {
            if (actions.get(n) == Action.ADD) {
                client.addService(n, configs.get(n));
            }
            ServiceInstaller.monitorIfNeeded(client, n);
            return null;
        }));
        List<String> waiting = new ArrayList<>(starting);
        waiting.removeAll(failed.keySet());
        record(failed, Parallel.each(client, waiting, n -> {
            client.startWait(timeout, n);
            return null;
        }));
        List<ApplyResult.StepResult> results = new ArrayList<>();
        for (Step s : steps) {
            if (s.action() != Action.KEEP) {
                results.add(new ApplyResult.StepResult(s.name(), s.action(), failed.get(s.name())));
            }
        }
        return new ApplyResult(results);
    }

    private static void record(Map<String, RuntimeException> failed, Map<String, Parallel.Outcome<Object>> done) {
        done.forEach((name, outcome) -> {
            if (!outcome.ok()) {
                failed.put(name, outcome.error());
            }
        });
    }
}
