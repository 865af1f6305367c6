package io.zinit4j.cli;

import io.zinit4j.model.LogType;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.Signal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zinitctl add <name> --exec CMD ...}: writes a service file (nothing is rewritten when the content is the
 * same), and optionally monitors, starts and waits for the service.
 */
@Command(name = "add", description = "Write a service file, optionally monitor and start it.")
public final class AddCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The service name.")
    String name;

    @Option(names = "--exec", required = true, paramLabel = "CMD", description = "The command line to run.")
    String exec;

    @Option(names = "--test", paramLabel = "CMD",
            description = "A command that must succeed before it counts as running.")
    String test;

    @Option(names = "--oneshot", description = "Do not restart it when it exits.")
    boolean oneshot;

    @Option(names = "--after", paramLabel = "SERVICE", description = "A service that must run first (repeatable).")
    List<String> after = new ArrayList<>();

    @Option(names = "--env", paramLabel = "K=V", description = "An environment variable (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = "--log", paramLabel = "ring|stdout|none",
            description = "Where its output goes (zinit's default: ring).")
    String log;

    @Option(names = "--dir", paramLabel = "DIR", description = "Its working directory.")
    String dir;

    @Option(names = "--shutdown-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long zinit waits for it to stop at shutdown, whole seconds (zinit's default: 10s).")
    Duration shutdownTimeout;

    @Option(names = "--stop-signal", paramLabel = "SIGNAL",
            description = "The signal zinit sends on stop (default SIGTERM).")
    String stopSignal;

    @Option(names = "--monitor", description = "Have zinit monitor it (which starts it).")
    boolean monitor;

    @Option(names = "--start", description = "Start it: monitor it if needed, else set its target up.")
    boolean start;

    @Option(names = "--wait", arity = "0..1", paramLabel = "DURATION", fallbackValue = "30s",
            converter = DurationConverter.class,
            description = "Start it and wait until it runs, at most this long (default 30s).")
    Duration wait;

    /** Creates the command (picocli instantiates it). */
    public AddCommand() {
    }

    @Override
    protected int run() {
        ServiceConfig config = config();
        boolean changed = client().addService(name, config);
        boolean monitored = false;
        if (monitor || start || wait != null) {
            if (client().exists(name)) {
                if (start || wait != null) {
                    client().start(name);
                }
            } else {
                client().monitor(name);
                monitored = true;
            }
        }
        if (wait != null) {
            client().startWait(wait, name);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("service", name);
        fields.put("changed", changed);
        fields.put("monitored", monitored);
        fields.put("waited", wait != null);
        out().done((changed ? "added " : "unchanged ") + name + (monitored ? ", monitored" : "")
                + (wait != null ? ", running" : ""), fields);
        return ExitCodes.OK;
    }

    private ServiceConfig config() {
        ServiceConfig.Builder b = ServiceConfig.builder().exec(exec).test(test).after(after).dir(dir);
        if (oneshot) {
            b.oneshot(true);
        }
        for (String kv : env) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw usage("--env needs KEY=VALUE, got: " + kv);
            }
            b.env(kv.substring(0, eq), kv.substring(eq + 1));
        }
        if (log != null) {
            try {
                b.log(LogType.parse(log));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
        if (stopSignal != null) {
            b.stopSignal(Signal.find(stopSignal).orElseThrow(
                    () -> usage("unknown signal for --stop-signal: " + stopSignal)));
        }
        if (shutdownTimeout != null) {
            if (shutdownTimeout.getNano() != 0) {
                throw usage("--shutdown-timeout must be whole seconds, got: " + shutdownTimeout);
            }
            b.shutdownTimeout(shutdownTimeout);
        }
        return b.build();
    }
}
