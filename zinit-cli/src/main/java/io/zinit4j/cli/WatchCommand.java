package io.zinit4j.cli;

import io.zinit4j.client.lifecycle.ServiceWatch;
import io.zinit4j.client.lifecycle.StateChange;
import io.zinit4j.model.ServiceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zinitctl watch [SVC...] [--count N]}: one line per state change until interrupted, NDJSON with {@code
 * --json}. Polls with the client's poll policy, so states shorter than a poll interval may be skipped.
 */
@Command(name = "watch", description = {
        "Print one line per state change of services until interrupted (one JSON object a line with --json).",
        "The first line of each service shows its state when the watch began. Without SERVICE, the services "
                + "monitored at the start are watched."})
public final class WatchCommand extends ClientCommand {
    @Parameters(arity = "0..*", paramLabel = "SERVICE", description = "Services to watch (default: all monitored).")
    List<String> names;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N changes (the first lines not counted).")
    Integer count;

    /** Creates the command (picocli instantiates it). */
    public WatchCommand() {
    }

    @Override
    protected int run() {
        if (count != null && count < 0) {
            throw usage("--count cannot be negative: " + count);
        }
        List<String> watched = names == null || names.isEmpty() ? new ArrayList<>(new TreeSet<>(client().list()
                .keySet())) : names;
        if (watched.isEmpty()) {
            if (!out().json()) {
                out().line("no services to watch");
            }
            return ExitCodes.OK;
        }
        for (String n : watched) {
            client().status(n); // an unknown name is an error now, not a silent wait
        }
        int changes = 0;
        try (ServiceWatch watch = client().watch(watched.toArray(new String[0]))) {
            while ((count == null || changes < count) && !Thread.currentThread().isInterrupted()) {
                Optional<StateChange> c = watch.next(Duration.ofSeconds(1));
                if (c.isEmpty()) {
                    continue;
                }
                print(c.get());
                if (!c.get().initial()) {
                    changes++;
                }
            }
        }
        return ExitCodes.OK;
    }

    private void print(StateChange c) {
        ServiceStatus before = c.previous();
        ServiceStatus now = c.current();
        if (out().json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", c.at().toString());
            m.put("service", c.name());
            m.put("previous", before == null ? null : before.state().raw());
            m.put("state", now == null ? null : now.state().raw());
            m.put("kind", now == null ? null : Output.kind(now.state().kind()));
            m.put("pid", now == null ? 0 : now.pid());
            m.put("target", now == null ? null : now.target().wireName());
            m.put("gone", now == null);
            out().json(m);
            return;
        }
        String what;
        if (now == null) {
            what = "forgotten";
        } else if (before == null) {
            what = out().state(now.state()) + " pid " + now.pid() + " target " + now.target().wireName();
        } else {
            what = out().state(before.state()) + " -> " + out().state(now.state()) + " pid " + now.pid()
                    + (now.target() != before.target() ? " target " + now.target().wireName() : "");
        }
        out().line(c.at() + " " + c.name() + ": " + what);
    }
}
