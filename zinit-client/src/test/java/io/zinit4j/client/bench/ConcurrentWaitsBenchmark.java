package io.zinit4j.client.bench;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.SocketTransport;
import io.zinit4j.client.ZinitAsyncClient;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.lifecycle.PollPolicy;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.Behavior;
import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Generation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 12: many start waits at once, two ways, in one run. <b>Async</b>: {@code N} {@link ZinitAsyncClient#startWait}s
 * spread over several JSON-RPC fakes, all driven by one scheduler of 4 platform threads. <b>Virtual threads</b> (JDK
 * 21 and later; this class is compiled for 17 and finds {@code Executors.newVirtualThreadPerTaskExecutor} by
 * reflection): {@code N} virtual threads, each calling the blocking {@link ZinitClient#startWait}, counting the
 * carrier threads they ran on.
 *
 * <p>Each wait is on its own service, prepared before the clock starts (monitored, forced down with pid 0, scripted
 * to stay {@code Spawned} once started). Once every service shows {@code Spawned} (all starts sent: the reaction is
 * measured in the steady state of N waits in progress, not while they are being launched), a flipper thread turns
 * each service {@code Running} at a random moment uniform over 0..max-delay, reading
 * {@link System#nanoTime()} just before; the reaction is from that reading to the wait's completion. Not a test: run
 * by hand (see docs/BENCHMARKS.md). Options: {@code [--waits N] [--servers N] [--threads N] [--max-delay-ms N]
 * [--interval-ms N]} (the last: a fixed poll interval for the async waits instead of {@link PollPolicy#defaults()}).
 */
public final class ConcurrentWaitsBenchmark {
    private static final Duration WAIT_TIMEOUT = Duration.ofSeconds(120);

    private ConcurrentWaitsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int waits = intArg(args, "--waits", 10_000);
        int servers = intArg(args, "--servers", 10);
        int threads = intArg(args, "--threads", 4);
        int maxDelayMs = intArg(args, "--max-delay-ms", 2000);
        // 0: PollPolicy.defaults(); else a fixed interval of that many milliseconds for the async waits
        int intervalMs = intArg(args, "--interval-ms", 0);
        System.out.printf(Locale.ROOT, "java %s (%s), %d cores; %d waits over %d fake servers, flips over 0..%d ms%n",
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), waits, servers, maxDelayMs);
        PollPolicy asyncPolicy = intervalMs == 0 ? PollPolicy.defaults() : PollPolicy.builder()
                .initialInterval(Duration.ofMillis(intervalMs)).backoffFactor(1.0)
                .maxInterval(Duration.ofMillis(intervalMs)).build();
        // -Dzinit4j.bench.only=async or =virtual runs one half
        String only = System.getProperty("zinit4j.bench.only", "");
        if (!only.equals("virtual")) {
            async(waits, servers, threads, maxDelayMs, asyncPolicy);
        }
        if (!only.equals("async")) {
            virtualThreads(waits, servers, maxDelayMs);
        }
    }

    // ---------------------------------------------------------------- async

    private static void async(int waits, int servers, int threads, int maxDelayMs, PollPolicy policy)
            throws Exception {
        AtomicInteger n = new AtomicInteger();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-async-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try (Setup s = new Setup(waits, servers, policy)) {
            List<ZinitAsyncClient> asyncs = new ArrayList<>();
            for (ZinitClient c : s.clients) {
                asyncs.add(ZinitAsyncClient.builder(c).scheduler(scheduler).pollPolicy(policy).build());
            }
            System.out.println("\nasync: waits with " + policy);
            Set<String> callers = ConcurrentHashMap.newKeySet();
            AtomicLongArray done = new AtomicLongArray(waits);
            List<CompletableFuture<Void>> all = new ArrayList<>(waits);
            long t0 = System.nanoTime();
            for (int i = 0; i < waits; i++) {
                int k = i;
                CompletableFuture<Void> f = asyncs.get(s.serverOf(i)).startWait(WAIT_TIMEOUT, s.name(i));
                all.add(f.whenComplete((v, e) -> {
                    done.set(k, System.nanoTime());
                    callers.add(Thread.currentThread().getName());
                }));
            }
            long launched = System.nanoTime() - t0;
            long[] flips = s.flipAll(t0, maxDelayMs);
            int failed = joinAll(all);
            long[] reactions = reactions(flips, done);
            long requests = s.requests();
            long lists = s.requests("\"service_list\"");
            System.out.printf(Locale.ROOT, "async: %d startWaits on one scheduler of %d platform threads "
                    + "(launch took %.0f ms), %d failed%n", waits, threads, launched / 1e6, failed);
            System.out.println("  reaction " + summary(reactions));
            System.out.printf(Locale.ROOT, "  requests to the fakes: %d (%d of them service_list); completions ran on "
                    + "%s%n", requests, lists, new java.util.TreeSet<>(callers));
            System.out.println("  client threads alive: " + clientThreads());
            asyncs.forEach(ZinitAsyncClient::close);
        } finally {
            scheduler.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- virtual threads

    private static void virtualThreads(int waits, int servers, int maxDelayMs) throws Exception {
        ExecutorService vts;
        try {
            vts = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            System.out.println("\nvirtual threads: not on this JDK (" + System.getProperty("java.version") + ")");
            return;
        }
        // each blocking wait polls its own service: at the default policy's 20 ms, 10,000 of them would ask for
        // 500,000 status calls a second, far beyond two cores; a policy that backs off to 1 s keeps it near 10,000
        PollPolicy policy = PollPolicy.builder().initialInterval(Duration.ofMillis(20)).backoffFactor(2.0)
                .maxInterval(Duration.ofSeconds(1)).build();
        System.out.println("\nvirtual threads: blocking waits with " + policy);
        try (Setup s = new Setup(waits, servers, policy)) {
            Set<String> carriers = ConcurrentHashMap.newKeySet();
            AtomicLongArray done = new AtomicLongArray(waits);
            AtomicInteger failed = new AtomicInteger();
            AtomicInteger maxWorkers = new AtomicInteger();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxWorkers.accumulateAndGet(forkJoinWorkers(), Math::max);
                    LockSupport.parkNanos(10_000_000L);
                }
            }, "bench-sampler");
            sampler.setDaemon(true);
            sampler.start();
            List<java.util.concurrent.Future<?>> all = new ArrayList<>(waits);
            long t0 = System.nanoTime();
            for (int i = 0; i < waits; i++) {
                int k = i;
                ZinitClient c = s.clients.get(s.serverOf(i));
                all.add(vts.submit(() -> {
                    carriers.add(carrier());
                    try {
                        c.startWait(WAIT_TIMEOUT, s.name(k));
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                    done.set(k, System.nanoTime());
                    carriers.add(carrier());
                }));
            }
            long launched = System.nanoTime() - t0;
            long[] flips = s.flipAll(t0, maxDelayMs);
            for (java.util.concurrent.Future<?> f : all) {
                f.get(WAIT_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            }
            sampler.interrupt();
            long[] reactions = reactions(flips, done);
            System.out.printf(Locale.ROOT, "virtual threads: %d, each a blocking startWait (launch took %.0f ms), "
                    + "%d failed%n", waits, launched / 1e6, failed.get());
            System.out.println("  reaction " + summary(reactions));
            System.out.printf(Locale.ROOT, "  carrier threads seen: %d %s; most ForkJoinPool workers alive at once: "
                    + "%d%n", carriers.size(), new java.util.TreeSet<>(carriers), maxWorkers.get());
            System.out.printf(Locale.ROOT, "  requests to the fakes: %d%n", s.requests());
            System.out.println("  client threads alive: " + clientThreads());
        } finally {
            vts.shutdownNow();
        }
    }

    /** The carrier's name from a virtual thread's {@code toString()} ({@code VirtualThread[#n]/runnable@carrier}). */
    private static String carrier() {
        String s = Thread.currentThread().toString();
        int at = s.lastIndexOf('@');
        return at < 0 ? "(not virtual) " + s : s.substring(at + 1);
    }

    private static int forkJoinWorkers() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("ForkJoinPool-")) {
                n++;
            }
        }
        return n;
    }

    /** Platform threads of the client side, by name prefix: the scheduler's and the JSON-RPC connections' readers. */
    private static String clientThreads() {
        int scheduler = 0;
        int readers = 0;
        int other = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (name.startsWith("bench-async-")) {
                scheduler++;
            } else if (name.startsWith("zinit4j-jsonrpc-reader")) {
                readers++;
            } else if (name.startsWith("zinit4j") || name.startsWith("zinit-read")) {
                other++;
            }
        }
        return scheduler + " scheduler, " + readers + " connection reader (one per socket connection, reads only "
                + "when the connection is quiet), " + other + " other zinit4j";
    }

    // ---------------------------------------------------------------- shared

    /** The fakes, one blocking client each, and the prepared services. */
    private static final class Setup implements AutoCloseable {
        final List<FakeZinitServer> fakes = new ArrayList<>();
        final List<ZinitClient> clients = new ArrayList<>();
        final int waits;

        Setup(int waits, int servers, PollPolicy policy) {
            this.waits = waits;
            for (int f = 0; f < servers; f++) {
                FakeZinitServer fake = FakeZinitServer.builder().generation(Generation.JSON_RPC)
                        .idleTimeout(Duration.ofMinutes(10)).build().start();
                fakes.add(fake);
                clients.add(ZinitClient.builder().socket(fake.socket()).configDir(fake.configDir())
                        .protocol(Protocol.JSON_RPC).readTimeout(Duration.ofSeconds(60)).pollPolicy(policy)
                        // -Dzinit4j.bench.transport=JDK: the setup's requests come from the main thread, so AUTO
                        // would open the connections on junixsocket; the virtual-thread runs ask for the JDK's channel
                        .socketTransport(SocketTransport.valueOf(System.getProperty("zinit4j.bench.transport",
                                "AUTO")))
                        .build());
            }
            for (int i = 0; i < waits; i++) {
                FakeZinitServer fake = fakes.get(serverOf(i));
                String name = name(i);
                fake.writeService(name, "exec: sleep 1000\n");
                fake.script(name, Behavior.longRunning().withSpawnTime(Duration.ofHours(1)));
                clients.get(serverOf(i)).monitor(name);
                fake.setStatus(name, 0, ServiceState.signaled(1, Signal.SIGTERM), ServiceTarget.DOWN);
            }
            fakes.forEach(FakeZinitServer::clearRequests);
        }

        int serverOf(int i) {
            return i % fakes.size();
        }

        String name(int i) {
            return "s" + i;
        }

        /**
         * Waits until every service shows {@code Spawned} (its start was sent and handled), then flips each Running at
         * that moment + uniform(0, max), in time order; {@return the nanoTime of each flip}
         */
        long[] flipAll(long launchedAt, int maxDelayMs) {
            for (int i = 0; i < waits; i++) {
                FakeZinitServer fake = fakes.get(serverOf(i));
                while (!fake.state(name(i)).equals(Optional.of("Spawned"))) {
                    LockSupport.parkNanos(100_000);
                }
            }
            long t0 = System.nanoTime();
            System.out.printf(Locale.ROOT, "  all %d started (Spawned) %.0f ms after the launch began%n", waits,
                    (t0 - launchedAt) / 1e6);
            Random random = new Random(12);
            long[] at = new long[waits];
            Integer[] order = new Integer[waits];
            long[] planned = new long[waits];
            for (int i = 0; i < waits; i++) {
                order[i] = i;
                planned[i] = t0 + (long) (random.nextDouble() * maxDelayMs * 1_000_000L);
            }
            Arrays.sort(order, (a, b) -> Long.compare(planned[a], planned[b]));
            for (int i : order) {
                long wait = planned[i] - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                FakeZinitServer fake = fakes.get(serverOf(i));
                // a flip before the fake handled start would be undone by the spawn that start makes
                while (!fake.state(name(i)).equals(Optional.of("Spawned"))) {
                    LockSupport.parkNanos(20_000);
                }
                at[i] = System.nanoTime();
                fake.setState(name(i), ServiceState.of(StateKind.RUNNING));
            }
            return at;
        }

        long requests() {
            return fakes.stream().mapToLong(f -> f.requests().size()).sum();
        }

        long requests(String containing) {
            return fakes.stream().mapToLong(f -> f.requests().stream().filter(r -> r.text().contains(containing))
                    .count()).sum();
        }

        @Override
        public void close() {
            clients.forEach(ZinitClient::close);
            fakes.forEach(FakeZinitServer::close);
        }
    }

    private static int joinAll(List<CompletableFuture<Void>> all) {
        int failed = 0;
        for (CompletableFuture<Void> f : all) {
            try {
                f.get(WAIT_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                failed++;
            }
        }
        return failed;
    }

    private static long[] reactions(long[] flips, AtomicLongArray done) {
        long[] r = new long[flips.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = done.get(i) - flips[i];
        }
        Arrays.sort(r);
        return r;
    }

    private static String summary(long[] sorted) {
        return String.format(Locale.ROOT, "ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f", pct(sorted, 0.50),
                pct(sorted, 0.90), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    private static int intArg(String[] args, String name, int dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return dflt;
    }

}
