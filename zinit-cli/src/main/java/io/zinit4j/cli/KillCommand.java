package io.zinit4j.cli;

import io.zinit4j.model.Signal;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code zinitctl kill <svc> <signal>}: sends a signal to a service's process. */
@Command(name = "kill", description = "Send a signal to a service's process.")
public final class KillCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
    String name;

    @Parameters(index = "1", paramLabel = "SIGNAL", description = "A POSIX signal: SIGTERM, TERM, 15, ...")
    String signal;

    /** Creates the command (picocli instantiates it). */
    public KillCommand() {
    }

    @Override
    protected int run() {
        Signal s = Signal.find(signal).orElseThrow(() -> usage("unknown signal '" + signal
                + "' (expected a POSIX name such as SIGTERM or SIGKILL, or its number)"));
        client().kill(name, s);
        out().done("sent " + s.name() + " to " + name, Map.of("service", name, "signal", s.name()));
        return ExitCodes.OK;
    }
}
