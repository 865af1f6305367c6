package io.zinit4j.cli;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.ServiceStats;
import io.zinit4j.error.UnsupportedByServerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code zinitctl stats <svc>}: memory and CPU use of a running service and its children (zinit 0.2.15+). */
@Command(name = "stats", description = "Show memory and CPU use of a running service (zinit 0.2.15 and later).")
public final class StatsCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
    String name;

    /** Creates the command (picocli instantiates it). */
    public StatsCommand() {
    }

    @Override
    protected int run() {
        ServiceStats s;
        try {
            s = client().stats(name);
        } catch (UnsupportedByServerException e) {
            if (client().protocol() != Protocol.LEGACY) {
                throw e;
            }
            // say what would work, not only what does not (the protocol is known by now: no extra round trip)
            throw new UnsupportedByServerException("stats", "zinit 0.2.14 or earlier, legacy line protocol; "
                    + "stats needs zinit 0.2.15 or later");
        }
        if (out().json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("pid", s.pid());
            m.put("memory_bytes", s.memoryBytes());
            m.put("cpu_percent", s.cpuPercent());
            List<Map<String, Object>> children = new ArrayList<>();
            for (ServiceStats.ChildStats c : s.children()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("pid", c.pid());
                cm.put("memory_bytes", c.memoryBytes());
                cm.put("cpu_percent", c.cpuPercent());
                children.add(cm);
            }
            m.put("children", children);
            out().json(m);
            return ExitCodes.OK;
        }
        out().line("name:   " + s.name());
        out().line("pid:    " + s.pid());
        out().line("memory: " + bytes(s.memoryBytes()));
        out().line("cpu:    " + String.format(Locale.ROOT, "%.1f%%", s.cpuPercent()));
        for (ServiceStats.ChildStats c : s.children()) {
            out().line(String.format(Locale.ROOT, "  child %d: memory %s, cpu %.1f%%", c.pid(), bytes(c.memoryBytes()),
                    c.cpuPercent()));
        }
        return ExitCodes.OK;
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
