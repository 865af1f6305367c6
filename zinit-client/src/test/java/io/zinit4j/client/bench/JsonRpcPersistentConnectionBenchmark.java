package io.zinit4j.client.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.internal.protocol.JsonRpcCodec;
import io.zinit4j.client.internal.protocol.JsonRpcConnection;
import io.zinit4j.client.internal.protocol.JsonRpcFrameReader;
import io.zinit4j.client.internal.transport.SocketConnection;
import io.zinit4j.client.internal.transport.SocketSettings;
import io.zinit4j.client.internal.transport.UnixSocketConnector;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Generation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Issue 4: {@code service_status} calls per second over the codec's one persistent JSON-RPC connection, against the
 * same request sent on a fresh connection per call, from 1 and from 8 threads, measured in one run and reported as
 * ratios, against two servers on a real Unix socket in turn: the {@link FakeZinitServer} in JSON-RPC mode (zinit's
 * answers, a simulated service, every request recorded), and a minimal scripted server that answers every
 * {@code service_status} with fixed bytes, so that its numbers measure the client side and the socket, not the
 * server.
 *
 * <p>A second table compares, in the same rounds and on connections of their own, the current
 * {@link JsonRpcConnection} (a waiting caller reads the socket itself when nobody else does) with the round-1 design
 * kept in {@link RoundOneConnection} (a reader thread reads every answer and wakes its caller), both driven with the
 * same raw request and parsing, so that only the hand-off differs.
 *
 * <p>Not a test: run it by hand (see docs/BENCHMARKS.md). Arguments: {@code [seconds per round, default 1] [rounds,
 * default 7] [servers, default fake,scripted]}.
 */
public final class JsonRpcPersistentConnectionBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long TIMEOUT_NANOS = Duration.ofSeconds(5).toNanos();

    private JsonRpcPersistentConnectionBenchmark() {
    }

    /**
     * Runs the benchmark and prints a Markdown table.
     *
     * @param args optional: seconds per round, rounds, servers (comma-separated: fake, scripted)
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<String> servers = args.length > 2 ? List.of(args[2].split(",")) : List.of("fake", "scripted");
        StringBuilder out = new StringBuilder();
        out.append("| server | threads | persistent (calls/s, median) | connect-per-call (calls/s, median) "
                + "| ratio (median of rounds) | ratio range |\n");
        out.append("|---|---|---|---|---|---|\n");
        StringBuilder design = new StringBuilder();
        design.append("| server | threads | JsonRpcConnection, leader/follower (calls/s, median) "
                + "| round-1 reader thread (calls/s, median) | ratio (median of rounds) | ratio range |\n");
        design.append("|---|---|---|---|---|---|\n");
        for (String kind : servers) {
            switch (kind) {
                case "fake" -> {
                    try (FakeZinitServer fake = FakeZinitServer.builder().generation(Generation.JSON_RPC).build()
                            .start()) {
                        fake.writeService("web", "exec: sleep 1000\n");
                        // the fake records every request in a copy-on-write list: clear it between rounds so that
                        // its cost stays small and the same for both sides
                        measure("FakeZinitServer", fake.socket(), fake::clearRequests, seconds, rounds, out, design,
                                codec -> codec.monitor("web"));
                    }
                }
                case "scripted" -> {
                    Path dir = Files.createTempDirectory("zinit4j-bench");
                    Path socket = dir.resolve("zinit.sock");
                    try (Server server = new Server(socket)) {
                        measure("scripted", socket, () -> { }, seconds, rounds, out, design, codec -> { });
                    } finally {
                        Files.deleteIfExists(socket);
                        Files.deleteIfExists(dir);
                    }
                }
                default -> throw new IllegalArgumentException("unknown server " + kind + " (fake, scripted)");
            }
        }
        System.out.print(out);
        System.out.println();
        System.out.print(design);
        System.out.printf(Locale.ROOT, "%s %s, %d cores, %d interleaved rounds of %.1f s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), rounds, seconds);
    }

    private static void measure(String label, Path socket, Runnable beforeRound, double seconds, int rounds,
                                StringBuilder out, StringBuilder design, Consumer<JsonRpcCodec> setUp)
            throws InterruptedException {
        UnixSocketConnector connector = new UnixSocketConnector(
                new SocketSettings(socket, Duration.ofSeconds(5), Duration.ofSeconds(5)));
        SocketConnection s1 = connector.connect();
        SocketConnection s2 = connector.connect();
        try (JsonRpcCodec codec = new JsonRpcCodec(connector);
             JsonRpcConnection current = new JsonRpcConnection(s1, frames(s1));
             RoundOneConnection roundOne = new RoundOneConnection(s2, frames(s2), MAPPER)) {
            setUp.accept(codec);
            AtomicLong ids = new AtomicLong();
            Supplier<Runnable> persistent = () -> () -> check(codec.status("web"));
            Supplier<Runnable> perCall = () -> () -> check(statusOnFreshConnection(connector));
            Supplier<Runnable> leaderFollower = () -> () -> {
                String id = Long.toString(ids.incrementAndGet());
                try {
                    check(parseStatus(current.await(current.send(id, statusRequest(id)), TIMEOUT_NANOS).tree()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            Supplier<Runnable> readerThread = () -> () -> {
                String id = Long.toString(ids.incrementAndGet());
                try {
                    check(parseStatus(roundOne.send(id, statusRequest(id)).get(TIMEOUT_NANOS, TimeUnit.NANOSECONDS)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            for (int threads : new int[] {1, 8}) {
                for (Supplier<Runnable> w : List.of(perCall, persistent, leaderFollower, readerThread)) {
                    run(w, threads, seconds / 2); // warm-up
                }
                double[] p = new double[rounds];
                double[] c = new double[rounds];
                double[] lf = new double[rounds];
                double[] rt = new double[rounds];
                // interleaved rounds, so that load from elsewhere on the machine hits every side alike
                for (int r = 0; r < rounds; r++) {
                    beforeRound.run();
                    p[r] = run(persistent, threads, seconds);
                    beforeRound.run();
                    c[r] = run(perCall, threads, seconds);
                    beforeRound.run();
                    lf[r] = run(leaderFollower, threads, seconds);
                    beforeRound.run();
                    rt[r] = run(readerThread, threads, seconds);
                }
                out.append(row(label, threads, p, c));
                design.append(row(label, threads, lf, rt));
            }
        }
    }

    /** One table row: medians of both sides, and the median and range of the per-round ratio a / b. */
    private static String row(String label, int threads, double[] a, double[] b) {
        double[] ratio = new double[a.length];
        for (int r = 0; r < a.length; r++) {
            ratio[r] = a[r] / b[r];
        }
        double[] sorted = ratio.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %.2fx | %.2fx to %.2fx |%n", label, threads,
                median(a), median(b), median(ratio), sorted[0], sorted[sorted.length - 1]);
    }

    private static JsonRpcFrameReader frames(SocketConnection s) {
        return new JsonRpcFrameReader(s::read, JsonRpcFrameReader.DEFAULT_MAX_MESSAGE_BYTES);
    }

    private static byte[] statusRequest(String id) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"service_status\",\"params\":[\"web\"]}\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static ServiceStatus parseStatus(JsonNode response) {
        JsonNode r = response.get("result");
        return new ServiceStatus(r.get("name").asText(), r.get("pid").asInt(),
                io.zinit4j.model.ServiceState.parse(r.get("state").asText()),
                ServiceTarget.parse(r.get("target").asText()), null);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void check(ServiceStatus s) {
        if (!s.name().equals("web") || s.target() != ServiceTarget.UP) {
            throw new IllegalStateException("wrong answer: " + s);
        }
    }

    /** What a client without a persistent connection does: connect, one request, one answer, close. */
    private static ServiceStatus statusOnFreshConnection(UnixSocketConnector connector) {
        try (SocketConnection c = connector.connect()) {
            c.write(statusRequest("1"));
            return parseStatus(MAPPER.readTree(frames(c).next()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return calls per second over all threads */
    private static double run(Supplier<Runnable> work, int threads, double seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Runnable call = work.get();
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long n = 0;
                while (!stop.get()) {
                    call.run();
                    n++;
                }
                calls.addAndGet(n);
            });
            t.start();
            ts.add(t);
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread t : ts) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return calls.get() / elapsed;
    }

    /** A minimal JSON-RPC server: one thread per connection, a fixed status for every request. */
    private static final class Server implements AutoCloseable {
        private final AFUNIXServerSocket socket;
        private final AtomicLong connections = new AtomicLong();
        // pooled so that a fresh connection costs the client's connect, not a new server thread
        private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-conn");
            t.setDaemon(true);
            return t;
        });
        private final byte[] prefix = "{\"jsonrpc\":\"2.0\",\"result\":{\"after\":{},\"name\":\"web\",\"pid\":42,\"state\":\"Running\",\"target\":\"Up\"},\"id\":".getBytes(StandardCharsets.UTF_8);

        Server(Path path) throws IOException {
            socket = AFUNIXServerSocket.newInstance();
            socket.bind(AFUNIXSocketAddress.of(path));
            Thread acceptor = new Thread(this::accept, "bench-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    AFUNIXSocket s = socket.accept();
                    connections.incrementAndGet();
                    workers.execute(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(AFUNIXSocket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream();
                 JsonParser p = MAPPER.getFactory().createParser(in)) {
                while (p.nextToken() != null) {
                    JsonNode req = MAPPER.readTree(p);
                    byte[] id = req.get("id").toString().getBytes(StandardCharsets.UTF_8);
                    byte[] answer = new byte[prefix.length + id.length + 2];
                    System.arraycopy(prefix, 0, answer, 0, prefix.length);
                    System.arraycopy(id, 0, answer, prefix.length, id.length);
                    answer[answer.length - 2] = '}';
                    answer[answer.length - 1] = '\n';
                    out.write(answer);
                    out.flush();
                }
            } catch (IOException e) {
                // the client closed the connection
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            workers.shutdownNow();
        }
    }
}
