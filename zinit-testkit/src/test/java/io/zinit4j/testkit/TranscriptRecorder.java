package io.zinit4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.zinit4j.transcripts.Transcripts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records new golden transcripts from a real zinit: drives it through the request scripts of the committed
 * transcripts ({@link TranscriptScript}: the same file rows, requests and notes, each sent the recorded gap after the
 * one before, so polls keep their pace) and writes the answers as JSONL in the same row format ({@code t_ms} counts
 * from the script's first row).
 * Then it replays what it recorded against the fake ({@link TranscriptReplayTest#replay}) and says whether the fake
 * agrees with that server.
 *
 * <pre>
 * TranscriptRecorder OUT_DIR [SCRIPTS [FILE...]]
 * </pre>
 *
 * <p>SCRIPTS is {@value Transcripts#LEGACY} or {@value Transcripts#RPC} (default: the one for the server's protocol);
 * FILE one of {@link Transcripts#FILES} (default: all four). The files land in
 * {@code OUT_DIR/<legacy|rpc>-v<version>/}. Each file wants a server of its own, fresh: with {@code ZINIT_BIN} (a
 * binary, started as {@code zinit -s DIR/zinit.sock init -c DIR/etc --container} in a temporary directory) or else
 * Docker ({@code ZINIT_VERSION}, default {@value ZinitContainer#DEFAULT_VERSION}) the recorder starts one per file.
 * With {@code ZINIT_SOCKET} it talks to the server there ({@code ZINIT_CONFIG_DIR} names the directory it reads
 * service files from, {@code ZINIT_RUN_DIR} one its services can see, {@code ZINIT_VERSION} its version for the
 * output's name): record one FILE per fresh server then.
 * Exits 0 when everything was recorded and the fake replays it, 1 when the fake disagrees, 2 on bad usage.
 */
public final class TranscriptRecorder {
    private TranscriptRecorder() {
    }

    /**
     * @param args {@code OUT_DIR [SCRIPTS [FILE...]]}
     * @throws Exception when a server cannot be started or talked to
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args[0].startsWith("-")) {
            System.err.println("usage: TranscriptRecorder OUT_DIR [" + Transcripts.LEGACY + "|" + Transcripts.RPC
                    + " [FILE...]]   (target: ZINIT_SOCKET, else ZINIT_BIN, else Docker with ZINIT_VERSION)");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Map<String, String> env = System.getenv();
        String version = Optional.ofNullable(env.get("ZINIT_VERSION")).filter(v -> !v.isBlank())
                .orElse(ZinitContainer.DEFAULT_VERSION);
        if (env.containsKey("ZINIT_SOCKET")) {
            version = Optional.ofNullable(env.get("ZINIT_VERSION")).orElse("unknown");
        } else if (ZinitProcess.binaryFromEnvironment().isPresent()) {
            try (ZinitProcess probe = ZinitProcess.start()) {
                version = probe.zinitVersion().orElse("unknown");
            }
        }
        String generation = args.length > 1 ? args[1]
                : !version.equals("unknown") && !RealZinitSupport.readsOnlyEtcZinit(version) ? Transcripts.LEGACY
                : Transcripts.RPC;
        if (!Transcripts.GENERATIONS.contains(generation)) {
            System.err.println("no scripts " + generation + "; there are " + Transcripts.GENERATIONS);
            System.exit(2);
        }
        List<String> files = args.length > 2 ? List.of(args).subList(2, args.length) : Transcripts.FILES;
        Path dir = Files.createDirectories(out.resolve(generation.substring(0, generation.indexOf('-')) + "-v"
                + version));
        boolean agrees = true;
        for (String file : files) {
            List<Transcripts.Row> recorded = recordOne(generation, file, version, env, dir);
            Path written = dir.resolve(file);
            StringBuilder text = new StringBuilder();
            for (Transcripts.Row row : recorded) {
                text.append(row.toJsonLine()).append('\n');
            }
            Files.writeString(written, text, StandardCharsets.UTF_8);
            long exchanges = recorded.stream().filter(Transcripts.Row::isExchange).count();
            System.out.println("recorded " + written + ": " + recorded.size() + " rows, " + exchanges + " exchanges, "
                    + sameAsCommitted(generation, file, recorded) + " answers as committed (pids normalised)");
            Path runDir = Files.createTempDirectory("zinit4j-replay-");
            try {
                int checked = TranscriptReplayTest.replay(generation, file, recorded, runDir);
                System.out.println("  the fake gives every recorded answer (" + checked + " compared)");
            } catch (AssertionError e) {
                agrees = false;
                System.out.println("  the fake disagrees: " + e.getMessage());
            } finally {
                RealZinitSupport.deleteTreeQuietly(runDir);
            }
        }
        System.exit(agrees ? 0 : 1);
    }

    /** Records one script on a server of its own (or the one at ZINIT_SOCKET). */
    private static List<Transcripts.Row> recordOne(String generation, String file, String version,
                                                   Map<String, String> env, Path outDir) throws IOException {
        if (env.containsKey("ZINIT_SOCKET")) {
            Path config = Path.of(env.getOrDefault("ZINIT_CONFIG_DIR", "/etc/zinit"));
            Path run = env.containsKey("ZINIT_RUN_DIR") ? Path.of(env.get("ZINIT_RUN_DIR"))
                    : Files.createTempDirectory("zinit4j-rec-");
            return record(generation, file, new TranscriptScript(generation, Path.of(env.get("ZINIT_SOCKET")), config,
                    run, config.toString(), run.toString()), version, outDir);
        }
        if (ZinitProcess.binaryFromEnvironment().isPresent()) {
            try (ZinitProcess zinit = ZinitProcess.start()) {
                Path run = Files.createDirectories(zinit.workDir().resolve("run"));
                return record(generation, file, new TranscriptScript(generation, zinit.socket(), zinit.configDir(),
                        run, zinit.configDir().toString(), run.toString()), version, outDir);
            }
        }
        ZinitContainer zinit = new ZinitContainer(version);
        try {
            zinit.start();
            Path run = zinit.hostDirectory().resolve("run");
            String serverRun = Path.of(ZinitContainer.CONTAINER_SOCKET).getParent().toString();
            return record(generation, file, new TranscriptScript(generation, zinit.socket(), zinit.configDir(), run,
                    ZinitContainer.CONTAINER_CONFIG_DIR, serverRun), version, outDir);
        } finally {
            zinit.stop();
        }
    }

    private static List<Transcripts.Row> record(String generation, String file, TranscriptScript script,
                                                String version, Path outDir) throws IOException {
        List<Transcripts.Row> rows = new ArrayList<>();
        try (script) {
            long start = 0;
            long previousAt = 0;
            long previousT = 0;
            for (Transcripts.Row row : Transcripts.read(generation, file)) {
                if (start == 0) {
                    start = System.nanoTime();
                }
                // keep the recorded gap to the previous row; a row that comes late (a cold start, a slow answer)
                // shifts the rest instead of making the following polls come in a burst
                long wait = previousAt + Math.max(0, row.tMs() - previousT) - elapsedMs(start);
                if (wait > 0) {
                    TranscriptScript.sleep(Duration.ofMillis(wait));
                }
                long at = elapsedMs(start);
                previousAt = at;
                previousT = row.tMs();
                if (row.isFile()) {
                    script.writeFile(row);
                    rows.add(new Transcripts.Row(at, row.request(), row.responseRaw(), row.file(), row.content(),
                            row.note()));
                } else if (row.isExchange()) {
                    String answer = script.send(row);
                    if (row.responseRaw().get().startsWith("<the OpenRPC spec")) {
                        answer = keepSpec(answer, version, outDir);
                    }
                    rows.add(row.answered(at, answer));
                } else {
                    script.note(row);
                    rows.add(new Transcripts.Row(at, row.request(), row.responseRaw(), row.file(), row.content(),
                            row.note()));
                }
            }
        }
        return rows;
    }

    /** The OpenRPC document goes into a file of its own; the row names it, as in the committed recording. */
    private static String keepSpec(String answer, String version, Path outDir) throws IOException {
        JsonNode result = WireJson.MAPPER.readTree(answer).get("result");
        if (result == null) {
            return answer;
        }
        String name = "openrpc-v" + version + ".json";
        String doc = WireJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n";
        Files.writeString(outDir.resolve(name), doc, StandardCharsets.UTF_8);
        return String.format(TranscriptScript.SPEC_PLACEHOLDER, doc.length(), name);
    }

    private static String sameAsCommitted(String generation, String file, List<Transcripts.Row> recorded) {
        List<Transcripts.Row> committed = Transcripts.read(generation, file);
        int same = 0;
        int total = 0;
        for (int i = 0; i < Math.min(committed.size(), recorded.size()); i++) {
            if (!committed.get(i).isExchange()) {
                continue;
            }
            total++;
            if (TranscriptReplayTest.normalize(committed.get(i).responseRaw().get())
                    .equals(TranscriptReplayTest.normalize(recorded.get(i).responseRaw().get()))) {
                same++;
            }
        }
        return same + " of " + total;
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
