package io.zinit4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code zinitctl get <svc>}: a monitored service's file, as YAML (or its fields as JSON). */
@Command(name = "get", description = "Print a monitored service's file as YAML.")
public final class GetCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
    String name;

    /** Creates the command (picocli instantiates it). */
    public GetCommand() {
    }

    @Override
    protected int run() {
        var config = client().get(name);
        if (out().json()) {
            out().json(config.toMap());
        } else {
            String yaml = config.toYaml();
            out().line(yaml.endsWith("\n") ? yaml.substring(0, yaml.length() - 1) : yaml);
        }
        return ExitCodes.OK;
    }
}
