package io.zinit4j.client.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.Protocol;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.lifecycle.PollPolicy;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.Behavior;
import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Generation;
import io.zinit4j.testkit.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Issue 11: reaction and server load of one wait on 1, 50 and 500 services ({@code startMultiple}) with the default
 * {@link PollPolicy}, against the {@link FakeZinitServer} over a real Unix socket, on the real clock.
 *
 * <p>Every service is prepared once: monitored, scripted to stay {@code Spawned} for an hour once started. Each trial
 * forces all of them down with pid 0, calls {@code startMultiple} on a worker thread, waits until the fake shows every
 * one {@code Spawned} (all commands handled, the wait polling), then turns them running one by one, the last at a
 * random moment uniform over 0..max-delay and the others uniform before it, reading {@link System#nanoTime()} just
 * before each flip. The reaction is from the last flip to the return of {@code startMultiple}. Polling calls are the
 * {@code list} and {@code status} requests the fake received after the last {@code start} (the commands and the look
 * before each start come before it); the table gives their rate (the intervals between them per second of the time
 * from the first to the last) and the most within any one second, over all trials and one more untimed trial that
 * holds the wait for 3 s (so that a wait longer than a second is in every row, whatever max-delay is).
 *
 * <p>Not a test: run it by hand (see docs/BENCHMARKS.md). Options: {@code [sizes=1,50,500] [trials=200,100,30]
 * [max-delay-ms=300] [generations=json_rpc,legacy]}.
 */
public final class GroupWaitReactionBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** How long the last trial of each row holds its wait, for the most calls within one second. */
    private static final long HOLD_MS = 3000;

    private GroupWaitReactionBenchmark() {
    }

    /**
     * @param args see the class description
     * @throws Exception when a wait fails
     */
    public static void main(String[] args) throws Exception {
        int[] sizes = ints(args.length > 0 ? args[0] : "1,50,500");
        int[] trials = ints(args.length > 1 ? args[1] : "200,100,30");
        long maxDelayMs = args.length > 2 ? Long.parseLong(args[2]) : 300;
        List<Generation> generations = new ArrayList<>();
        for (String g : (args.length > 3 ? args[3] : "json_rpc,legacy").split(",")) {
            generations.add(Generation.valueOf(g.trim().toUpperCase(Locale.ROOT)));
        }
        System.out.printf(Locale.ROOT, "%s %s, %d cpus, load average %s; last flip uniform over 0..%d ms; %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), BulkStopBenchmark.loadAverage(), maxDelayMs,
                PollPolicy.defaults());
        System.out.println("| protocol | services | trials | p50 (ms) | p99 (ms) | max (ms) | polling calls/s | max in 1 s |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Generation g : generations) {
            run(g, 1, 20, maxDelayMs, false); // warm-up
            for (int i = 0; i < sizes.length; i++) {
                run(g, sizes[i], trials[Math.min(i, trials.length - 1)], maxDelayMs, true);
            }
        }
        System.out.printf(Locale.ROOT, "load average at end: %s%n", BulkStopBenchmark.loadAverage());
    }

    private static void run(Generation generation, int n, int trials, long maxDelayMs, boolean print)
            throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-waiter");
            t.setDaemon(true);
            return t;
        });
        try (FakeZinitServer fake = FakeZinitServer.builder().generation(generation).build().start();
             ZinitClient client = ZinitClient.builder().socket(fake.socket()).configDir(fake.configDir())
                     .protocol(generation == Generation.LEGACY ? Protocol.LEGACY : Protocol.JSON_RPC).build()) {
            String[] names = new String[n];
            for (int i = 0; i < n; i++) {
                names[i] = "svc-" + i;
                fake.writeService(names[i], "exec: sleep 1000\n");
                fake.script(names[i], Behavior.longRunning().withSpawnTime(Duration.ofHours(1)));
                client.monitor(names[i]);
            }
            long[] reactions = new long[trials];
            long pollCalls = 0;
            long pollNanos = 0;
            int mostInSecond = 0;
            // after the timed trials, one more that holds the wait for HOLD_MS: its polls show the most calls in one
            // second on a wait that lasts longer than one, whatever max-delay is; its reaction is not counted
            for (int t = 0; t <= trials; t++) {
                for (String name : names) {
                    fake.setStatus(name, 0, ServiceState.signaled(1, Signal.SIGTERM), ServiceTarget.DOWN);
                }
                fake.clearRequests();
                Future<Long> done = worker.submit(() -> {
                    client.startMultiple(Duration.ofSeconds(60), names);
                    return System.nanoTime();
                });
                for (String name : names) {
                    while (!fake.state(name).equals(Optional.of("Spawned"))) {
                        TimeUnit.MICROSECONDS.sleep(200);
                    }
                }
                long base = System.nanoTime();
                long last = t < trials ? ThreadLocalRandom.current().nextLong(maxDelayMs * 1_000_000L + 1)
                        : HOLD_MS * 1_000_000L;
                long[] delays = flipDelays(n, last);
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Long.compare(delays[a], delays[b]));
                long lastFlip = 0;
                for (int i : order) {
                    long wake = base + delays[i];
                    long now = System.nanoTime();
                    if (wake - now > 0) {
                        TimeUnit.NANOSECONDS.sleep(wake - now);
                    }
                    lastFlip = System.nanoTime();
                    fake.setState(names[i], ServiceState.of(StateKind.RUNNING));
                }
                long ended = done.get(60, TimeUnit.SECONDS);
                if (t < trials) {
                    reactions[t] = ended - lastFlip;
                }
                List<Instant> polls = polls(fake.requests());
                if (polls.size() > 1) {
                    // the rate of polls is intervals over time: n polls span n - 1 intervals, and counting n over
                    // that span would overstate the rate of short waits (20 polls in 19 intervals of 10.5 ms: 100/s)
                    pollCalls += polls.size() - 1;
                    pollNanos += Duration.between(polls.get(0), polls.get(polls.size() - 1)).toNanos();
                    mostInSecond = Math.max(mostInSecond, mostInOneSecond(polls));
                }
            }
            if (print) {
                Arrays.sort(reactions);
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f | %.1f | %d |%n", generation, n,
                        trials, pct(reactions, 0.50), pct(reactions, 0.99), reactions[trials - 1] / 1e6,
                        pollNanos == 0 ? 0.0 : pollCalls / (pollNanos / 1e9), mostInSecond);
            }
        } finally {
            worker.shutdownNow();
        }
    }

    /**
     * When each service turns running, in nanoseconds after the wait is seen polling: the last flip at the given moment
     * (the caller draws it uniform over 0..max-delay), the others uniform before it. The reaction is measured from the
     * last flip, so it is the last flip whose moment must be uniform against the wait's fixed-rate polls. Were all the
     * flips uniform over 0..max, the last of 500 would land within a few milliseconds of max in every trial, always at
     * nearly the same point of the poll interval, and the table would show the reaction to that one phase instead of
     * to a random moment.
     */
    static long[] flipDelays(int n, long last) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long[] delays = new long[n];
        for (int i = 0; i < n - 1; i++) {
            delays[i] = random.nextLong(last + 1);
        }
        delays[n - 1] = last;
        return delays;
    }

    /** The arrival times of the list and status requests after the last start request. */
    private static List<Instant> polls(List<RecordedRequest> requests) throws IOException {
        List<Instant> polls = new ArrayList<>();
        for (RecordedRequest r : requests) {
            String op = op(r);
            if (op.equals("start")) {
                polls.clear();
            } else if (op.equals("list") || op.equals("status")) {
                polls.add(r.received());
            }
        }
        polls.sort(null);
        return polls;
    }

    private static String op(RecordedRequest r) throws IOException {
        String text = r.text().strip();
        if (text.startsWith("{")) {
            String m = MAPPER.readTree(text).path("method").asText();
            return m.startsWith("service_") ? m.substring("service_".length()) : m;
        }
        List<String> words = r.words().orElse(List.of());
        return words.isEmpty() ? "" : words.get(0);
    }

    private static int mostInOneSecond(List<Instant> sorted) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < sorted.size(); last++) {
            while (Duration.between(sorted.get(first), sorted.get(last)).compareTo(Duration.ofSeconds(1)) >= 0) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    private static double pct(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
