package io.zinit4j.client.bench;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.lifecycle.PollPolicy;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Generation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 11: {@code destroy} of N running services against the JSON-RPC fake holding every {@code service_stop}
 * answer 500 ms (zinit 0.2.28's least stop time: it answers after the stop signal, a 500 ms sleep and a SIGKILL
 * check), with the default bound of commands in flight beside one after the other ({@code maxCommandsInFlight(1)},
 * the way of the Go client and of this client before). Each round adds N services through the server, starts them
 * (not timed), then times one {@code destroy} (stop, wait until exited, forget, delete the file).
 *
 * <p>Not a test: run it by hand (see docs/BENCHMARKS.md). Options: {@code [sizes=20,200] [inFlight=16]
 * [serial=true]}.
 */
public final class BulkStopBenchmark {
    private static final Duration STOP_ANSWER = Duration.ofMillis(500);

    private BulkStopBenchmark() {
    }

    /**
     * @param args sizes (comma-separated), the bound of the parallel side, whether to run the serial side too
     * @throws Exception when the fake cannot start
     */
    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String s : (args.length > 0 ? args[0] : "20,200").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : PollPolicy.defaults().maxCommandsInFlight();
        boolean serial = args.length <= 2 || Boolean.parseBoolean(args[2]);
        System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
        System.out.println("| services | in flight | destroy (s) | stop times (destroy / 0.5 s) | ceil(N / in flight) |");
        System.out.println("|---|---|---|---|---|");
        for (int n : sizes) {
            List<Integer> sides = serial ? List.of(inFlight, 1) : List.of(inFlight);
            for (int bound : sides) {
                double seconds = destroyOnce(n, bound);
                System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %.1f | %d |%n", n, bound, seconds,
                        seconds / (STOP_ANSWER.toMillis() / 1000.0), (n + bound - 1) / bound);
            }
        }
        System.out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
    }

    private static double destroyOnce(int n, int bound) throws Exception {
        try (FakeZinitServer fake = FakeZinitServer.builder().generation(Generation.JSON_RPC)
                .stopAnswerDelay(STOP_ANSWER).build().start();
             ZinitClient c = ZinitClient.builder().socket(fake.socket()).protocol(Protocol.JSON_RPC)
                     .pollPolicy(PollPolicy.defaults().toBuilder().maxCommandsInFlight(bound).build()).build();
             ZinitClient setup = ZinitClient.builder().socket(fake.socket()).protocol(Protocol.JSON_RPC).build()) {
            String[] names = new String[n];
            for (int i = 0; i < n; i++) {
                names[i] = "svc" + i;
                setup.addService(names[i], ServiceConfig.builder().exec("sleep 1000").build());
            }
            setup.startMultiple(Duration.ofSeconds(60), names);
            long t0 = System.nanoTime();
            c.destroy(Duration.ofSeconds(60), names);
            long t1 = System.nanoTime();
            if (!c.list().isEmpty()) {
                throw new IllegalStateException("destroy left services: " + c.list().keySet());
            }
            return (t1 - t0) / 1e9;
        }
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
