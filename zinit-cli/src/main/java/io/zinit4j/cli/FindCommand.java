package io.zinit4j.cli;

import io.zinit4j.model.Filter;
import io.zinit4j.model.StateKind;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zinitctl find}: the monitored services that pass every given filter. */
@Command(name = "find", description = "List monitored services matching every given filter.")
public final class FindCommand extends ClientCommand {
    @Option(names = "--name", paramLabel = "NAME", description = "The exact service name.")
    String name;

    @Option(names = "--exec", paramLabel = "PROGRAM", description = "The base name of the program it runs.")
    String exec;

    @Option(names = "--exec-regex", paramLabel = "REGEX", description = "A regular expression found in its exec line.")
    String execRegex;

    @Option(names = "--state", split = ",", paramLabel = "STATE",
            description = "Any of these states (comma-separated): ${COMPLETION-CANDIDATES}.")
    List<StateKind> states;

    /** Creates the command (picocli instantiates it). */
    public FindCommand() {
    }

    @Override
    protected int run() {
        List<Filter> filters = new ArrayList<>();
        if (name != null) {
            filters.add(Filter.name(name));
        }
        if (exec != null) {
            filters.add(Filter.exec(exec));
        }
        if (execRegex != null) {
            try {
                filters.add(Filter.execRegex(execRegex));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (states != null && !states.isEmpty()) {
            filters.add(Filter.state(states.toArray(new StateKind[0])));
        }
        List<String> found = client().matches(filters.toArray(new Filter[0]));
        if (out().json()) {
            out().json(found);
        } else {
            found.forEach(out()::line);
        }
        return ExitCodes.OK;
    }
}
