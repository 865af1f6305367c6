package io.zinit4j.cli;

import io.zinit4j.model.ServiceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code zinitctl status <svc>...}: pid, state, target and dependencies of services. */
@Command(name = "status", description = "Show the status of services.")
public final class StatusCommand extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "Services to show.")
    List<String> names;

    /** Creates the command (picocli instantiates it). */
    public StatusCommand() {
    }

    @Override
    protected int run() {
        List<ServiceStatus> all = new ArrayList<>();
        for (String n : names) {
            all.add(client().status(n));
        }
        if (out().json()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            all.forEach(s -> rows.add(Output.status(s)));
            out().json(rows);
            return ExitCodes.OK;
        }
        boolean first = true;
        for (ServiceStatus s : all) {
            if (!first) {
                out().line("");
            }
            first = false;
            out().line("name:   " + s.name());
            out().line("pid:    " + s.pid());
            out().line("state:  " + out().state(s.state()));
            out().line("target: " + s.target().wireName());
            if (!s.after().isEmpty()) {
                out().line("after:");
                s.after().forEach((dep, st) -> out().line("  " + dep + ": " + out().state(st)));
            }
        }
        return ExitCodes.OK;
    }
}
