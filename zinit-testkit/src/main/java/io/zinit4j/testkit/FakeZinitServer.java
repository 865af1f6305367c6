package io.zinit4j.testkit;

import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 * zinit 0.2.28.
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
 * <p><b>Recording.</b> {@link #requests()} lists every request in order of arrival; {@link #takeRequest(Duration)}
 * waits for the next one not taken yet, for code under test that sends from a thread of its own:
 *
 * <pre>{@code
 * RecordedRequest r = zinit.takeRequest(Duration.ofSeconds(5)); // null when none came in time
 * assertEquals("monitor web\n", r.text());
 * }</pre>
 *
 * <p>This class is the socket's accept loop, the lifecycle and the builder; the rest is split by responsibility, as
 * MockWebServer splits server, dispatcher and response: the simulated zinit (services, watch loop, timing, log) has no
 * sockets, each generation's wire format reads and answers a connection, and the request record and the fault queue
 * are shared by every front end, {@link FakeZinitHttpServer} included.
 *
 * <p>Thread-safe: tests may change the fake while clients talk to it. {@link #close()} stops everything and deletes the
 * socket and any directory the fake created.
 */
public final class FakeZinitServer implements AutoCloseable {
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
    private JsonRpcDispatcher rpc;
    private WireProtocol protocol;
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

    /** {@return a builder: legacy protocol, a fresh temporary config directory and socket} */
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
            rpc = new JsonRpcDispatcher(supervisor, logs, recorder, faults, this::running);
            protocol = generation == Generation.LEGACY
                    ? new LegacyLineProtocol(supervisor, logs, recorder, faults)
                    : new JsonRpcSocketProtocol(rpc, logs, workers);
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

    /** {@return the socket path clients connect to} */
    public Path socket() {
        return socket;
    }

    /** {@return the config directory {@code monitor} reads {@code <name>.yaml} from} */
    public Path configDir() {
        return configDir;
    }

    /** {@return the protocol generation this fake speaks} */
    public Generation generation() {
        return generation;
    }

    /** {@return every request received so far (since {@link #clearRequests()}), in order of arrival, taken or not} */
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
     * {@return the last request received}
     *
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
     * {@return its state text as the fake would report it, or empty when it is not monitored}
     *
     * @param name a service
     */
    public Optional<String> state(String name) {
        return supervisor.state(name);
    }

    /** {@return the names of the monitored services, sorted} */
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

    /** {@return the lines in the log buffer} */
    public List<String> logLines() {
        return logs.lines();
    }

    /** {@return whether a client asked for shutdown or reboot} */
    public boolean shutdownRequested() {
        return supervisor.shutdownRequested();
    }

    /** {@return whether the last shutdown was a reboot} */
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
            SocketConnection.closeQuietly(s);
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

    /** {@return the JSON-RPC methods, for another front end; only once started} */
    JsonRpcDispatcher rpc() {
        synchronized (lock) {
            if (rpc == null || closed) {
                throw new IllegalStateException("the fake zinit is not running");
            }
            return rpc;
        }
    }

    /** {@return whether the fake still serves (started and not closed)} */
    boolean running() {
        return running;
    }

    /** {@return a number for a new connection of another front end, from the same sequence as the socket's} */
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
            SocketConnection connection = new SocketConnection(s, connections.incrementAndGet(), idleTimeout,
                    this::running);
            try {
                workers.execute(() -> {
                    try {
                        s.setSoTimeout((int) idleTimeout.toMillis());
                        protocol.serve(connection);
                    } catch (IOException | RuntimeException e) {
                        // the client went away or broke the connection: nothing to answer
                    } finally {
                        open.remove(s);
                        SocketConnection.closeQuietly(s);
                    }
                });
            } catch (RejectedExecutionException e) {
                SocketConnection.closeQuietly(s);
            }
        }
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
         * Chooses the protocol generation the fake speaks: the legacy line protocol or JSON-RPC.
         *
         * @param generation the protocol to speak (default {@link Generation#LEGACY})
         * @return this builder
         */
        public Builder generation(Generation generation) {
            this.generation = Objects.requireNonNull(generation, "generation");
            return this;
        }

        /**
         * Sets the directory that {@code monitor} reads {@code <name>.yaml} service files from.
         *
         * @param configDir where {@code monitor} reads service files (default: a fresh temporary directory)
         * @return this builder
         */
        public Builder configDir(Path configDir) {
            this.configDir = Objects.requireNonNull(configDir, "configDir");
            return this;
        }

        /**
         * Sets the Unix socket path the fake listens on.
         *
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
         * Sets how long a oneshot without a scripted {@link Behavior} runs before it succeeds.
         *
         * @param time how long an unscripted oneshot runs before it succeeds (default 50 ms)
         * @return this builder
         */
        public Builder oneshotTime(Duration time) {
            this.oneshotTime = nonNegative(time, "oneshotTime");
            return this;
        }

        /**
         * Sets how long a simulated process takes to die of a signal it does not ignore.
         *
         * @param time how long a process takes to die of a signal (default 10 ms)
         * @return this builder
         */
        public Builder stopTime(Duration time) {
            this.stopTime = nonNegative(time, "stopTime");
            return this;
        }

        /**
         * Sets zinit's pause between the end of a process and its restart.
         *
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
         * Sets how long the fake waits before it runs a failed {@code test} command again.
         *
         * @param delay how long zinit waits before it runs a failed {@code test} command again (default 2 s, as
         *              zinit 0.2.14)
         * @return this builder
         */
        public Builder testRetryDelay(Duration delay) {
            this.testRetryDelay = nonNegative(delay, "testRetryDelay");
            return this;
        }

        /**
         * Sets how long a JSON-RPC {@code service_stop} takes to answer while the process lives.
         *
         * @param delay how long a JSON-RPC {@code service_stop} of a live process waits before it SIGKILLs what is
         *              left and answers (default 500 ms, as zinit 0.2.28); zero answers at once, without SIGKILL
         * @return this builder
         */
        public Builder stopAnswerDelay(Duration delay) {
            this.stopAnswerDelay = nonNegative(delay, "stopAnswerDelay");
            return this;
        }

        /**
         * Sets how long a {@code service_stats} call takes to answer.
         *
         * @param delay how long {@code service_stats} samples before it answers (default 500 ms, as zinit 0.2.28)
         * @return this builder
         */
        public Builder statsDelay(Duration delay) {
            this.statsDelay = nonNegative(delay, "statsDelay");
            return this;
        }

        /**
         * Sets how long the fake keeps a connection on which nothing arrives.
         *
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
         * Sets the first process id the fake hands out; later processes count up from it.
         *
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
         * Sets the size of the fake's log ring buffer; older lines are dropped beyond it.
         *
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

        /** {@return a new, not yet started server} */
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
