package io.zinit4j.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zinitctl restart <svc>... [--wait[=D]]}. Without {@code --wait} it sets the target down then up and returns:
 * zinit starts the service again once the old process has exited. With {@code --wait} each service is stopped and
 * waited for (SIGKILL at the deadline), then started and waited for.
 */
@Command(name = "restart", description = "Restart services (stop, then start).")
public final class RestartCommand extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "Services to restart.")
    List<String> names;

    @Option(names = "--wait", arity = "0..1", paramLabel = "DURATION", fallbackValue = "30s",
            converter = DurationConverter.class,
            description = "Wait for each half (stopped, then running), at most this long each (default 30s).")
    Duration wait;

    /** Creates the command (picocli instantiates it). */
    public RestartCommand() {
    }

    @Override
    protected int run() {
        for (String n : names) {
            if (wait != null) {
                client().restart(wait, n);
            } else {
                client().stop(n);
                client().start(n);
            }
        }
        out().done("restarted: " + String.join(" ", names), Map.of("services", names, "waited", wait != null));
        return ExitCodes.OK;
    }
}
