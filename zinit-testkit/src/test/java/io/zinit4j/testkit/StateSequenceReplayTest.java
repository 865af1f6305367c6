package io.zinit4j.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.zinit4j.transcripts.Transcripts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Replays the requests of the recorded lifecycle and state transcripts against the fake and checks that every service
 * goes through the same ORDER of states as on the real zinit (timings differ and are not compared).
 *
 * <p>Each recorded status poll becomes a sync point: the replay polls the fake until it shows the recorded status
 * (pids renamed per service in order of appearance, so "a restart has a new pid" is compared too), collecting every
 * status it passes through. The recorded sequence of a service must then equal the fake's, except that the fake may
 * show {@code Spawned} where the recorder's 20 ms poll missed zinit's short {@code Spawned} phase. The fake cannot run
 * the recorded commands, so each service's process is scripted after its {@code exec} line (see {@link
 * TranscriptReplayTest#scripts}).
 */
class StateSequenceReplayTest {
    private static final Duration SYNC = Duration.ofSeconds(5);
    private static final Pattern PID = Pattern.compile("Pid\\((\\d+)\\)");

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"legacy-v0.2.14,lifecycle.jsonl", "legacy-v0.2.14,states.jsonl", "rpc-v0.2.28,lifecycle.jsonl",
                "rpc-v0.2.28,states.jsonl"})
    void theFakeGoesThroughTheRecordedStatesInOrder(String recording, String file) throws IOException {
        boolean legacy = recording.equals(Transcripts.LEGACY);
        // zinit waits about a second before a restart or a start of a stopped service, and the recordings act inside
        // that second (stop a crashed service, start an already started one): the fake waits as long here
        try (FakeZinitServer zinit = FakeZinitServer.builder()
                .generation(legacy ? Generation.LEGACY : Generation.JSON_RPC)
                .spawnTime(Duration.ofMillis(100))
                .build().start();
             Replay replay = new Replay(zinit, legacy)) {
            TranscriptReplayTest.scripts(legacy).forEach(zinit::script);
            Map<String, List<String>> recorded = new LinkedHashMap<>();
            Map<String, List<String>> seen = new LinkedHashMap<>();
            Map<String, Renamer> recordedPids = new HashMap<>();
            Map<String, Renamer> fakePids = new HashMap<>();
            int syncs = 0;
            for (Transcripts.Row row : Transcripts.read(recording, file)) {
                if (row.file().isPresent()) {
                    Path f = zinit.configDir().resolve(Path.of(row.file().get()).getFileName());
                    Files.writeString(f, row.content().orElse(""), StandardCharsets.UTF_8);
                    continue;
                }
                if (!row.isExchange()) {
                    continue;
                }
                JsonNode want = replay.statusOf(row.responseRaw().get());
                if (want == null) {
                    replay.send(row.request().get());
                    continue;
                }
                String name = want.get("name").asText();
                String expected = normalize(want, recordedPids.computeIfAbsent(name, k -> new Renamer()));
                addDistinct(recorded.computeIfAbsent(name, k -> new ArrayList<>()), expected);
                List<String> mine = seen.computeIfAbsent(name, k -> new ArrayList<>());
                Renamer renamer = fakePids.computeIfAbsent(name, k -> new Renamer());
                long deadline = System.nanoTime() + SYNC.toNanos();
                while (true) {
                    JsonNode got = replay.statusOf(replay.send(row.request().get()));
                    String now = got == null ? "<no status>" : normalize(got, renamer);
                    addDistinct(mine, now);
                    if (now.equals(expected)) {
                        break;
                    }
                    if (System.nanoTime() - deadline > 0) {
                        fail(file + " t=" + row.tMs() + ": " + name + " never showed " + expected + "; the fake went "
                                + mine + ", zinit went " + recorded.get(name));
                    }
                    sleep();
                }
                syncs++;
            }
            assertTrue(syncs > 10, "the transcript has status polls");
            for (Map.Entry<String, List<String>> e : recorded.entrySet()) {
                if (!sameOrder(e.getValue(), seen.get(e.getKey()))) {
                    fail(file + ": " + e.getKey() + " went " + seen.get(e.getKey()) + " on the fake, " + e.getValue()
                            + " on zinit");
                }
            }
        }
    }

    /**
     * @return whether the fake went through the recorded states in the recorded order, passing at most through extra
     *         Spawned or Running states: the recorder polled every 20 to 100 ms and could miss zinit's brief Spawned
     *         phase, a oneshot's short Running, or the moment between a stop and the process's death
     */
    static boolean sameOrder(List<String> recorded, List<String> fake) {
        int j = 0;
        for (String state : fake) {
            if (j < recorded.size() && state.equals(recorded.get(j))) {
                j++;
            } else if (!state.startsWith("Spawned ") && !state.startsWith("Running ")) {
                return false;
            }
        }
        return j == recorded.size();
    }

    private static void addDistinct(List<String> sequence, String state) {
        if (sequence.isEmpty() || !sequence.get(sequence.size() - 1).equals(state)) {
            sequence.add(state);
        }
    }

    /** A status as {@code state pid target after}, with the service's pids renamed p1, p2, ... as they appear. */
    private static String normalize(JsonNode status, Renamer pids) {
        int pid = status.get("pid").asInt();
        String state = status.get("state").asText();
        Matcher m = PID.matcher(state);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, "Pid(" + pids.name(Integer.parseInt(m.group(1))) + ")");
        }
        m.appendTail(b);
        StringBuilder after = new StringBuilder();
        status.path("after").fields().forEachRemaining(
                e -> after.append(e.getKey()).append('=')
                        .append(PID.matcher(e.getValue().asText()).replaceAll("Pid(*)")).append(' '));
        return b + " " + (pid == 0 ? "0" : pids.name(pid)) + " " + status.get("target").asText() + " {"
                + after.toString().strip() + "}";
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Names pids in order of appearance. */
    private static final class Renamer {
        private final Map<Integer, String> names = new HashMap<>();

        String name(int pid) {
            return names.computeIfAbsent(pid, k -> "p" + (names.size() + 1));
        }
    }

    /** Sends recorded requests: legacy one connection each, JSON-RPC on one long-lived connection as recorded. */
    private static final class Replay implements AutoCloseable {
        private final FakeZinitServer zinit;
        private final boolean legacy;
        private AFUNIXSocket rpc;

        Replay(FakeZinitServer zinit, boolean legacy) {
            this.zinit = zinit;
            this.legacy = legacy;
        }

        String send(String request) throws IOException {
            if (legacy) {
                return Raw.exchange(zinit.socket(), request, false);
            }
            if (rpc == null) {
                rpc = AFUNIXSocket.newInstance();
                rpc.connect(AFUNIXSocketAddress.of(zinit.socket()), 2000);
                rpc.setSoTimeout(5000);
            }
            rpc.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            rpc.getOutputStream().flush();
            InputStream in = rpc.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            return line.toString(StandardCharsets.UTF_8);
        }

        /** @return the status object of an answer, or null when the answer is something else */
        JsonNode statusOf(String answer) throws IOException {
            JsonNode root;
            try {
                root = WireJson.MAPPER.readTree(answer.strip());
            } catch (IOException e) {
                return null;
            }
            if (root == null) {
                return null;
            }
            JsonNode body = legacy ? root.get("body") : root.get("result");
            return body != null && body.isObject() && body.has("pid") && body.has("state") && body.has("target")
                    ? body : null;
        }

        @Override
        public void close() throws IOException {
            if (rpc != null) {
                rpc.close();
            }
            Objects.requireNonNull(zinit);
        }
    }
}
