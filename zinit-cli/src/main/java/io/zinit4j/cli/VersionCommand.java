package io.zinit4j.cli;

import io.zinit4j.client.ServerVersion;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.semver4j.Semver;
import picocli.CommandLine.Command;

/** {@code zinitctl version}: this client's version and the server's, saying where the server's came from. */
@Command(name = "version", description = "Show the client's and the server's version, and how the latter is known.")
public final class VersionCommand extends ClientCommand {
    /** Creates the command (picocli instantiates it). */
    public VersionCommand() {
    }

    @Override
    protected int run() {
        String client = ZinitCtl.clientVersion();
        if (!out().json()) {
            // printed first so that it shows even when the server cannot be reached
            out().line("client: zinitctl " + client);
        }
        ServerVersion v = client().version();
        String protocol = client().protocol().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (out().json()) {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("version", v.version().map(Semver::toString).orElse(null));
            server.put("source", v.source().name().toLowerCase(Locale.ROOT));
            server.put("raw", v.raw());
            server.put("protocol", protocol);
            if (client().url().isPresent()) {
                server.put("url", client().url().get().toString());
            } else {
                server.put("socket", client().socketChoice().path().toString());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client", client);
            m.put("server", server);
            out().json(m);
        } else {
            out().line("server: " + v.version().map(Semver::toString).orElse("unknown") + " (" + source(v) + ")");
            out().line("protocol: " + protocol + " on " + client().url().map(Object::toString)
                    .orElseGet(() -> client().socketChoice().toString()));
        }
        return ExitCodes.OK;
    }

    private static String source(ServerVersion v) {
        String raw = v.raw().isEmpty() ? "" : ": " + v.raw();
        switch (v.source()) {
            case SERVER:
                return "reported by the server" + raw;
            case LOCAL_BINARY:
                return "from the local zinit binary, which may not be the one answering" + raw;
            default:
                return "unknown" + raw;
        }
    }
}
