package io.zinit4j.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * Finds out a server's version from the best source there is, and says which one it used.
 */
final class VersionProbe {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.+-]+)?)");

    private final Path binary;

    VersionProbe(Path binary) {
        this.binary = binary;
    }

    ServerVersion version(Protocol generation) {
        if (binary != null) {
            Optional<ServerVersion> local = askBinary();
            if (local.isPresent()) {
                return local.get();
            }
        }
        String range = generation == Protocol.JSON_RPC ? ">=0.2.15" : "<=0.2.14";
        Optional<Semver> none = Optional.empty();
        return new ServerVersion(none, ServerVersion.Source.PROTOCOL, "the server speaks "
                + (generation == Protocol.JSON_RPC ? "JSON-RPC" : "the legacy line protocol") + ", so zinit " + range
                + "; it has no version call" + (binary == null ? " and no local zinit binary is configured"
                : " and " + binary + " -V gave no version"));
    }

    private Optional<ServerVersion> askBinary() {
        if (!Files.isExecutable(binary)) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(binary.toString(), "-V").redirectErrorStream(true).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                out = in.readNBytes(4096);
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            Matcher m = VERSION.matcher(text);
            if (m.find()) {
                return Optional.of(new ServerVersion(Optional.of(new Semver(m.group(1))),
                        ServerVersion.Source.LOCAL_BINARY, text));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
