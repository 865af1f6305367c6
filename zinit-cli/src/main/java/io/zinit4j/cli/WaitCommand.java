package io.zinit4j.cli;

import io.zinit4j.client.lifecycle.LifecycleClock;
import io.zinit4j.client.lifecycle.ServiceWatch;
import io.zinit4j.client.lifecycle.StateChange;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.WaitTimeoutException;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.StateKind;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zinitctl wait <svc>... --for running|stopped --timeout D}: waits, without changing anything, until every
 * service is running (a oneshot: succeeded) or has no process any more. One status call per service first (so that
 * an unknown service fails at once and a goal already reached costs nothing), then the client's {@link ServiceWatch},
 * which polls with the client's poll policy.
 */
@Command(name = "wait", description = "Wait until services are running or stopped, changing nothing.")
public final class WaitCommand extends ClientCommand {
    /** What to wait for. */
    enum Goal {
        /** Running, or a oneshot that succeeded. */
        RUNNING,
        /** No process any more. */
        STOPPED
    }

    @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "Services to wait for.")
    List<String> names;

    @Option(names = "--for", required = true, paramLabel = "running|stopped", description = "The state to wait for.")
    Goal goal;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
            description = "How long to wait (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** Creates the command (picocli instantiates it). */
    public WaitCommand() {
    }

    @Override
    protected int run() {
        LifecycleClock clock = globals().clock();
        long deadline = clock.nanoTime() + timeout.toNanos();
        // services still short of the goal, with the status last seen of each (named in a timeout)
        Map<String, ServiceStatus> pending = new LinkedHashMap<>();
        for (String n : new LinkedHashSet<>(names)) {
            ServiceStatus s = client().status(n);
            if (!reached(s)) {
                pending.put(n, s);
            }
        }
        if (!pending.isEmpty()) {
            Set<String> watched = Set.copyOf(pending.keySet());
            try (ServiceWatch watch = client().watch(watched.toArray(new String[0]))) {
                while (!pending.isEmpty()) {
                    long left = deadline - clock.nanoTime();
                    Optional<StateChange> change = left > 0 ? watch.next(Duration.ofNanos(left)) : Optional.empty();
                    if (change.isEmpty()) {
                        // the watch returns nothing only once the time given is up
                        throw timedOut(pending);
                    }
                    StateChange c = change.get();
                    if (!pending.containsKey(c.name())) {
                        continue;
                    }
                    if (c.current() == null) {
                        throw new ServiceNotFoundException("service " + c.name()
                                + " was forgotten while waiting for it", null, null, null);
                    }
                    if (reached(c.current())) {
                        pending.remove(c.name());
                    } else {
                        pending.put(c.name(), c.current());
                    }
                }
            }
        }
        out().done(String.join(" ", names) + ": " + goalName(), Map.of("services", names, "state", goalName()));
        return ExitCodes.OK;
    }

    private WaitTimeoutException timedOut(Map<String, ServiceStatus> pending) {
        StringBuilder why = new StringBuilder();
        pending.forEach((n, s) -> why.append(why.length() == 0 ? "" : ", ").append(n).append(" is ")
                .append(s.state().raw()));
        return new WaitTimeoutException("timed out after " + timeout + " waiting for "
                + String.join(" ", pending.keySet()) + " to be " + goalName() + " (" + why + ")", Map.copyOf(pending));
    }

    private String goalName() {
        return goal.name().toLowerCase(Locale.ROOT);
    }

    private boolean reached(ServiceStatus s) {
        if (goal == Goal.RUNNING) {
            return s.state().any(StateKind.RUNNING, StateKind.SUCCESS);
        }
        return s.state().exited() || (s.pid() == 0 && s.target() == ServiceTarget.DOWN);
    }
}
