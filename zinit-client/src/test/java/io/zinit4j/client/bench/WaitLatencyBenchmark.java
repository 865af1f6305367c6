package io.zinit4j.client.bench;

import io.zinit4j.client.lifecycle.Lifecycle;
import io.zinit4j.client.lifecycle.LifecycleClock;
import io.zinit4j.client.lifecycle.PollPolicy;
import io.zinit4j.client.lifecycle.ServiceControl;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Measures how soon {@code startWait} returns after a service turns running, and how many status calls it makes
 * while it waits, for our default {@link PollPolicy} beside the Go client's fixed one-second poll, in one run on the
 * real clock.
 *
 * <p>Each wait starts a service whose status turns from {@code Spawned} to {@code Running} at a random moment
 * (uniform over 0..max-delay after the start); the latency is the time from that moment to the return of
 * {@code startWait}. Several waits run at once on a few threads, each on its own service. The services come from a
 * {@link FlipControl}: the built-in one is in memory; another implementation (the FakeZinitServer over a real socket)
 * can be plugged in through {@link #run(Supplier, Options)}.
 *
 * <p>Run: {@code java -cp <test-classes:classes:model classes> io.zinit4j.client.bench.WaitLatencyBenchmark
 * [--waits N] [--go-waits N] [--threads N] [--max-delay-ms N]}. Not a test: it sleeps for real for about 15 s.
 */
public final class WaitLatencyBenchmark {
    private WaitLatencyBenchmark() {
    }

    /** A {@link ServiceControl} whose services turn running at a moment it chose and can report. */
    public interface FlipControl extends ServiceControl {
        /**
         * Creates a service that is down, and that turns running at a random moment once started.
         *
         * @param name       the service
         * @param maxDelayMs the latest moment, in ms after the start
         */
        void prepare(String name, long maxDelayMs);

        /**
         * @param name a started service
         * @return the {@link System#nanoTime()} at which it turned running
         */
        long flippedAt(String name);

        /**
         * @param name a service
         * @return how many status calls it received
         */
        long statusCalls(String name);
    }

    /** Benchmark settings. */
    public record Options(int waits, int goWaits, int threads, long maxDelayMs) {
        static Options parse(String[] args) {
            int waits = 400;
            int goWaits = 48;
            int threads = 8;
            long maxDelay = 300;
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--waits" -> waits = Integer.parseInt(args[i + 1]);
                    case "--go-waits" -> goWaits = Integer.parseInt(args[i + 1]);
                    case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                    case "--max-delay-ms" -> maxDelay = Long.parseLong(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(waits, goWaits, threads, maxDelay);
        }
    }

    /** What one policy achieved. */
    public record Result(String label, int waits, double p50Ms, double p99Ms, double maxMs, double callsPerSecond) {
        @Override
        public String toString() {
            return String.format("| %-28s | %5d | %8.2f | %8.2f | %8.2f | %8.1f |", label, waits, p50Ms, p99Ms, maxMs,
                    callsPerSecond);
        }
    }

    /**
     * Runs the benchmark with the in-memory services and prints a table.
     *
     * @param args options, see the class description
     * @throws Exception when a wait fails
     */
    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        List<Result> results = run(InMemoryFlipControl::new, o);
        System.out.printf("JDK %s, %s %s, %d cpus; max flip delay %d ms, %d threads%n",
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), o.maxDelayMs(), o.threads());
        System.out.println("| policy                       | waits | p50 (ms) | p99 (ms) | max (ms) | calls/s  |");
        System.out.println("|------------------------------|-------|----------|----------|----------|----------|");
        results.forEach(System.out::println);
    }

    /**
     * Runs both policies against services from the given factory.
     *
     * @param controls makes one control per policy run
     * @param o        the settings
     * @return our default policy's result, then the one-second poll's
     * @throws Exception when a wait fails
     */
    public static List<Result> run(Supplier<FlipControl> controls, Options o) throws Exception {
        List<Result> r = new ArrayList<>();
        // a short warm-up so that the JIT does not count against the first policy
        measure("warm-up", controls.get(), PollPolicy.defaults(), Math.min(40, o.waits()), o);
        r.add(measure("zinit4j defaults (2→20 ms)", controls.get(), PollPolicy.defaults(), o.waits(), o));
        r.add(measure("fixed 1 s (Go client)", controls.get(), PollPolicy.fixedOneSecond(), o.goWaits(), o));
        return r;
    }

    private static Result measure(String label, FlipControl control, PollPolicy policy, int waits, Options o)
            throws Exception {
        Lifecycle lifecycle = new Lifecycle(control, policy, LifecycleClock.system());
        ExecutorService pool = Executors.newFixedThreadPool(o.threads());
        AtomicLong next = new AtomicLong();
        long[] latencies = new long[waits];
        long[] calls = new long[waits];
        long[] waited = new long[waits];
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < o.threads(); t++) {
                futures.add(pool.submit(() -> {
                    for (int i = (int) next.getAndIncrement(); i < waits; i = (int) next.getAndIncrement()) {
                        String name = label.replaceAll("\\W", "") + "-" + i;
                        control.prepare(name, o.maxDelayMs());
                        long before = System.nanoTime();
                        lifecycle.startWait(Duration.ofSeconds(30), name);
                        long after = System.nanoTime();
                        latencies[i] = after - control.flippedAt(name);
                        waited[i] = after - before;
                        calls[i] = control.statusCalls(name);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            lifecycle.close();
        }
        Arrays.sort(latencies);
        double totalCalls = Arrays.stream(calls).sum();
        double totalSeconds = Arrays.stream(waited).sum() / 1e9;
        return new Result(label, waits, pct(latencies, 0.50), pct(latencies, 0.99), latencies[waits - 1] / 1e6,
                totalCalls / totalSeconds);
    }

    private static double pct(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    /** Services in memory; the status flips to Running when the real clock passes the chosen moment. */
    static final class InMemoryFlipControl implements FlipControl {
        private record Svc(AtomicLong flipAt, AtomicLong calls, AtomicLong target) {
        }

        private final Map<String, Svc> services = new ConcurrentHashMap<>();

        @Override
        public void prepare(String name, long maxDelayMs) {
            // until start, flipAt holds the largest delay; start replaces it by the chosen moment
            services.put(name, new Svc(new AtomicLong(maxDelayMs * 1_000_000L), new AtomicLong(), new AtomicLong(0)));
        }

        private Svc svc(String name) {
            Svc s = services.get(name);
            if (s == null) {
                throw new ServiceNotFoundException("service '" + name + "' not found", null, null, null);
            }
            return s;
        }

        @Override
        public long flippedAt(String name) {
            return svc(name).flipAt().get();
        }

        @Override
        public long statusCalls(String name) {
            return svc(name).calls().get();
        }

        @Override
        public ServiceStatus status(String name) {
            Svc s = svc(name);
            s.calls().incrementAndGet();
            boolean up = s.target().get() == 1;
            boolean running = up && System.nanoTime() - s.flipAt().get() >= 0;
            return new ServiceStatus(name, up ? 10 : 0, ServiceState.of(running ? StateKind.RUNNING
                    : up ? StateKind.SPAWNED : StateKind.UNKNOWN), up ? ServiceTarget.UP : ServiceTarget.DOWN,
                    Map.of());
        }

        @Override
        public void start(String name) {
            Svc s = svc(name);
            if (s.target().compareAndSet(0, 1)) {
                long max = s.flipAt().get();
                s.flipAt().set(System.nanoTime() + ThreadLocalRandom.current().nextLong(max + 1));
            }
        }

        @Override
        public void stop(String name) {
            svc(name).target().set(0);
        }

        @Override
        public void monitor(String name) {
            svc(name);
        }

        @Override
        public void forget(String name) {
            services.remove(name);
        }

        @Override
        public void kill(String name, Signal signal) {
            svc(name);
        }

        @Override
        public boolean removeService(String name) {
            return services.remove(name) != null;
        }
    }
}
