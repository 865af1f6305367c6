package io.zinit4j.cli;

import io.zinit4j.client.LogStream;
import io.zinit4j.model.LogLine;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zinitctl log [-f] [-n N] [svc]}: the lines zinit holds, or with {@code -f} those and new ones until
 * interrupted. In JSON, one object per line (JSON Lines), so that a followed log can be piped.
 */
@Command(name = "log", description = "Print zinit's log, optionally of one service (and its test).")
public final class LogCommand extends ClientCommand {
    @Parameters(arity = "0..1", paramLabel = "SERVICE", description = "Only this service's lines.")
    String service;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
    boolean follow;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "Only the last N lines held now.")
    Integer lines;

    /** Creates the command (picocli instantiates it). */
    public LogCommand() {
    }

    @Override
    protected int run() {
        if (lines != null && lines < 0) {
            throw usage("-n must not be negative: " + lines);
        }
        if (lines != null && follow) {
            throw usage("-n cannot be combined with -f: a followed log starts with every line zinit holds");
        }
        try (LogStream stream = follow ? client().followLogs(service) : client().logs(service)) {
            if (follow) {
                // close the stream on Ctrl-C so that the connection is released rather than cut
                Thread hook = new Thread(stream::close, "zinitctl-log-close");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    for (LogLine l = stream.next(); l != null; l = stream.next()) {
                        print(l);
                    }
                } finally {
                    removeHook(hook);
                }
            } else {
                Deque<LogLine> kept = new ArrayDeque<>();
                for (LogLine l = stream.next(); l != null; l = stream.next()) {
                    kept.addLast(l);
                    if (lines != null && kept.size() > lines) {
                        kept.removeFirst();
                    }
                }
                kept.forEach(this::print);
            }
        }
        return ExitCodes.OK;
    }

    private void print(LogLine l) {
        if (out().json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", l.service());
            m.put("stream", l.stream().name().toLowerCase(Locale.ROOT));
            m.put("text", l.text());
            m.put("raw", l.raw());
            out().json(m);
        } else {
            out().line(l.raw());
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs anyway
        }
    }
}
