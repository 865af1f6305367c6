package io.zinit4j.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zinitctl shutdown --yes}: stops every service and ends zinit (powering off when zinit is PID 1). */
@Command(name = "shutdown", description = "Stop every service and end zinit; the machine powers off when zinit is "
        + "PID 1 outside container mode. Requires --yes.")
public final class ShutdownCommand extends ClientCommand {
    @Option(names = "--yes", description = "Confirm: really shut down.")
    boolean yes;

    /** Creates the command (picocli instantiates it). */
    public ShutdownCommand() {
    }

    @Override
    protected int run() {
        if (!yes) {
            throw usage("refusing to shut down without --yes: this stops every service and may power off the machine");
        }
        client().shutdown();
        out().done("shutting down", Map.of("action", "shutdown"));
        return ExitCodes.OK;
    }
}
