package io.zinit4j.cli;

import io.zinit4j.client.ops.GroupStatus;
import io.zinit4j.client.ops.ServiceGroup;
import io.zinit4j.model.ServiceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zinitctl group start|stop|restart|status|destroy --prefix P [--timeout D]}: the services with a name prefix as
 * one group, started in dependency order and stopped dependents first ({@link ServiceGroup}).
 */
@Command(name = "group", description = {
        "Act on the services with a name prefix as one group: start (dependencies first, waiting for all), stop "
                + "(dependents first, SIGKILL at the deadline), restart, status, destroy (stop, forget, delete files).",
        "status exits with code 1 when a member is not healthy (not running, nor a oneshot that succeeded)."})
public final class GroupCommand extends ClientCommand {
    /** What to do to the group. */
    enum Action {
        /** Start in dependency order. */
        START,
        /** Stop, dependents first. */
        STOP,
        /** Stop then start. */
        RESTART,
        /** Show the members and their health. */
        STATUS,
        /** Stop, forget, delete the files. */
        DESTROY
    }

    @Parameters(index = "0", paramLabel = "start|stop|restart|status|destroy", description = "What to do.")
    Action action;

    @Option(names = "--prefix", required = true, paramLabel = "PREFIX", description = "The members' name prefix.")
    String prefix;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
            description = "How long a start or stop of the whole group may take (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** Creates the command (picocli instantiates it). */
    public GroupCommand() {
    }

    @Override
    protected int run() {
        if (prefix.isEmpty()) {
            throw usage("--prefix cannot be empty");
        }
        ServiceGroup group = ServiceGroup.prefix(client(), prefix);
        if (action == Action.STATUS) {
            return status(group.status());
        }
        List<String> members = group.members();
        if (members.isEmpty()) {
            throw new io.zinit4j.error.ServiceNotFoundException("no monitored service has the prefix '" + prefix + "'",
                    null, null, null);
        }
        switch (action) {
            case START:
                group.start(timeout);
                break;
            case STOP:
                group.stop(timeout);
                break;
            case RESTART:
                group.restart(timeout);
                break;
            default:
                members = group.destroy(timeout);
                break;
        }
        String verb = action.name().toLowerCase(Locale.ROOT) + (action == Action.STOP ? "ped" : "ed");
        out().done(verb + ": " + String.join(" ", members), Map.of("group", prefix, "services", members,
                "action", action.name().toLowerCase(Locale.ROOT)));
        return ExitCodes.OK;
    }

    private int status(GroupStatus status) {
        int code = status.healthy() ? ExitCodes.OK : ExitCodes.ERROR;
        if (out().json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", prefix);
            m.put("healthy", status.healthy());
            List<Map<String, Object>> members = new ArrayList<>();
            status.members().values().forEach(s -> members.add(Output.status(s)));
            m.put("members", members);
            m.put("unhealthy", status.unhealthy());
            out().json(m);
            return code;
        }
        if (status.members().isEmpty()) {
            out().line("no monitored service has the prefix '" + prefix + "'");
            return code;
        }
        int width = 0;
        for (String n : status.members().keySet()) {
            width = Math.max(width, n.length());
        }
        for (ServiceStatus s : status.members().values()) {
            out().line(String.format("%-" + width + "s  %-8s %s", s.name(), s.target().wireName(),
                    out().state(s.state())));
        }
        out().line(status.healthy() ? "healthy" : "not healthy: " + String.join(", ",
                status.unhealthy().keySet()));
        return code;
    }
}
