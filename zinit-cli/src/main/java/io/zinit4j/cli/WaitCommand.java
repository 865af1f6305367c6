package io.zinit4j.cli;

import io.zinit4j.error.WaitTimeoutException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.StateKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zinitctl wait <svc>... --for running|stopped --timeout D}: waits, without changing anything, until every
 * service is running (a oneshot: succeeded) or has no process any more. Polls quickly at first, then every 200 ms.
 */
@Command(name = "wait", description = "Wait until services are running or stopped, changing nothing.")
public final class WaitCommand extends ClientCommand {
    private static final Duration FIRST_POLL = Duration.ofMillis(10);
    private static final Duration MAX_POLL = Duration.ofMillis(200);

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
        WaitClock clock = root.clock();
        long deadline = clock.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_POLL;
        List<String> pending = new ArrayList<>(names);
        Map<String, ServiceStatus> lastSeen = new LinkedHashMap<>();
        while (true) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                String n = it.next();
                ServiceStatus s = client().status(n);
                lastSeen.put(n, s);
                if (reached(s)) {
                    it.remove();
                    lastSeen.remove(n);
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            long left = deadline - clock.nanoTime();
            if (left <= 0) {
                StringBuilder why = new StringBuilder();
                lastSeen.forEach((n, s) -> why.append(why.length() == 0 ? "" : ", ").append(n).append(" is ")
                        .append(s.state().raw()));
                throw new WaitTimeoutException("timed out after " + timeout + " waiting for " + String.join(" ",
                        pending) + " to be " + goal.name().toLowerCase(java.util.Locale.ROOT) + " (" + why + ")",
                        lastSeen);
            }
            try {
                clock.sleep(pause.toNanos() < left ? pause : Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZinitException("interrupted while waiting for " + String.join(" ", pending));
            }
            pause = pause.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : pause.multipliedBy(2);
        }
        out().done(String.join(" ", names) + ": " + goal.name().toLowerCase(java.util.Locale.ROOT),
                Map.of("services", names, "state", goal.name().toLowerCase(java.util.Locale.ROOT)));
        return ExitCodes.OK;
    }

    private boolean reached(ServiceStatus s) {
        if (goal == Goal.RUNNING) {
            return s.state().any(StateKind.RUNNING, StateKind.SUCCESS);
        }
        return s.state().exited() || (s.pid() == 0 && s.target() == ServiceTarget.DOWN);
    }
}
