package io.zinit4j.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 5: how soon {@code startWait} returns after a service turns running, and how many status calls a waiting
 * service receives per second, for our default {@link PollPolicy} beside a fixed one-second poll like the Go client's,
 * against the {@link FakeZinitServer} over a real Unix socket, in both protocol generations, in one run on the real
 * clock.
 *
 * <p>Each wait is on its own service, prepared before the clock starts: monitored, then forced down with pid 0 (as
 * zinit shows a service stopped by SIGTERM), and scripted to stay {@code Spawned} for an hour once started, so that
 * only the benchmark makes it run. A worker thread calls {@code startWait}; a flipper thread, at a random moment
 * uniform over 0..max-delay after that call (and never before the fake has handled the {@code start}), reads
 * {@link System#nanoTime()} and then calls {@link FakeZinitServer#setState} with {@code Running}. The latency is from
 * that reading to the return of {@code startWait}, so it includes the time {@code setState} takes to flip the state
 * (it may wait for the fake's lock): if anything, it is overstated. Status calls are counted from
 * {@link FakeZinitServer#requests()}, per service: the table gives their total divided by the total time spent
 * waiting, and the most one service received within any one second (by the fake's arrival times), the figure the
 * policy's cap of 100 per second bounds. Both include the one status call {@code startWait} makes before
 * {@code start}.
 *
 * <p>Not a test: run it by hand (see docs/BENCHMARKS.md); it sleeps for real for about 30 s. Options: {@code [--waits N]
 * [--go-waits N] [--threads N] [--max-delay-ms N] [--generations legacy,json_rpc]}.
 */
public final class WaitLatencyBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT_TIMEOUT = Duration.ofSeconds(30);

    private WaitLatencyBenchmark() {
    }

    /**
     * Benchmark settings.
     *
     * @param waits       waits measured with our default policy
     * @param goWaits     waits measured with the one-second poll (each lasts about a second)
     * @param threads     waits in progress at once
     * @param maxDelayMs  the latest flip, in ms after the call to {@code startWait}
     * @param generations the protocols to run against
     */
    public record Options(int waits, int goWaits, int threads, long maxDelayMs, List<Generation> generations) {
        static Options parse(String[] args) {
            int waits = 400;
            int goWaits = 48;
            int threads = 8;
            long maxDelay = 300;
            List<Generation> generations = List.of(Generation.LEGACY, Generation.JSON_RPC);
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--waits" -> waits = Integer.parseInt(args[i + 1]);
                    case "--go-waits" -> goWaits = Integer.parseInt(args[i + 1]);
                    case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                    case "--max-delay-ms" -> maxDelay = Long.parseLong(args[i + 1]);
                    case "--generations" -> generations = Arrays.stream(args[i + 1].split(","))
                            .map(s -> Generation.valueOf(s.trim().toUpperCase(Locale.ROOT))).toList();
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("options come in pairs: " + String.join(" ", args));
            }
            return new Options(waits, goWaits, threads, maxDelay, generations);
        }
    }

    /**
     * What one policy achieved against one fake.
     *
     * @param generation     the protocol
     * @param label          the policy
     * @param waits          how many waits were measured
     * @param p50Ms          median latency from the flip to the return of startWait
     * @param p99Ms          99th percentile of that latency
     * @param maxMs          the largest latency
     * @param callsPerSecond status calls per second of waiting, over all waits (total calls / total waiting time)
     * @param maxInSecond    the most status calls one service received within any one second
     */
    public record Result(Generation generation, String label, int waits, double p50Ms, double p99Ms, double maxMs,
                         double callsPerSecond, int maxInSecond) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "| %-8s | %-26s | %5d | %8.2f | %8.2f | %8.2f | %8.1f | %8d |",
                    generation, label, waits, p50Ms, p99Ms, maxMs, callsPerSecond, maxInSecond);
        }
    }

    /**
     * Runs the benchmark and prints a Markdown table.
     *
     * @param args options, see the class description
     * @throws Exception when a wait fails
     */
    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        List<Result> results = new ArrayList<>();
        for (Generation g : o.generations()) {
            // a short warm-up so that the JIT does not count against the first measurement
            measure(g, "warm-up", PollPolicy.defaults(), Math.min(40, o.waits()), o);
            results.add(measure(g, "zinit4j defaults", PollPolicy.defaults(), o.waits(), o));
            results.add(measure(g, "fixed 1 s (Go client)", PollPolicy.fixedOneSecond(), o.goWaits(), o));
        }
        System.out.printf(Locale.ROOT, "%s %s, %s %s, %d cpus; flip uniform over 0..%d ms after startWait, %d threads%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), o.maxDelayMs(),
                o.threads());
        System.out.println("| protocol | policy                     | waits | p50 (ms) | p99 (ms) | max (ms) | calls/s  "
                + "| max in 1 s |");
        System.out.println("|----------|----------------------------|-------|----------|----------|----------|----------"
                + "|------------|");
        results.forEach(System.out::println);
    }

    private static Result measure(Generation generation, String label, PollPolicy policy, int waits, Options o)
            throws Exception {
        AtomicInteger flipperThreads = new AtomicInteger();
        ScheduledExecutorService flipper = Executors.newScheduledThreadPool(2, r -> daemon(r,
                "bench-flipper-" + flipperThreads.incrementAndGet()));
        ExecutorService pool = Executors.newFixedThreadPool(o.threads(), r -> daemon(r, "bench-waiter"));
        try (FakeZinitServer fake = FakeZinitServer.builder().generation(generation).build().start();
             ZinitClient client = ZinitClient.builder()
                     .socket(fake.socket())
                     .configDir(fake.configDir())
                     .protocol(generation == Generation.LEGACY ? Protocol.LEGACY : Protocol.JSON_RPC)
                     .pollPolicy(policy)
                     .build()) {
            String[] names = new String[waits];
            for (int i = 0; i < waits; i++) {
                names[i] = "svc-" + i;
                prepare(fake, client, names[i]);
            }
            fake.clearRequests();
            AtomicInteger next = new AtomicInteger();
            long[] flippedAt = new long[waits];
            long[] began = new long[waits];
            long[] ended = new long[waits];
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < o.threads(); t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < waits; i = next.getAndIncrement()) {
                        String name = names[i];
                        int slot = i;
                        long delay = ThreadLocalRandom.current().nextLong(o.maxDelayMs() * 1_000_000L + 1);
                        began[i] = System.nanoTime();
                        ScheduledFuture<?> flip = flipper.schedule(() -> flippedAt[slot] = flip(fake, name), delay,
                                TimeUnit.NANOSECONDS);
                        client.startWait(WAIT_TIMEOUT, name);
                        ended[i] = System.nanoTime();
                        flip.get(); // also publishes flippedAt[slot] to this thread
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            Map<String, List<Instant>> calls = statusCalls(fake.requests());
            long[] latencies = new long[waits];
            long totalCalls = 0;
            long totalWaitNanos = 0;
            int maxInSecond = 0;
            for (int i = 0; i < waits; i++) {
                latencies[i] = ended[i] - flippedAt[i];
                List<Instant> c = calls.getOrDefault(names[i], List.of());
                totalCalls += c.size();
                totalWaitNanos += ended[i] - began[i];
                maxInSecond = Math.max(maxInSecond, mostInOneSecond(c));
            }
            Arrays.sort(latencies);
            return new Result(generation, label, waits, pct(latencies, 0.50), pct(latencies, 0.99),
                    latencies[waits - 1] / 1e6, totalCalls / (totalWaitNanos / 1e9), maxInSecond);
        } finally {
            pool.shutdownNow();
            flipper.shutdownNow();
        }
    }

    /** A monitored service that is down with no process, and that stays Spawned once started until we flip it. */
    private static void prepare(FakeZinitServer fake, ZinitClient client, String name) {
        fake.writeService(name, "exec: sleep 1000\n");
        fake.script(name, Behavior.longRunning().withSpawnTime(Duration.ofHours(1)));
        client.monitor(name);
        fake.setStatus(name, 0, ServiceState.signaled(1, Signal.SIGTERM), ServiceTarget.DOWN);
    }

    /** Turns a started service running; returns the nanoTime read just before the flip. */
    private static long flip(FakeZinitServer fake, String name) {
        // a flip before the fake handled start would be undone by the spawn that start makes
        while (!fake.state(name).equals(Optional.of("Spawned"))) {
            LockSupport.parkNanos(20_000);
        }
        long at = System.nanoTime();
        fake.setState(name, ServiceState.of(StateKind.RUNNING));
        return at;
    }

    /** The largest number of calls within any window of one second (the limit the poll policy promises). */
    private static int mostInOneSecond(List<Instant> times) {
        List<Instant> sorted = new ArrayList<>(times);
        sorted.sort(null);
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

    /** The arrival times of status requests, per service, in either protocol. */
    private static Map<String, List<Instant>> statusCalls(List<RecordedRequest> requests) throws IOException {
        Map<String, List<Instant>> calls = new HashMap<>();
        for (RecordedRequest r : requests) {
            String text = r.text().strip();
            String name = null;
            if (text.startsWith("{")) {
                JsonNode n = MAPPER.readTree(text);
                if ("service_status".equals(n.path("method").asText())) {
                    name = n.path("params").path(0).asText();
                }
            } else {
                List<String> words = r.words().orElse(List.of());
                if (words.size() == 2 && words.get(0).equals("status")) {
                    name = words.get(1);
                }
            }
            if (name != null) {
                calls.computeIfAbsent(name, k -> new ArrayList<>()).add(r.received());
            }
        }
        return calls;
    }

    private static double pct(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
