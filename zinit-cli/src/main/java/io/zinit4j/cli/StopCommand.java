package io.zinit4j.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zinitctl stop <svc>... [--wait[=D]]}: sets services' target down, optionally waiting until they exited. */
@Command(name = "stop", description = "Stop services (target down; zinit sends the stop signal).")
public final class StopCommand extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "Services to stop.")
    List<String> names;

    @Option(names = "--wait", arity = "0..1", paramLabel = "DURATION", fallbackValue = "30s",
            converter = DurationConverter.class,
            description = "Wait until they exited, at most this long, then send SIGKILL (default 30s).")
    Duration wait;

    /** Creates the command (picocli instantiates it). */
    public StopCommand() {
    }

    @Override
    protected int run() {
        if (wait != null) {
            client().stopMultiple(wait, names.toArray(new String[0]));
        } else {
            names.forEach(client()::stop);
        }
        out().done("stopped: " + String.join(" ", names), Map.of("services", names, "waited", wait != null));
        return ExitCodes.OK;
    }
}
