package io.zinit4j.testkit;

import io.zinit4j.error.ZinitException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real zinit started from a local binary as an ordinary (non-PID-1) supervisor, for tests:
 * {@code zinit -s <tmp>/zinit.sock init -c <tmp>/etc --container} in a fresh temporary directory.
 *
 * <pre>{@code
 * try (ZinitProcess zinit = ZinitProcess.start(Path.of("/usr/local/bin/zinit"));
 *      ZinitClient client = ZinitClient.builder().socket(zinit.socket()).configDir(zinit.configDir()).build()) {
 *     client.addService("web", ServiceConfig.builder().exec("sleep 1000").build());
 *     client.monitor("web");
 * }
 * }</pre>
 *
 * <p>{@code --container} matters: without it zinit's {@code shutdown} and {@code reboot} end in the reboot system
 * call. {@link #close()} sends zinit SIGTERM, on which zinit in container mode is expected to stop its services and
 * exit (not verified here against every release); after a grace period it kills zinit, and in any case it kills every
 * service process zinit left behind (found as zinit's descendants before the SIGTERM).
 *
 * <p><b>Config directory.</b> zinit up to 0.2.14 reads its service files from {@code -c}, here {@code <tmp>/etc}.
 * zinit 0.2.15 and later ignore {@code -c} and always read {@code /etc/zinit} (it then also monitors whatever files
 * are already there, and needs permission to create files there). For those releases {@link #configDir()} returns
 * {@code /etc/zinit}, the directory the server really reads; create service files through the server instead of
 * writing them yourself ({@code ZinitClient.addService} does that on JSON-RPC servers).
 *
 * <p>Thread-safe: every accessor may be called from any thread; {@link #close()} is idempotent.
 */
public final class ZinitProcess implements AutoCloseable {
    /** The environment variable naming the zinit binary for {@link #start()}. */
    public static final String BINARY_ENV = "ZINIT_BIN";
    /** How long {@link #start(Path)} waits for the socket. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);
    /** How long {@link #close()} waits after SIGTERM before killing zinit. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    /** The directory zinit 0.2.15 and later read whatever {@code -c} says. */
    public static final Path ETC_ZINIT = Path.of("/etc/zinit");

    private static final Logger LOG = LoggerFactory.getLogger(ZinitProcess.class);
    private static final int OUTPUT_LINES = 2000;
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(5);

    private final Path binary;
    private final Path workDir;
    private final Path socket;
    private final Path configDir;
    private final String version;
    private final Process process;
    private final Deque<String> output = new ArrayDeque<>();
    private final Thread reader;
    private boolean closed;

    private ZinitProcess(Path binary, Path workDir, Path socket, Path configDir, String version, Process process) {
        this.binary = binary;
        this.workDir = workDir;
        this.socket = socket;
        this.configDir = configDir;
        this.version = version;
        this.process = process;
        this.reader = new Thread(this::drainOutput, "zinit-output-" + process.pid());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * {@return the binary named by {@value #BINARY_ENV}, when it is set and names an executable file}
     */
    public static Optional<Path> binaryFromEnvironment() {
        return binaryFrom(System.getenv());
    }

    static Optional<Path> binaryFrom(Map<String, String> env) {
        String value = env.get(BINARY_ENV);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(value.strip());
        return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Starts the binary named by {@value #BINARY_ENV}.
     *
     * @return the running zinit; close it when done
     * @throws ZinitException when {@value #BINARY_ENV} is unset or not an executable file, or zinit does not come up
     */
    public static ZinitProcess start() {
        String value = System.getenv(BINARY_ENV);
        return start(binaryFromEnvironment().orElseThrow(() -> new ZinitException(value == null || value.isBlank()
                ? BINARY_ENV + " is not set: it should name a zinit binary"
                : BINARY_ENV + "=" + value + " is not an executable file")));
    }

    /**
     * {@return the running zinit; close it when done}
     *
     * @param binary a zinit binary
     * @throws ZinitException when zinit does not come up within {@link #DEFAULT_START_TIMEOUT}
     */
    public static ZinitProcess start(Path binary) {
        return start(binary, DEFAULT_START_TIMEOUT);
    }

    /**
     * {@return the running zinit; close it when done}
     *
     * @param binary       a zinit binary
     * @param startTimeout how long to wait for its socket
     * @throws ZinitException when the binary cannot be run or zinit does not create its socket in time (the message
     *                        carries zinit's output)
     */
    public static ZinitProcess start(Path binary, Duration startTimeout) {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new ZinitException("not an executable zinit binary: " + binary);
        }
        String version = askVersion(binary).orElse(null);
        Path workDir;
        Path etc;
        try {
            workDir = Files.createTempDirectory("zinit4j-");
            etc = Files.createDirectories(workDir.resolve("etc"));
        } catch (IOException e) {
            throw new ZinitException("cannot create a temporary directory for zinit", e);
        }
        Path socket = workDir.resolve("zinit.sock");
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-s", socket.toString(), "init", "-c", etc.toString(),
                "--container")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            RealZinitSupport.deleteTreeQuietly(workDir);
            throw new ZinitException("cannot start " + binary, e);
        }
        closeQuietly(process);
        Path configDir = version != null && RealZinitSupport.readsOnlyEtcZinit(version) ? ETC_ZINIT : etc;
        ZinitProcess zinit = new ZinitProcess(binary, workDir, socket, configDir, version, process);
        try {
            RealZinitSupport.awaitSocket(socket, startTimeout, process::isAlive,
                    () -> "; zinit said:\n" + zinit.output());
        } catch (RuntimeException e) {
            zinit.close();
            throw e;
        }
        LOG.debug("zinit {} (pid {}) listens on {}", version == null ? "(version unknown)" : version, process.pid(),
                socket);
        return zinit;
    }

    /** zinit reads nothing from standard input; closing it keeps a stray read from blocking. */
    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // nothing to release then
        }
    }

    /** Runs {@code zinit -V}; a binary that cannot tell gives nothing rather than failing the start. */
    private static Optional<String> askVersion(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "-V").redirectErrorStream(true).start();
            p.getOutputStream().close();
            // wait first: a read could block forever on a binary that hangs; one short line fits in the pipe
            if (!p.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            byte[] out;
            try (var in = p.getInputStream()) {
                out = in.readNBytes(4096);
            }
            return RealZinitSupport.parseVersion(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@return the socket zinit listens on ({@code <tmp>/zinit.sock})} */
    public Path socket() {
        return socket;
    }

    /**
     * {@return the directory zinit reads service files from: {@code <tmp>/etc} for zinit up to 0.2.14 (and when the
     * version is unknown), {@link #ETC_ZINIT} for 0.2.15 and later, which ignore {@code -c}}
     */
    public Path configDir() {
        return configDir;
    }

    /** {@return the temporary directory zinit runs in; deleted by {@link #close()}} */
    public Path workDir() {
        return workDir;
    }

    /** {@return the binary that runs} */
    public Path binary() {
        return binary;
    }

    /** {@return the version {@code zinit -V} reported ({@code major.minor.patch}), if it reported one} */
    public Optional<String> zinitVersion() {
        return Optional.ofNullable(version);
    }

    /** {@return zinit's process id} */
    public long pid() {
        return process.pid();
    }

    /** {@return whether zinit still runs} */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * {@return the last lines zinit wrote to its standard output and error (its own log, and services with log:
     * stdout)}
     */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /**
     * Stops zinit and its services (SIGTERM, then after {@link #DEFAULT_STOP_TIMEOUT} SIGKILL to zinit and to every
     * service it left) and deletes the temporary directory. Idempotent.
     */
    @Override
    public void close() {
        stop(DEFAULT_STOP_TIMEOUT);
    }

    /**
     * As {@link #close()}, with a chosen grace period.
     *
     * @param timeout how long zinit may take to stop its services after SIGTERM
     */
    public void stop(Duration timeout) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // Taken before SIGTERM: once zinit is gone its services are re-parented and no longer its descendants.
        List<ProcessHandle> services = new ArrayList<>(process.descendants().toList());
        process.destroy(); // SIGTERM on Unix
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("zinit (pid {}) did not stop within {} of SIGTERM; killing it", process.pid(), timeout);
                process.destroyForcibly();
                process.waitFor(DEFAULT_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle service : services) {
            if (service.isAlive()) {
                LOG.debug("killing service process {} that zinit left behind", service.pid());
                service.destroyForcibly();
            }
        }
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!RealZinitSupport.deleteTreeQuietly(workDir)) {
            LOG.debug("could not delete all of {}", workDir);
        }
    }

    private void drainOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    if (output.size() == OUTPUT_LINES) {
                        output.removeFirst();
                    }
                    output.addLast(line);
                }
            }
        } catch (IOException e) {
            // the stream closes when zinit ends; nothing left to capture
        }
    }

    @Override
    public String toString() {
        return "ZinitProcess[" + binary + " " + (version == null ? "" : version + " ") + "pid " + process.pid()
                + ", socket " + socket + "]";
    }
}
