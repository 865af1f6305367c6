package io.zinit4j.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code zinitctl remove <svc>... [--timeout D]}: stops, forgets and deletes the files of services. */
@Command(name = "remove", description = "Stop, forget and delete the files of services; missing ones are skipped.")
public final class RemoveCommand extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "SERVICE", description = "Services to remove.")
    List<String> names;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "How long to wait for them to stop before SIGKILL (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** Creates the command (picocli instantiates it). */
    public RemoveCommand() {
    }

    @Override
    protected int run() {
        client().destroy(timeout, names.toArray(new String[0]));
        out().done("removed: " + String.join(" ", names), Map.of("services", names));
        return ExitCodes.OK;
    }
}
