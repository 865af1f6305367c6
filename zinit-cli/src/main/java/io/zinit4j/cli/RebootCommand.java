package io.zinit4j.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zinitctl reboot --yes}: stops every service and reboots the machine (ends zinit in container mode). */
@Command(name = "reboot", description = "Stop every service and reboot the machine (end zinit in container mode). "
        + "Requires --yes.")
public final class RebootCommand extends ClientCommand {
    @Option(names = "--yes", description = "Confirm: really reboot.")
    boolean yes;

    /** Creates the command (picocli instantiates it). */
    public RebootCommand() {
    }

    @Override
    protected int run() {
        if (!yes) {
            throw usage("refusing to reboot without --yes: this stops every service and reboots the machine");
        }
        client().reboot();
        out().done("rebooting", Map.of("action", "reboot"));
        return ExitCodes.OK;
    }
}
