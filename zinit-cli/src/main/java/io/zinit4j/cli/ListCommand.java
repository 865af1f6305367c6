package io.zinit4j.cli;

import io.zinit4j.model.ServiceState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;

/** {@code zinitctl list}: every monitored service and its state, sorted by name. */
@Command(name = "list", description = "List monitored services and their states.")
public final class ListCommand extends ClientCommand {
    /** Creates the command (picocli instantiates it). */
    public ListCommand() {
    }

    @Override
    protected int run() {
        Map<String, ServiceState> services = new TreeMap<>(client().list());
        if (out().json()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            services.forEach((name, state) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", name);
                row.put("state", state.raw());
                row.put("kind", Output.kind(state.kind()));
                rows.add(row);
            });
            out().json(rows);
            return ExitCodes.OK;
        }
        int width = services.keySet().stream().mapToInt(String::length).max().orElse(0);
        services.forEach((name, state) -> out().line(String.format("%-" + Math.max(width, 1) + "s  %s", name,
                out().state(state))));
        return ExitCodes.OK;
    }
}
