package io.zinit4j.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code zinitctl forget <svc>...}: zinit stops monitoring stopped services (their files stay). */
@Command(name = "forget", description = "Stop monitoring stopped services (their files stay).")
public final class ForgetCommand extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "Stopped services.")
    List<String> names;

    /** Creates the command (picocli instantiates it). */
    public ForgetCommand() {
    }

    @Override
    protected int run() {
        names.forEach(client()::forget);
        out().done("forgotten: " + String.join(" ", names), Map.of("services", names));
        return ExitCodes.OK;
    }
}
