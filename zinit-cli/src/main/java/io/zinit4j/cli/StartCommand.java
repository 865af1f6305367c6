package io.zinit4j.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zinitctl start <svc>... [--wait[=D]]}: sets services' target up, optionally waiting until they run. */
@Command(name = "start", description = "Start services (target up).")
public final class StartCommand extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "Services to start.")
    List<String> names;

    @Option(names = "--wait", arity = "0..1", paramLabel = "DURATION", fallbackValue = "30s",
            converter = DurationConverter.class,
            description = "Wait until they run (a oneshot: succeeded), at most this long (default 30s).")
    Duration wait;

    /** Creates the command (picocli instantiates it). */
    public StartCommand() {
    }

    @Override
    protected int run() {
        if (wait != null) {
            client().startMultiple(wait, names.toArray(new String[0]));
        } else {
            names.forEach(client()::start);
        }
        out().done((wait != null ? "running: " : "started: ") + String.join(" ", names),
                Map.of("services", names, "waited", wait != null));
        return ExitCodes.OK;
    }
}
