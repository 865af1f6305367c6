package io.zinit4j.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code zinitctl monitor <svc>...}: zinit loads the services' files and starts them. */
@Command(name = "monitor", description = "Load services from their files and start them.")
public final class MonitorCommand extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "Services with a file in the config directory.")
    List<String> names;

    /** Creates the command (picocli instantiates it). */
    public MonitorCommand() {
    }

    @Override
    protected int run() {
        names.forEach(client()::monitor);
        out().done("monitored: " + String.join(" ", names), Map.of("services", names));
        return ExitCodes.OK;
    }
}
