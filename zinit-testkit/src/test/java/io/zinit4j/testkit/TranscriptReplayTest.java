package io.zinit4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.zinit4j.model.Signal;
import io.zinit4j.transcripts.Transcripts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every committed transcript of both generations (all four files each) against the fake through {@link
 * TranscriptScript}, and checks every recorded answer.
 *
 * <p>An answer is compared byte for byte after normalising only what varies from run to run: pids ({@code "pid":N}
 * and {@code Pid(N)}) and the JSON-RPC subscription id. Requests that change something (monitor, stop, kill, ...)
 * are sent once and must get the recorded answer at once. Reads (status, list, logs, get) are polled until they show
 * the recorded answer, within {@link #SYNC}: the fake's timing is not zinit's, and what is compared is that the fake
 * reaches every recorded answer in the recorded order. A run of identical recorded polls is one such sync point (the
 * fake may move on sooner than zinit did). A recorded poll sent right after a request that changes something may
 * show the state before zinit acted on it; the fake may act sooner, so such a poll may be answered with the next
 * recorded answer instead (at most twice per file). Where a recording's answer depends on the stand-in transport of
 * the 0.2.28 recording (the order of two answers sent back to back, see the transcripts' README), the lines are
 * compared as a set; {@code rpc.discover}'s recorded document is compared as JSON.
 *
 * <p>A log whose recorded lines depend on timing (a service started more than once, output on both pipes of one
 * service, a test command's lines) is compared by {@link #logShape}: each service's lines per pipe in order, repeated
 * start markers counted once, test command lines left out. How many times zinit restarted a crashing service before
 * the snapshot and how stdout and stderr interleave depend on the moment; the fake runs no test commands (a gated
 * service is scripted with a spawn time), so it has no test output.
 */
class TranscriptReplayTest {
    private static final Duration SYNC = Duration.ofSeconds(10);
    private static final Pattern PID = Pattern.compile("Pid\\(\\d+\\)");
    private static final Pattern PID_MEMBER = Pattern.compile("\"pid\":[1-9]\\d*");
    private static final Pattern SUBSCRIPTION = Pattern.compile("\"subscription\":\\d+");
    private static final Pattern SUBSCRIBED = Pattern.compile("^(\\{\"id\":\\d+,\"jsonrpc\":\"2.0\",\"result\":)\\d+");
    private static final Set<String> LEGACY_READS = Set.of("status", "list", "log");
    private static final Set<String> RPC_READS = Set.of("service_status", "service_list", "service_get",
            "stream_currentLogs");

    @TempDir
    Path runDir;

    static Stream<Arguments> transcripts() {
        return Transcripts.GENERATIONS.stream()
                .flatMap(g -> Transcripts.FILES.stream().map(f -> Arguments.of(g, f)));
    }

    /**
     * What each recorded command does, for the fake, which cannot run them; the one place for it (the state sequence
     * replay uses it too). Times are the recordings' or longer, so that short phases are seen by a poll.
     */
    static Map<String, Behavior> scripts(boolean legacy) {
        Map<String, Behavior> m = new HashMap<>();
        m.put("slowstop", Behavior.longRunning().ignoring(Signal.SIGTERM)); // trap "" TERM
        // the replay's first poll comes a few ms after monitor: short-lived states last long enough to be seen
        m.put("ok", Behavior.exitsAfter(Duration.ofMillis(300), 0)); // true
        // sh -c 'exit 3': 0.2.14 showed the Error at its first poll, 0.2.28 a Running first
        m.put("bad", Behavior.exitsAfter(Duration.ofMillis(legacy ? 1 : 300), 3));
        m.put("sig", Behavior.crashesAfter(Duration.ofMillis(300), Signal.SIGKILL)); // sh -c 'kill -9 $$'
        m.put("missing", Behavior.unstartable()); // /nonexistent/bin
        m.put("unparsable", Behavior.unstartable()); // an unbalanced quote
        // sh -c 'sleep 0.2; exit 7': ends after the oneshots above, as on zinit, with a margin for a busy machine
        m.put("crashy", Behavior.exitsAfter(Duration.ofMillis(800), 7));
        m.put("gated", Behavior.longRunning().withSpawnTime(Duration.ofMillis(300))); // test fails, later passes
        m.put("dep", Behavior.exitsAfter(Duration.ofMillis(300), 0)); // sh -c 'sleep 1'
        // for i in 1 2 3 (4 5); do echo line $i; sleep 0.2; done
        m.put("talker", Behavior.exitsAfter(Duration.ofMillis(legacy ? 1000 : 900), 0)
                .printing(legacy ? new String[] {"line 1", "line 2", "line 3", "line 4", "line 5"}
                        : new String[] {"line 1", "line 2", "line 3"}));
        // echo A=$A; echo to-stderr 1>&2; pwd; sleep 1000 (env A=hello, dir /tmp)
        m.put("env", Behavior.longRunning().printing("A=hello", "/tmp").printingToStderr("to-stderr"));
        return m;
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("transcripts")
    void theFakeGivesEveryRecordedAnswer(String generation, String file) throws IOException {
        int checked = replay(generation, file, Transcripts.read(generation, file), runDir);
        long exchanges = Transcripts.read(generation, file).stream().filter(Transcripts.Row::isExchange).count();
        assertTrue(checked > 0 && checked <= exchanges, checked + " of " + exchanges);
    }

    /**
     * Replays a transcript's rows against a fresh fake and checks its answers (the committed ones here, a new
     * recording in {@link TranscriptRecorder}).
     *
     * @return how many answers were compared (exchanges minus the identical polls folded into one sync point)
     * @throws AssertionError at the first answer the fake does not give
     */
    static int replay(String generation, String file, List<Transcripts.Row> rows, Path runDir) throws IOException {
        boolean legacy = generation.equals(Transcripts.LEGACY);
        // zinit waits about a second before a restart or a start of an ended service, and the recordings act inside
        // that second (stop a crashed service, start an already started one): the fake waits as long here
        try (FakeZinitServer zinit = FakeZinitServer.builder()
                .generation(legacy ? Generation.LEGACY : Generation.JSON_RPC)
                .spawnTime(Duration.ofMillis(100)).restartDelay(Duration.ofSeconds(1)).startDelay(Duration.ofSeconds(1))
                .build().start();
             TranscriptScript script = new TranscriptScript(generation, zinit.socket(), zinit.configDir(), runDir,
                     zinit.configDir().toString(), runDir.toString())) {
            scripts(legacy).forEach(zinit::script);
            int exchanges = 0;
            int checked = 0;
            int raced = 0;
            boolean afterWrite = false;
            Map<String, String> lastExpected = new HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                Transcripts.Row row = rows.get(i);
                if (row.isFile()) {
                    script.writeFile(row);
                    continue;
                }
                if (!row.isExchange()) {
                    script.note(row);
                    continue;
                }
                exchanges++;
                String request = row.request().get();
                String where = generation + "/" + file + " t=" + row.tMs() + " " + abbreviate(request);
                String expected = normalize(row.responseRaw().get());
                if (expected.startsWith("<the OpenRPC spec")) {
                    JsonNode got = WireJson.MAPPER.readTree(script.send(row));
                    assertEquals(WireJson.MAPPER.readTree(Transcripts.openRpcSpec()), got.get("result"), where);
                    checked++;
                    continue;
                }
                if (row.note().orElse("").startsWith("two requests back to back")) {
                    assertEquals(sortedLines(expected), sortedLines(normalize(script.send(row))), where);
                    checked++;
                    continue;
                }
                if (!isRead(legacy, request)) {
                    assertEquals(expected, normalize(script.send(row)), where);
                    checked++;
                    afterWrite = true;
                    continue;
                }
                boolean shaped = legacy && request.equals("log snapshot\n") && timingShaped(expected);
                if (shaped) {
                    expected = logShape(expected);
                }
                String key = withoutId(request);
                if (anyId(expected).equals(lastExpected.put(key, anyId(expected)))) {
                    continue; // one more identical poll: the sync point before it covered it
                }
                String next = afterWrite ? nextAnswer(rows, i, legacy, key, expected) : null;
                afterWrite = false;
                List<String> seen = new ArrayList<>();
                long deadline = System.nanoTime() + SYNC.toNanos();
                while (true) {
                    String got = normalize(script.send(row));
                    if (shaped) {
                        got = logShape(got);
                    }
                    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(got)) {
                        seen.add(got);
                    }
                    if (got.equals(expected)) {
                        break;
                    }
                    if (seen.size() == 1 && next != null && anyId(got).equals(anyId(next))) {
                        // the recorder polled before zinit acted on the request just sent; the fake acted sooner
                        raced++;
                        break;
                    }
                    if (System.nanoTime() - deadline > 0) {
                        fail(where + ": the fake never answered\n  " + expected + "\nit answered, in turn,\n  "
                                + String.join("\n  ", seen));
                    }
                    TranscriptScript.sleep(Duration.ofMillis(10));
                }
                checked++;
            }
            assertTrue(exchanges > 0 && checked > 0, "replayed " + exchanges + " exchanges");
            assertTrue(raced <= 2, raced + " recorded polls right after a request were overtaken by the fake");
            return checked;
        }
    }

    /**
     * {@return the next different recorded answer to the same read, before any other request changes something, or
     * null}: what the fake may already show when it acted on the preceding request sooner than zinit did
     */
    private static String nextAnswer(List<Transcripts.Row> rows, int from, boolean legacy, String key,
                                     String expected) {
        for (int j = from + 1; j < rows.size(); j++) {
            Transcripts.Row r = rows.get(j);
            if (!r.isExchange()) {
                continue;
            }
            if (!isRead(legacy, r.request().get())) {
                return null;
            }
            if (withoutId(r.request().get()).equals(key)) {
                String answer = normalize(r.responseRaw().get());
                if (!anyId(answer).equals(anyId(expected))) {
                    return answer;
                }
            }
        }
        return null;
    }

    /** An answer with its JSON-RPC id blanked, to compare answers to different polls of the same thing. */
    private static String anyId(String answer) {
        return answer.replaceAll("\"id\":\\d+", "\"id\":_");
    }

    /** Whether the request only reads: such requests may be repeated until the fake catches up with zinit. */
    private static boolean isRead(boolean legacy, String request) {
        if (legacy) {
            String verb = request.strip().split(" ", 2)[0];
            return LEGACY_READS.contains(verb) && !request.equals("log\n") && !request.startsWith("list\\n")
                    && !request.startsWith("list (");
        }
        for (String method : RPC_READS) {
            if (request.contains("\"method\": \"" + method + "\"")
                    || request.contains("\"method\":\"" + method + "\"")) {
                return !request.startsWith("[");
            }
        }
        return false;
    }

    /** The request with its JSON-RPC id taken out, so that polls of the same thing share a key. */
    private static String withoutId(String request) {
        return request.replaceAll("\"id\": ?\\d+, ?", "");
    }

    static String normalize(String answer) {
        String a = PID.matcher(answer).replaceAll("Pid(<pid>)");
        a = PID_MEMBER.matcher(a).replaceAll("\"pid\":<pid>");
        a = SUBSCRIPTION.matcher(a).replaceAll("\"subscription\":<sub>");
        return SUBSCRIBED.matcher(a).replaceAll("$1<sub>");
    }

    /** Whether a recorded log's lines depend on timing: a restart, both pipes of one service, a test command. */
    static boolean timingShaped(String log) {
        Map<String, Integer> starts = new HashMap<>();
        Map<String, Set<Character>> pipes = new HashMap<>();
        for (String line : log.split("\n")) {
            int colon = line.indexOf(':', 4);
            if (line.length() < 4 || colon < 0) {
                continue;
            }
            String service = line.substring(4, colon);
            if (service.endsWith("/test")) {
                return true;
            }
            if (line.endsWith("[start] ------------")) {
                starts.merge(service, 1, Integer::sum);
            } else {
                pipes.computeIfAbsent(service, k -> new java.util.HashSet<>()).add(line.charAt(1));
            }
        }
        return starts.values().stream().anyMatch(n -> n > 1) || pipes.values().stream().anyMatch(p -> p.size() > 1);
    }

    /** A log as each service's lines per pipe, in order, runs of start markers as one, test command lines dropped. */
    static String logShape(String log) {
        Map<String, List<String>> byPipe = new java.util.TreeMap<>();
        for (String line : log.split("\n")) {
            int colon = line.indexOf(':', 4);
            if (line.length() < 4 || colon < 0) {
                byPipe.computeIfAbsent("?", k -> new ArrayList<>()).add(line);
                continue;
            }
            String service = line.substring(4, colon);
            if (service.endsWith("/test")) {
                continue;
            }
            boolean start = line.endsWith("[start] ------------");
            List<String> lines = byPipe.computeIfAbsent(service + " " + (start ? "start" : line.substring(0, 3)),
                    k -> new ArrayList<>());
            if (!(start && !lines.isEmpty())) {
                lines.add(line.substring(colon + 1).strip());
            }
        }
        return byPipe.toString();
    }

    private static List<String> sortedLines(String text) {
        String[] lines = text.split("\n");
        Arrays.sort(lines);
        return List.of(lines);
    }

    private static String abbreviate(String s) {
        String t = s.replace("\n", "\\n");
        return t.length() > 90 ? t.substring(0, 90) + "..." : t;
    }
}
