package io.zinit4j.client.bench;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.internal.protocol.LegacyCodec;
import io.zinit4j.client.SocketTransport;
import io.zinit4j.client.internal.transport.SocketSettings;
import io.zinit4j.client.internal.transport.UnixSocketConnector;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.StateKind;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Issue 11, item 3: what one {@code status} call costs through {@link ZinitClient}, against a raw client written on
 * the JDK's own {@link UnixDomainSocketAddress} ({@link SocketChannel}, a hand-written request, the answer checked by
 * a byte comparison), both against the same scripted server that costs nearly nothing, for both generations, in one
 * run. The line protocol opens a connection per call on both sides; JSON-RPC keeps one open on both sides. A third
 * row runs the line protocol's codec with junixsocket under its one-command connections instead of the JDK's channels
 * (the default), so that the choice of default can be read off the same run.
 *
 * <p>The servers answer every request with fixed bytes (JSON-RPC: with the request's id spliced in), on the JDK's own
 * channels; the line-protocol server answers on its accepting thread, so that no thread hand-off is added on its
 * side. One calling thread, interleaved rounds (SDK, raw, SDK, raw, ...) so that load from elsewhere on the machine
 * hits both sides alike; the table gives medians, the median and range of the per-round ratio of the time per call,
 * and the CPU time of the whole process per call (the in-process server's share is the same on both sides).
 *
 * <p>Not a test: run it by hand (see docs/BENCHMARKS.md). Arguments: {@code [seconds per round, default 1] [rounds,
 * default 9] [generations, default legacy,jsonrpc]}.
 */
public final class PerCallCostBenchmark {
    private static final byte[] LEGACY_ANSWER = ("{\"state\":\"ok\",\"body\":{\"after\":{},\"name\":\"web\","
            + "\"pid\":42,\"state\":\"Running\",\"target\":\"Up\"}}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] RPC_PREFIX = ("{\"jsonrpc\":\"2.0\",\"result\":{\"after\":{},\"name\":\"web\","
            + "\"pid\":42,\"state\":\"Running\",\"target\":\"Up\"},\"id\":").getBytes(StandardCharsets.UTF_8);

    private PerCallCostBenchmark() {
    }

    /**
     * Runs the benchmark and prints a Markdown table.
     *
     * @param args optional: seconds per round, rounds, generations (comma-separated: legacy, jsonrpc)
     * @throws Exception when a server cannot start
     */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        List<String> generations = args.length > 2 ? List.of(args[2].split(",")) : List.of("legacy", "jsonrpc");
        StringBuilder out = new StringBuilder();
        out.append("| generation | ZinitClient (µs/call, median) | raw JDK client (µs/call, median) "
                + "| ratio (median of rounds) | ratio range | process CPU, ZinitClient / raw (µs/call, median) |\n");
        out.append("|---|---|---|---|---|---|\n");
        Path dir = Files.createTempDirectory("zinit4j-percall");
        try {
            for (String g : generations) {
                Path socket = dir.resolve(g + ".sock");
                switch (g) {
                    case "legacy" -> {
                        try (LegacyServer server = new LegacyServer(socket);
                             ZinitClient client = client(socket, Protocol.LEGACY);
                             RawLegacy raw = new RawLegacy(socket);
                             LegacyCodec junix = new LegacyCodec(new UnixSocketConnector(new SocketSettings(socket,
                                     Duration.ofSeconds(5), Duration.ofSeconds(5), SocketTransport.JUNIXSOCKET)))) {
                            out.append(measure("line protocol (0.2.14)", () -> check(client.status("web")), raw,
                                    seconds, rounds));
                            // the same calls with junixsocket under the line protocol: the choice of the default
                            out.append(measure("line protocol, junixsocket commands", () -> check(junix.status("web")),
                                    raw, seconds, rounds));
                        }
                    }
                    case "jsonrpc" -> {
                        try (RpcServer server = new RpcServer(socket);
                             ZinitClient client = client(socket, Protocol.JSON_RPC);
                             RawRpc raw = new RawRpc(socket);
                             ZinitClient jdk = ZinitClient.builder().socket(socket).protocol(Protocol.JSON_RPC)
                                     .timeout(Duration.ofSeconds(5)).socketTransport(SocketTransport.JDK).build()) {
                            out.append(measure("JSON-RPC (0.2.15+)", () -> check(client.status("web")), raw,
                                    seconds, rounds));
                            // what a client on SocketTransport.JDK pays on a platform thread: a reader-thread hand-off
                            out.append(measure("JSON-RPC, SocketTransport.JDK", () -> check(jdk.status("web")), raw,
                                    seconds, rounds));
                            // the same hand-written client on junixsocket's streams: what the library alone costs
                            try (RawRpc junix = new RawRpc(socket, true)) {
                                out.append(measure("JSON-RPC, the raw client on junixsocket", junix, raw, seconds,
                                        rounds));
                            }
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown generation " + g + " (legacy, jsonrpc)");
                }
                Files.deleteIfExists(socket);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
        System.out.print(out);
        System.out.printf(Locale.ROOT, "%s %s, %d cores, %d interleaved rounds of %.1f s, one calling thread%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), rounds, seconds);
    }

    private static ZinitClient client(Path socket, Protocol protocol) {
        return ZinitClient.builder().socket(socket).protocol(protocol).timeout(Duration.ofSeconds(5)).build();
    }

    private static void check(ServiceStatus s) {
        if (!s.name().equals("web") || s.state().kind() != StateKind.RUNNING || s.pid() != 42) {
            throw new IllegalStateException("wrong answer: " + s);
        }
    }

    /** One call of one side; throws on a wrong answer. */
    @FunctionalInterface
    private interface Call {
        void run() throws IOException;
    }

    private static String measure(String label, Call sdk, Call raw, double seconds, int rounds) throws IOException {
        // warm-up: long enough for both sides to be compiled before the first measured round
        run(sdk, Math.max(1, seconds));
        run(raw, Math.max(1, seconds));
        double[] s = new double[rounds];
        double[] r = new double[rounds];
        double[] sCpu = new double[rounds];
        double[] rCpu = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            double[] a = run(sdk, seconds);
            double[] b = run(raw, seconds);
            s[i] = a[0];
            sCpu[i] = a[1];
            r[i] = b[0];
            rCpu[i] = b[1];
        }
        double[] ratio = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ratio[i] = s[i] / r[i];
        }
        double[] sorted = ratio.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2fx | %.2fx to %.2fx | %.1f / %.1f |%n", label,
                median(s), median(r), median(ratio), sorted[0], sorted[rounds - 1], median(sCpu), median(rCpu));
    }

    /** {@return µs per call (wall clock) and µs of process CPU per call} */
    private static double[] run(Call call, double seconds) throws IOException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long calls = 0;
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        long now;
        do {
            // the clock is read every 64 calls: reading it costs little, but it is not what is measured
            for (int i = 0; i < 64; i++) {
                call.run();
            }
            calls += 64;
            now = System.nanoTime();
        } while (now < end);
        long cpu = processCpuNanos() - cpu0;
        return new double[] {(now - t0) / 1e3 / calls, cpu / 1e3 / calls};
    }

    /** The whole process's CPU time: client and in-process server together, the same server work on both sides. */
    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    // ---------------------------------------------------------------- raw clients

    /** The floor for the line protocol: connect, one line, half-close, read to the end, close. */
    private static final class RawLegacy implements Call, AutoCloseable {
        private static final byte[] REQUEST = "status web\n".getBytes(StandardCharsets.US_ASCII);
        private final UnixDomainSocketAddress address;
        private final ByteBuffer in = ByteBuffer.allocate(8192);

        RawLegacy(Path socket) {
            this.address = UnixDomainSocketAddress.of(socket);
        }

        @Override
        public void run() throws IOException {
            try (SocketChannel ch = SocketChannel.open(address)) {
                ch.write(ByteBuffer.wrap(REQUEST));
                ch.shutdownOutput();
                in.clear();
                while (ch.read(in) >= 0) {
                    if (!in.hasRemaining()) {
                        throw new IOException("answer too long");
                    }
                }
            }
            in.flip();
            if (in.remaining() != LEGACY_ANSWER.length || in.get(10) != 'o' || in.get(11) != 'k') {
                throw new IllegalStateException("wrong answer");
            }
        }

        @Override
        public void close() {
        }
    }

    /** The floor for JSON-RPC: one open connection, a request with a fresh id, read to the newline, id compared. */
    private static final class RawRpc implements Call, AutoCloseable {
        private final SocketChannel ch;
        private final AFUNIXSocket junix;
        private final ByteBuffer in = ByteBuffer.allocate(8192);
        private final byte[] request = new byte[128];
        private long id;

        RawRpc(Path socket) throws IOException {
            this(socket, false);
        }

        RawRpc(Path socket, boolean onJunixsocket) throws IOException {
            this.ch = onJunixsocket ? null : SocketChannel.open(UnixDomainSocketAddress.of(socket));
            this.junix = onJunixsocket ? AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(socket)) : null;
        }

        @Override
        public void run() throws IOException {
            String ids = Long.toString(++id);
            byte[] head = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);
            int n = 0;
            System.arraycopy(head, 0, request, n, head.length);
            n += head.length;
            for (int i = 0; i < ids.length(); i++) {
                request[n++] = (byte) ids.charAt(i);
            }
            byte[] tail = ",\"method\":\"service_status\",\"params\":[\"web\"]}\n".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(tail, 0, request, n, tail.length);
            n += tail.length;
            in.clear();
            if (junix != null) {
                junix.getOutputStream().write(request, 0, n);
                byte[] a = in.array();
                int got = 0;
                do {
                    int r = junix.getInputStream().read(a, got, a.length - got);
                    if (r < 0) {
                        throw new IOException("closed");
                    }
                    got += r;
                } while (a[got - 1] != '\n');
                in.position(got);
            } else {
                ch.write(ByteBuffer.wrap(request, 0, n));
                do {
                    if (ch.read(in) < 0) {
                        throw new IOException("closed");
                    }
                } while (in.position() == 0 || in.get(in.position() - 1) != '\n');
            }
            int idAt = RPC_PREFIX.length;
            for (int i = 0; i < ids.length(); i++) {
                if (in.get(idAt + i) != ids.charAt(i)) {
                    throw new IllegalStateException("wrong id");
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (ch != null) {
                ch.close();
            } else {
                junix.close();
            }
        }
    }

    // ---------------------------------------------------------------- scripted servers

    /** The line protocol: read the command line, answer fixed bytes, close; all on the accepting thread. */
    private static final class LegacyServer implements AutoCloseable {
        private final ServerSocketChannel server;
        private final Path path;

        LegacyServer(Path path) throws IOException {
            this.path = path;
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path), 64);
            Thread t = new Thread(this::serve, "percall-legacy-server");
            t.setDaemon(true);
            t.start();
        }

        private void serve() {
            ByteBuffer in = ByteBuffer.allocate(4096);
            ByteBuffer answer = ByteBuffer.wrap(LEGACY_ANSWER);
            while (server.isOpen()) {
                try (SocketChannel ch = server.accept()) {
                    in.clear();
                    // the command ends at its newline (zinit reads one line); the client's half-close ends it too
                    while (ch.read(in) >= 0 && (in.position() == 0 || in.get(in.position() - 1) != '\n')) {
                        if (!in.hasRemaining()) {
                            break;
                        }
                    }
                    answer.rewind();
                    ch.write(answer);
                } catch (IOException e) {
                    if (!server.isOpen()) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            Files.deleteIfExists(path);
        }
    }

    /** JSON-RPC: one thread per connection; each newline-ended request answered with its id spliced in. */
    private static final class RpcServer implements AutoCloseable {
        private static final byte[] ID_KEY = "\"id\":".getBytes(StandardCharsets.US_ASCII);
        private final ServerSocketChannel server;
        private final Path path;

        RpcServer(Path path) throws IOException {
            this.path = path;
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path), 64);
            Thread t = new Thread(this::accept, "percall-rpc-accept");
            t.setDaemon(true);
            t.start();
        }

        private void accept() {
            while (server.isOpen()) {
                try {
                    SocketChannel ch = server.accept();
                    Thread t = new Thread(() -> serve(ch), "percall-rpc-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(SocketChannel ch) {
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            byte[] out = new byte[RPC_PREFIX.length + 32];
            System.arraycopy(RPC_PREFIX, 0, out, 0, RPC_PREFIX.length);
            try (ch) {
                while (ch.read(in) >= 0) {
                    int start = 0;
                    for (int i = 0; i < in.position(); i++) {
                        if (in.get(i) != '\n') {
                            continue;
                        }
                        int n = RPC_PREFIX.length;
                        int at = indexOf(in, ID_KEY, start, i) + ID_KEY.length;
                        while (at < i && in.get(at) >= '0' && in.get(at) <= '9') {
                            out[n++] = in.get(at++);
                        }
                        out[n++] = '}';
                        out[n++] = '\n';
                        ch.write(ByteBuffer.wrap(out, 0, n));
                        start = i + 1;
                    }
                    // keep an unfinished request for the next read
                    in.limit(in.position()).position(start);
                    in.compact();
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        private static int indexOf(ByteBuffer in, byte[] key, int from, int to) {
            outer:
            for (int i = from; i + key.length <= to; i++) {
                for (int k = 0; k < key.length; k++) {
                    if (in.get(i + k) != key[k]) {
                        continue outer;
                    }
                }
                return i;
            }
            throw new IllegalStateException("no id in the request");
        }

        @Override
        public void close() throws IOException {
            server.close();
            Files.deleteIfExists(path);
        }
    }
}
