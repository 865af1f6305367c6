package io.zinit4j.testkit;

import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.ShellWords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * An in-memory zinit on a real Unix socket, for tests of code that drives zinit: like MockWebServer, it answers with
 * zinit's exact bytes, simulates services, and records every request it receives.
 *
 * <pre>{@code
 * try (FakeZinitServer zinit = FakeZinitServer.builder().generation(Generation.LEGACY).build().start()) {
 *     zinit.writeService("web", "exec: sleep 1000\n");
 *     // point the code under test at zinit.socket() and zinit.configDir(), then:
 *     assertEquals("monitor web\n", zinit.lastRequest().text());
 * }
 * }</pre>
 *
 * <p><b>Protocols.</b> {@link Generation#LEGACY} speaks the line protocol of zinit 0.2.14 byte for byte as recorded
 * (no trailing newline, members {@code state} then {@code body}, the server's error texts); {@link
 * Generation#JSON_RPC} speaks JSON-RPC 2.0 with the result shapes, error codes, messages and {@code data} objects of
 * zinit 0.2.28 (see {@code FakeRpc}).
 *
 * <p><b>Services.</b> {@code monitor} loads {@code <name>.yaml} from {@link #configDir()} (parsed with {@link
 * ServiceConfig#fromYaml}); a service then is {@code Spawned} with a fake pid until a run of its {@code test} passes
 * (after the spawn time; failed runs are retried after {@link Builder#testRetryDelay}), then {@code Running}. A
 * oneshot is {@code Running} at once and ends in {@code Success} after the oneshot time. {@code stop} sets the target
 * down and sends the stop signal ({@code signal.stop}, default SIGTERM): the process dies after the stop time and the
 * state becomes {@code Error(Signaled(Pid(n), SIGTERM, false))} with pid 0, as on a real zinit. Like zinit's watch
 * loop, a service whose process ended pauses for the restart delay (2 s) and then spawns again if its target is up;
 * {@code start} spawns at once when no such loop runs (a finished oneshot, a failure, a service stopped long enough
 * ago), and otherwise leaves it to the loop. A service that is {@code after} another stays {@code Blocked} until that
 * one runs (or, a oneshot, succeeded). {@link #script} overrides a service's {@link Behavior} (exit codes, crashes,
 * ignored signals, failing tests, output to either stream, periodic output); {@link #setState} forces a state.
 *
 * <p><b>Timing.</b> The defaults are zinit's: restarts after 2 s, test retries after 2 s; on JSON-RPC (0.2.28) a
 * {@code service_stop} of a live process answers only after 500 ms (then SIGKILLs what is left; stops of different
 * services overlap), {@code service_stats} takes 500 ms, and {@code system_shutdown} and {@code system_reboot} close
 * the connection without an answer. Tests that need speed shorten the delays on the {@link Builder}.
 *
 * <p><b>Faults.</b> {@link #fault(Fault)} makes the next request misbehave (close early, garbage, never answer, half an
 * answer).
 *
 * <p>Thread-safe: tests may change the fake while clients talk to it. {@link #close()} stops everything and deletes the
 * socket and any directory the fake created.
 */
public final class FakeZinitServer implements AutoCloseable {
    private static final int MAX_LEGACY_LINE = 1024 * 1024;

    private final Generation generation;
    private final Path configDir;
    private final Path socket;
    private final Path ownedDir;
    private final Duration idleTimeout;
    private final LogBuffer logs;
    private final SimulatedSupervisor supervisor;

    private final Object lock = new Object();
    private final RequestRecorder recorder = new RequestRecorder();
    private final FaultQueue faults = new FaultQueue();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicLong connections = new AtomicLong();

    private volatile boolean running;
    private volatile boolean closed;
    private AFUNIXServerSocket server;
    private ExecutorService workers;
    private FakeRpc rpc;
    private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();

    private FakeZinitServer(Builder b) {
        this.generation = b.generation;
        try {
            Path own = null;
            if (b.configDir == null || b.socket == null) {
                own = Files.createTempDirectory("fake-zinit-");
            }
            this.ownedDir = own;
            this.configDir = b.configDir != null ? b.configDir : Files.createDirectories(own.resolve("etc"));
            this.socket = b.socket != null ? b.socket : own.resolve("zinit.sock");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the fake zinit's directories", e);
        }
        this.idleTimeout = b.idleTimeout;
        this.logs = new LogBuffer(b.logCapacity);
        this.supervisor = new SimulatedSupervisor(configDir, new SupervisorTiming(b.spawnTime, b.oneshotTime,
                b.stopTime, b.restartDelay, b.startDelay, b.testRetryDelay, b.stopAnswerDelay, b.statsDelay), logs,
                b.firstPid);
    }

    /** @return a builder: legacy protocol, a fresh temporary config directory and socket */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the socket and starts answering.
     *
     * @return this server
     * @throws UncheckedIOException when the socket cannot be bound
     */
    public FakeZinitServer start() {
        synchronized (lock) {
            if (running || closed) {
                throw new IllegalStateException(closed ? "the fake zinit is closed" : "the fake zinit already runs");
            }
            try {
                server = AFUNIXServerSocket.newInstance();
                server.bind(AFUNIXSocketAddress.of(socket));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind the fake zinit to " + socket, e);
            }
            AtomicInteger n = new AtomicInteger();
            workers = Executors.newCachedThreadPool(r -> daemon(r, "fake-zinit-conn-" + n.incrementAndGet()));
            supervisor.start();
            rpc = new FakeRpc(this);
            running = true;
            workers.execute(this::acceptLoop);
        }
        return this;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** @return the socket path clients connect to */
    public Path socket() {
        return socket;
    }

    /** @return the config directory {@code monitor} reads {@code <name>.yaml} from */
    public Path configDir() {
        return configDir;
    }

    /** @return the protocol generation this fake speaks */
    public Generation generation() {
        return generation;
    }

    /** @return every request received so far (since {@link #clearRequests()}), in order of arrival, taken or not */
    public List<RecordedRequest> requests() {
        return recorder.history();
    }

    /**
     * Waits for the next request that no call of this method has taken yet, as MockWebServer's {@code
     * takeRequest(timeout, unit)} does: requests are taken one at a time in order of arrival, over every connection
     * and front end (socket and HTTP). A taken request stays in {@link #requests()}. Use it to wait for a request that
     * the code under test sends on a thread of its own, instead of sleeping and then looking at {@link #lastRequest()}.
     *
     * @param timeout how long to wait at most for a request to arrive
     * @return the oldest request not taken yet, or {@code null} when none arrived within the timeout (it does not
     *         throw, so that a test can also assert that nothing was sent)
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return recorder.take(timeout);
    }

    /**
     * @return the last request received
     * @throws IllegalStateException when none was received
     */
    public RecordedRequest lastRequest() {
        List<RecordedRequest> all = requests();
        if (all.isEmpty()) {
            throw new IllegalStateException("the fake zinit has received no request");
        }
        return all.get(all.size() - 1);
    }

    /** Forgets the recorded requests, those not yet taken by {@link #takeRequest} included. */
    public void clearRequests() {
        recorder.clear();
    }

    /**
     * Writes {@code <name>.yaml} into the config directory (not validated: tests may write broken files).
     *
     * @param name the service name
     * @param yaml the file's content
     * @return the file's path
     */
    public Path writeService(String name, String yaml) {
        Path file = configDir.resolve(name + ".yaml");
        try {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * Sets how a service's simulated process behaves from its next spawn on (a running process keeps its timers).
     *
     * @param name     the service name (need not be monitored yet)
     * @param behavior its behaviour
     */
    public void script(String name, Behavior behavior) {
        supervisor.script(name, behavior);
    }

    /**
     * Forces a monitored service's state; pending simulated transitions of it are cancelled. The pid becomes 0 for
     * states without a process and stays (or gets a fresh one) for {@code Spawned} and {@code Running}.
     *
     * @param name  a monitored service
     * @param state the state, e.g. {@code ServiceState.parse("Error(Exited(Pid(12), 1))")}
     * @throws IllegalArgumentException when the service is not monitored
     */
    public void setState(String name, ServiceState state) {
        supervisor.setState(name, state);
    }

    /**
     * Forces a monitored service's whole status; pending simulated transitions of it are cancelled.
     *
     * @param name   a monitored service
     * @param pid    its pid (0 for none)
     * @param state  its state
     * @param target its target
     */
    public void setStatus(String name, int pid, ServiceState state, ServiceTarget target) {
        supervisor.setStatus(name, pid, state, target);
    }

    /**
     * @param name a service
     * @return its state text as the fake would report it, or empty when it is not monitored
     */
    public Optional<String> state(String name) {
        return supervisor.state(name);
    }

    /** @return the names of the monitored services, sorted */
    public List<String> monitored() {
        return supervisor.monitored();
    }

    /**
     * Makes the next request misbehave; several calls queue several faults, one per request.
     *
     * @param fault the misbehaviour
     */
    public void fault(Fault fault) {
        faults.add(fault);
    }

    /**
     * Appends a raw line to the log buffer (and to every follower).
     *
     * @param line the line without its line end, e.g. {@code [+] web: hello}
     */
    public void addLog(String line) {
        logs.append(line);
    }

    /**
     * Appends a standard-output line of a service to the log buffer.
     *
     * @param service the service
     * @param text    what it printed
     */
    public void addLog(String service, String text) {
        addLog("[+] " + service + ": " + text);
    }

    /** @return the lines in the log buffer */
    public List<String> logLines() {
        return logs.lines();
    }

    /** @return whether a client asked for shutdown or reboot */
    public boolean shutdownRequested() {
        return supervisor.shutdownRequested();
    }

    /** @return whether the last shutdown was a reboot */
    public boolean rebootRequested() {
        return supervisor.rebootRequested();
    }

    /** Stops answering, closes every connection, and deletes the socket and any directory the fake created. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
        }
        for (Runnable hook : closeHooks) {
            hook.run();
        }
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        if (workers != null) {
            workers.shutdownNow();
        }
        supervisor.stop();
        try {
            Files.deleteIfExists(socket);
            if (ownedDir != null) {
                try (Stream<Path> walk = Files.walk(ownedDir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    @Override
    public String toString() {
        return "FakeZinitServer[" + generation + ", " + socket + "]";
    }

    // ---------------------------------------------------------------- other front ends (HTTP)

    /** @return the JSON-RPC side, for another front end; only once started */
    FakeRpc rpc() {
        synchronized (lock) {
            if (rpc == null || closed) {
                throw new IllegalStateException("the fake zinit is not running");
            }
            return rpc;
        }
    }

    /** @return the simulated zinit behind every front end */
    SimulatedSupervisor supervisor() {
        return supervisor;
    }

    /** @return the log buffer the simulated services write to */
    LogBuffer logs() {
        return logs;
    }

    /** @return whether the fake still serves (started and not closed) */
    boolean running() {
        return running;
    }

    /** @return a number for a new connection of another front end, from the same sequence as the socket's */
    long newConnectionId() {
        return connections.incrementAndGet();
    }

    /** Runs the hook when this fake closes, so that another front end closes with it. */
    void whenClosed(Runnable hook) {
        closeHooks.add(hook);
        if (closed) {
            hook.run();
        }
    }

    // ---------------------------------------------------------------- connections

    private void acceptLoop() {
        while (running) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (running) {
                    continue;
                }
                return;
            }
            open.add(s);
            long id = connections.incrementAndGet();
            try {
                workers.execute(() -> {
                    try {
                        s.setSoTimeout((int) idleTimeout.toMillis());
                        if (generation == Generation.LEGACY) {
                            serveLegacy(s, id);
                        } else {
                            rpc.serve(s, id);
                        }
                    } catch (IOException | RuntimeException e) {
                        // the client went away or broke the connection: nothing to answer
                    } finally {
                        open.remove(s);
                        closeQuietly(s);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closeQuietly(s);
            }
        }
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // gone either way
        }
    }

    RecordedRequest record(long connection, byte[] raw) {
        return recorder.record(connection, raw);
    }

    /** Runs a slow answer on a connection thread of its own. */
    void background(Runnable task) {
        try {
            workers.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: nobody waits for the answer
        }
    }

    Fault takeFault() {
        return faults.next();
    }

    /**
     * Sends an answer as a fault dictates.
     *
     * @return whether the connection may be used further
     */
    boolean send(Socket s, byte[] answer, Fault fault) throws IOException {
        OutputStream out = s.getOutputStream();
        if (fault == null) {
            out.write(answer);
            out.flush();
            return true;
        }
        switch (fault.kind()) {
            case GARBAGE:
                out.write(fault.garbage());
                out.flush();
                return false;
            case HALF_RESPONSE:
                out.write(answer, 0, answer.length / 2);
                out.flush();
                return false;
            case NEVER_ANSWER:
                waitUntilClosed(s);
                return false;
            case CLOSE_EARLY:
            default:
                return false;
        }
    }

    private void waitUntilClosed(Socket s) {
        // hold the connection open without answering until the server closes or the idle timeout passes; a client
        // that half-closed its side is still waiting for an answer, so its end of input does not end the wait
        long deadline = System.nanoTime() + idleTimeout.toNanos();
        try {
            InputStream in = s.getInputStream();
            s.setSoTimeout(50);
            byte[] sink = new byte[1024];
            boolean eof = false;
            while (running && !s.isClosed() && System.nanoTime() < deadline) {
                if (eof) {
                    Thread.sleep(50);
                    continue;
                }
                try {
                    eof = in.read(sink) < 0;
                } catch (SocketTimeoutException e) {
                    // keep waiting
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serveLegacy(Socket s, long id) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        boolean newline = false;
        byte[] chunk = new byte[8192];
        try {
            // like zinit's buffered reader: take whole chunks, keep the first line, drop what follows it
            int n;
            while (!newline && raw.size() <= MAX_LEGACY_LINE && (n = in.read(chunk)) >= 0) {
                for (int i = 0; i < n; i++) {
                    raw.write(chunk[i]);
                    if (chunk[i] == '\n') {
                        newline = true;
                        break;
                    }
                }
            }
            while (in.available() > 0 && in.read(chunk, 0, Math.min(chunk.length, in.available())) > 0) {
                // drained: unread bytes would make the close reset the connection
            }
        } catch (SocketTimeoutException e) {
            // answer what came, as zinit would once the client gives up
        }
        byte[] bytes = raw.toByteArray();
        record(id, bytes);
        Fault fault = takeFault();
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (newline) {
            text = text.substring(0, text.length() - 1);
        }
        Optional<List<String>> words = ShellWords.split(text);
        if (words.isPresent() && !words.get().isEmpty() && words.get().get(0).equals("log")) {
            serveLog(s, words.get(), fault);
            return;
        }
        String answer = legacyAnswer(words);
        send(s, answer.getBytes(StandardCharsets.UTF_8), fault);
        try {
            s.shutdownOutput();
        } catch (SocketException ignored) {
            // the client left already
        }
    }

    private void serveLog(Socket s, List<String> words, Fault fault) throws IOException {
        boolean follow = words.size() == 1;
        if (!follow && !(words.size() == 2 && words.get(1).equals("snapshot"))) {
            send(s, legacyError("invalid log command arguments"), fault);
            return;
        }
        List<String> kept = new ArrayList<>();
        try (LogFollower follower = logs.snapshotAndFollow(kept)) {
            StringBuilder snapshot = new StringBuilder();
            for (String l : kept) {
                snapshot.append(l).append('\n');
            }
            if (!send(s, snapshot.toString().getBytes(StandardCharsets.UTF_8), fault) || !follow) {
                return;
            }
            follower.pump(s.getOutputStream(), line -> true, line -> (line + "\n").getBytes(StandardCharsets.UTF_8),
                    this::running);
        }
    }

    // ---------------------------------------------------------------- the legacy protocol

    private String legacyAnswer(Optional<List<String>> split) {
        if (split.isEmpty()) {
            return legacyErrorText("invalid command syntax");
        }
        List<String> w = split.get();
        if (w.isEmpty()) {
            return legacyErrorText("unknown command");
        }
        String cmd = w.get(0);
        try {
            switch (cmd + "/" + (w.size() - 1)) {
                case "list/0":
                    return legacyOk(supervisor.list());
                case "status/1":
                    return legacyOk(supervisor.statusBody(w.get(1)));
                case "start/1":
                    supervisor.start(w.get(1));
                    return legacyOk(null);
                case "stop/1":
                    supervisor.stop(w.get(1));
                    return legacyOk(null);
                case "monitor/1":
                    supervisor.monitor(w.get(1));
                    return legacyOk(null);
                case "forget/1":
                    supervisor.forget(w.get(1));
                    return legacyOk(null);
                case "kill/2":
                    supervisor.kill(w.get(1), w.get(2));
                    return legacyOk(null);
                case "shutdown/0":
                    supervisor.shutdown(false);
                    return legacyOk(null);
                case "reboot/0":
                    supervisor.shutdown(true);
                    return legacyOk(null);
                default:
                    return legacyErrorText("unknown command '" + cmd + "' or wrong arguments count");
            }
        } catch (Refusal r) {
            return legacyErrorText(legacyText(r));
        }
    }

    private static String legacyText(Refusal r) {
        switch (r.kind()) {
            case NOT_FOUND:
                return "service name " + rustDebug(r.service()) + " unknown";
            case ALREADY_MONITORED:
                return "service " + rustDebug(r.service()) + " already monitored";
            case IS_UP:
                return "service " + rustDebug(r.service()) + " is up";
            case IS_DOWN:
                return "service " + rustDebug(r.service()) + " is down";
            case INVALID_SIGNAL:
                return "EINVAL: Invalid argument";
            case SHUTTING_DOWN:
                return "zinit is shutting down";
            case CONFIG:
            default:
                return "failed to load service config";
        }
    }

    private static String legacyOk(Object body) {
        return "{\"state\":\"ok\",\"body\":" + WireJson.write(body) + "}";
    }

    private static String legacyErrorText(String message) {
        return "{\"state\":\"error\",\"body\":" + WireJson.write(message) + "}";
    }

    private static byte[] legacyError(String message) {
        return legacyErrorText(message).getBytes(StandardCharsets.UTF_8);
    }

    /** Rust's {@code {:?}} of a string, which zinit uses to quote names in its error texts. */
    static String rustDebug(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                case 0:
                    b.append("\\0");
                    break;
                default:
                    if (Character.isISOControl(c)) {
                        b.append("\\u{").append(Integer.toHexString(c)).append('}');
                    } else {
                        b.appendCodePoint(c);
                    }
            }
        });
        return b.append('"').toString();
    }

    // ---------------------------------------------------------------- builder

    /** Configures a {@link FakeZinitServer}; not thread-safe. */
    public static final class Builder {
        private Generation generation = Generation.LEGACY;
        private Path configDir;
        private Path socket;
        private Duration spawnTime = Duration.ofMillis(20);
        private Duration oneshotTime = Duration.ofMillis(50);
        private Duration stopTime = Duration.ofMillis(10);
        private Duration restartDelay = Duration.ofSeconds(2);
        private Duration startDelay = Duration.ZERO;
        private Duration testRetryDelay = Duration.ofSeconds(2);
        private Duration stopAnswerDelay = Duration.ofMillis(500);
        private Duration statsDelay = Duration.ofMillis(500);
        private Duration idleTimeout = Duration.ofSeconds(10);
        private int firstPid = 9511;
        private int logCapacity = 10_000;

        private Builder() {
        }

        /**
         * @param generation the protocol to speak (default {@link Generation#LEGACY})
         * @return this builder
         */
        public Builder generation(Generation generation) {
            this.generation = Objects.requireNonNull(generation, "generation");
            return this;
        }

        /**
         * @param configDir where {@code monitor} reads service files (default: a fresh temporary directory)
         * @return this builder
         */
        public Builder configDir(Path configDir) {
            this.configDir = Objects.requireNonNull(configDir, "configDir");
            return this;
        }

        /**
         * @param socket the socket path to bind (default: in a fresh temporary directory)
         * @return this builder
         */
        public Builder socket(Path socket) {
            this.socket = Objects.requireNonNull(socket, "socket");
            return this;
        }

        /**
         * As on zinit, a oneshot is {@code Running} from its spawn; any other service is {@code Spawned} until a run of
         * its {@code test} passes (see {@link Behavior#withFailingTests}), a missing test passing at its first run.
         *
         * @param time how long one run of a service's {@code test} takes, an empty one too (default 20 ms)
         * @return this builder
         */
        public Builder spawnTime(Duration time) {
            this.spawnTime = nonNegative(time, "spawnTime");
            return this;
        }

        /**
         * @param time how long an unscripted oneshot runs before it succeeds (default 50 ms)
         * @return this builder
         */
        public Builder oneshotTime(Duration time) {
            this.oneshotTime = nonNegative(time, "oneshotTime");
            return this;
        }

        /**
         * @param time how long a process takes to die of a signal (default 10 ms)
         * @return this builder
         */
        public Builder stopTime(Duration time) {
            this.stopTime = nonNegative(time, "stopTime");
            return this;
        }

        /**
         * @param delay how long zinit pauses after a process of a service (not a oneshot) ended before it goes round
         *              again: it restarts the process if the target is up (default 2 s, as zinit)
         * @return this builder
         */
        public Builder restartDelay(Duration delay) {
            this.restartDelay = nonNegative(delay, "restartDelay");
            return this;
        }

        /**
         * An extra delay before {@code start} takes effect. zinit itself spawns at once when no watch of the service
         * runs (a finished oneshot, a service stopped more than {@link #restartDelay} ago) and otherwise leaves it to
         * the running watch, which restarts the service after its pause (legacy lifecycle transcript, t=938 to 2324).
         *
         * @param delay the delay (default zero, as zinit)
         * @return this builder
         */
        public Builder startDelay(Duration delay) {
            this.startDelay = nonNegative(delay, "startDelay");
            return this;
        }

        /**
         * @param delay how long zinit waits before it runs a failed {@code test} command again (default 2 s, as
         *              zinit 0.2.14)
         * @return this builder
         */
        public Builder testRetryDelay(Duration delay) {
            this.testRetryDelay = nonNegative(delay, "testRetryDelay");
            return this;
        }

        /**
         * @param delay how long a JSON-RPC {@code service_stop} of a live process waits before it SIGKILLs what is
         *              left and answers (default 500 ms, as zinit 0.2.28); zero answers at once, without SIGKILL
         * @return this builder
         */
        public Builder stopAnswerDelay(Duration delay) {
            this.stopAnswerDelay = nonNegative(delay, "stopAnswerDelay");
            return this;
        }

        /**
         * @param delay how long {@code service_stats} samples before it answers (default 500 ms, as zinit 0.2.28)
         * @return this builder
         */
        public Builder statsDelay(Duration delay) {
            this.statsDelay = nonNegative(delay, "statsDelay");
            return this;
        }

        /**
         * @param timeout how long a connection may stay silent before the fake drops it (default 10 s)
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = nonNegative(timeout, "idleTimeout");
            if (timeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive");
            }
            return this;
        }

        /**
         * @param pid the first fake pid handed out (default 9511)
         * @return this builder
         */
        public Builder firstPid(int pid) {
            if (pid <= 1) {
                throw new IllegalArgumentException("pids start above 1");
            }
            this.firstPid = pid;
            return this;
        }

        /**
         * @param lines how many log lines the ring buffer keeps (default 10,000)
         * @return this builder
         */
        public Builder logCapacity(int lines) {
            if (lines < 1) {
                throw new IllegalArgumentException("logCapacity must be positive");
            }
            this.logCapacity = lines;
            return this;
        }

        /** @return a new, not yet started server */
        public FakeZinitServer build() {
            return new FakeZinitServer(this);
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative");
            }
            return d;
        }
    }
}
