package io.zinit4j.cli;

import io.zinit4j.client.ops.ApplyResult;
import io.zinit4j.client.ops.Convergence;
import io.zinit4j.client.ops.Scope;
import io.zinit4j.client.ops.ServicePlan;
import io.zinit4j.error.ServiceFileFormatException;
import io.zinit4j.model.Filter;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zinitctl apply -f DIR [--prefix P] [--dry-run] [--prune] [--timeout D]}: converges the node with the service
 * files of a directory. Dependencies are checked first (a cycle, or an {@code after} naming a service that exists
 * nowhere, is refused before anything is written); a second apply of the same directory changes nothing.
 */
@Command(name = "apply", description = {
        "Converge services with a directory of service files: every NAME.yaml in DIR is service NAME.",
        "The plan is printed as '+ add', '~ change', '- remove', '= keep'. Running services whose file matches "
                + "keep running. A dependency cycle, or an 'after' naming a service that is neither in DIR nor on "
                + "the server, exits with code 2 before anything is written."})
public final class ApplyCommand extends ClientCommand {
    private static final String SUFFIX = ".yaml";

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "DIR",
            description = "Directory of NAME.yaml service files.")
    Path dir;

    @Option(names = "--prefix", paramLabel = "PREFIX",
            description = "Every service in DIR must have this name prefix; with --prune, the services it may remove.")
    String prefix;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--prune", description = "Also remove services with the --prefix that DIR does not have.")
    boolean prune;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30s",
            description = "How long each stop and start may take (default: ${DEFAULT-VALUE}); stops end with SIGKILL.")
    Duration timeout;

    /** Creates the command (picocli instantiates it). */
    public ApplyCommand() {
    }

    @Override
    protected int run() {
        if (prune && (prefix == null || prefix.isEmpty())) {
            throw usage("--prune needs --prefix: it removes the services with that prefix that DIR does not have");
        }
        Map<String, ServiceConfig> desired = read();
        List<String> outside = new ArrayList<>();
        for (String n : desired.keySet()) {
            if (prefix != null && !n.startsWith(prefix)) {
                outside.add(n);
            }
        }
        if (!outside.isEmpty()) {
            throw usage("services in " + dir + " without the prefix '" + prefix + "': " + String.join(", ", outside));
        }
        Scope scope = prune ? Scope.prefix(prefix) : exactly(desired.keySet());
        if (scope == null) {
            out().done("nothing to apply: no " + SUFFIX + " files in " + dir,
                    Map.of("plan", List.of(), "changed", false));
            return ExitCodes.OK;
        }
        ServicePlan plan = new Convergence(client()).plan(desired, scope);
        if (!out().json()) {
            for (ServicePlan.Step s : plan.steps()) {
                out().line(symbol(s.action()) + " " + s.name() + "  (" + s.reason() + ")");
            }
            if (prune) {
                // the notes are about removals, which only --prune does
                plan.notes().forEach(n -> out().line("note: " + n));
            }
        }
        if (plan.converged()) {
            return finish(plan, null, "nothing changed: " + plan.steps().size() + " service"
                    + (plan.steps().size() == 1 ? "" : "s") + " already match " + dir);
        }
        if (dryRun) {
            return finish(plan, null, "dry run: nothing changed");
        }
        ApplyResult result = plan.apply(timeout);
        return finish(plan, result, result.ok() ? "applied: " + counts(plan) : "applied with failures: "
                + counts(plan));
    }

    private int finish(ServicePlan plan, ApplyResult result, String summary) {
        if (out().json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Map<String, Object>> steps = new ArrayList<>();
            for (ServicePlan.Step s : plan.steps()) {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("name", s.name());
                step.put("action", s.action().name().toLowerCase(java.util.Locale.ROOT));
                step.put("reason", s.reason());
                steps.add(step);
            }
            m.put("plan", steps);
            m.put("notes", prune ? plan.notes() : List.of());
            m.put("dry_run", dryRun);
            m.put("changed", result != null);
            if (result != null) {
                Map<String, String> failures = new TreeMap<>();
                result.failures().forEach((n, e) -> failures.put(n, e.getMessage()));
                m.put("ok", result.ok());
                m.put("failures", failures);
            } else {
                m.put("ok", true);
            }
            out().json(m);
        } else {
            if (result != null) {
                result.failures().forEach((n, e) -> out().line("failed " + n + ": " + e.getMessage()));
            }
            out().line(summary);
        }
        if (result == null || result.ok()) {
            return ExitCodes.OK;
        }
        return ExitCodes.of(result.failures().values().iterator().next());
    }

    private static String counts(ServicePlan plan) {
        return plan.names(ServicePlan.Action.ADD).size() + " added, " + plan.names(ServicePlan.Action.CHANGE).size()
                + " changed, " + plan.names(ServicePlan.Action.REMOVE).size() + " removed, "
                + plan.names(ServicePlan.Action.KEEP).size() + " kept";
    }

    static String symbol(ServicePlan.Action action) {
        switch (action) {
            case ADD:
                return "+";
            case CHANGE:
                return "~";
            case REMOVE:
                return "-";
            default:
                return "=";
        }
    }

    /** Without --prune only the services of DIR are in scope, so nothing else is ever removed. */
    private static Scope exactly(java.util.Set<String> names) {
        Filter filter = null;
        for (String n : names) {
            filter = filter == null ? Filter.name(n) : filter.or(Filter.name(n));
        }
        return filter == null ? null : Scope.of(filter);
    }

    /** Every file is read and checked before the node is asked anything, so a bad one changes nothing. */
    private Map<String, ServiceConfig> read() {
        if (!Files.isDirectory(dir)) {
            throw usage("not a directory: " + dir);
        }
        Map<String, ServiceConfig> out = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                String name = ServiceNames.validate(file.substring(0, file.length() - SUFFIX.length()));
                try {
                    out.put(name, ServiceConfig.fromYaml(Files.readString(f, StandardCharsets.UTF_8)));
                } catch (ServiceFileFormatException e) {
                    throw new ServiceFileFormatException(f + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new io.zinit4j.error.ZinitException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
