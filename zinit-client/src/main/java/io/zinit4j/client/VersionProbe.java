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
 * Finds out a server's version from the best source there is, and says which one it used: what the server tells,
 * else an optional local zinit binary, else an explicit unknown. It never guesses silently.
 *
 * <p>What the servers tell: nothing. The legacy line protocol (zinit up to 0.2.14) has no version command, and the
 * JSON-RPC generation (0.2.15 up to at least 0.2.28) has no version method either; {@code rpc.discover} carries {@code
 * info.version} "1.0.0", which is the version of the API document, not of zinit, and is deliberately not used. So the
 * server source stays empty until a server offers one, and the protocol generation is reported only as a range inside
 * the unknown's reason. Thread-safe: no state beyond the configured binary.
 */
final class VersionProbe {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?)");
    private static final long BINARY_TIMEOUT_SECONDS = 5;

    private final Path binary;

    /** @param binary a local zinit binary to ask with {@code -V}, or {@code null} */
    VersionProbe(Path binary) {
        this.binary = binary;
    }

    /**
     * {@return the version with its source; {@link ServerVersion.Source#UNKNOWN} when nothing could tell}
     *
     * @param generation the protocol generation that answers on the socket
     */
    ServerVersion version(Protocol generation) {
        String why = "no local zinit binary is configured";
        if (binary != null) {
            BinaryAnswer local = askBinary();
            if (local.version() != null) {
                return local.version();
            }
            why = local.reason();
        }
        String range = generation == Protocol.JSON_RPC ? "zinit 0.2.15 or later" : "zinit 0.2.14 or earlier";
        return ServerVersion.unknown("the server speaks "
                + (generation == Protocol.JSON_RPC ? "JSON-RPC" : "the legacy line protocol") + " (" + range
                + ") and has no version call; " + why);
    }

    /**
     * Parses the text {@code zinit -V} prints.
     *
     * @param text e.g. {@code zinit v0.2.14}
     * @return the version, when the text holds a valid semantic version
     */
    static Optional<Semver> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(text);
        while (m.find()) {
            Semver v = Semver.parse(m.group(1));
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** What asking the binary gave: a version, or why there is none (so that the unknown can say it). */
    private record BinaryAnswer(ServerVersion version, String reason) {
    }

    private BinaryAnswer askBinary() {
        if (!Files.exists(binary)) {
            return new BinaryAnswer(null, binary + " does not exist");
        }
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            return new BinaryAnswer(null, binary + " is not an executable file");
        }
        try {
            Process p = new ProcessBuilder(binary.toString(), "-V").redirectErrorStream(true).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                // wait first: the output is one short line, and reading first could block on a hung binary
                if (!p.waitFor(BINARY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new BinaryAnswer(null, binary + " -V did not finish within " + BINARY_TIMEOUT_SECONDS
                            + " s");
                }
                out = in.readNBytes(4096);
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            Optional<Semver> v = parse(text);
            if (v.isEmpty()) {
                return new BinaryAnswer(null, binary + " -V printed no version: '" + abbreviate(text) + "'");
            }
            return new BinaryAnswer(new ServerVersion(v, ServerVersion.Source.LOCAL_BINARY, binary + " -V: " + text),
                    null);
        } catch (IOException e) {
            return new BinaryAnswer(null, binary + " -V could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BinaryAnswer(null, "interrupted while asking " + binary + " -V");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
