package io.zinit4j.testkit;

import io.zinit4j.error.ZinitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * A real zinit in a Docker container (Testcontainers), its socket and config directory bind-mounted into a temporary
 * directory on the host so that a {@code ZinitClient} on the host can talk to it.
 *
 * <pre>{@code
 * try (ZinitContainer zinit = new ZinitContainer("0.2.28")) {
 *     zinit.start();
 *     try (ZinitClient client = ZinitClient.builder().socket(zinit.socket()).configDir(zinit.configDir()).build()) {
 *         client.addService("web", ServiceConfig.builder().exec("sleep 1000").build());
 *         client.monitor("web");
 *     }
 * }
 * }</pre>
 *
 * <p>Three ways to get the image: {@link #ZinitContainer(String)} builds a small Alpine image with the official
 * release binary of that version (the same recipe as the repository's {@code docker/Dockerfile}, inlined so that the
 * test kit works outside this repository); {@link #fromDockerDirectory(Path, String)} builds a directory holding a
 * Dockerfile such as {@code docker/}; {@link #fromImage(DockerImageName)} runs any image that has {@code sh} and
 * {@code zinit} on its {@code PATH}. Whatever the image, zinit runs as
 * {@code zinit -s /run/zinit/zinit.sock init -c /etc/zinit --container} (container mode: {@code shutdown} ends
 * zinit instead of rebooting) with {@code umask 0000}, so that a non-root host user may connect to the socket.
 * {@link #start()} returns once the socket exists on the host.
 *
 * <p>Needs a Docker engine on the same Linux host (a Unix socket does not cross into Docker Desktop's VM or a remote
 * engine); {@link #isDockerAvailable()} tells whether one answers. Configure before {@link #start()}; afterwards the
 * accessors are safe from any thread.
 */
public class ZinitContainer extends GenericContainer<ZinitContainer> {
    /** The newest zinit 0.2.x release known to us (JSON-RPC). */
    public static final String DEFAULT_VERSION = "0.2.28";
    /** The last zinit release that speaks the legacy line protocol. */
    public static final String LEGACY_VERSION = "0.2.14";
    /** Where zinit's socket is inside the container. */
    public static final String CONTAINER_SOCKET = "/run/zinit/zinit.sock";
    /** zinit's config directory inside the container (the only one 0.2.15 and later read). */
    public static final String CONTAINER_CONFIG_DIR = "/etc/zinit";
    /** How long {@link #start()} waits for the socket once the container runs. */
    public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static final String RUN_DIR = "/run/zinit";
    private static final String LAUNCH = "umask 0000 && mkdir -p " + RUN_DIR + " " + CONTAINER_CONFIG_DIR
            + " && exec zinit -s " + CONTAINER_SOCKET + " init -c " + CONTAINER_CONFIG_DIR + " --container";

    private final Path hostDir;
    private final Path hostRunDir;
    private final Path hostConfigDir;
    private volatile String version;

    /** A container with zinit {@link #DEFAULT_VERSION}, built on first use. */
    public ZinitContainer() {
        this(DEFAULT_VERSION);
    }

    /**
     * A container with the official zinit release {@code version}, built on first use (Docker caches the image).
     *
     * @param version a zinit release such as {@code 0.2.28} or {@code 0.2.14}
     */
    public ZinitContainer(String version) {
        this(inlineImage(checkVersion(version)), version, true);
    }

    private ZinitContainer(ImageFromDockerfile image, String version, boolean launchOverride) {
        super(image);
        this.version = version;
        this.hostDir = createHostDir();
        this.hostRunDir = hostDir.resolve("run");
        this.hostConfigDir = hostDir.resolve("etc");
        setUp(launchOverride);
    }

    private ZinitContainer(DockerImageName image) {
        super(image);
        this.version = null;
        this.hostDir = createHostDir();
        this.hostRunDir = hostDir.resolve("run");
        this.hostConfigDir = hostDir.resolve("etc");
        setUp(true);
    }

    /**
     * Builds the image from a directory with a Dockerfile that takes {@code ARG ZINIT_VERSION}, such as this
     * repository's {@code docker/}. Its entrypoint is replaced by the launch line described above.
     *
     * @param dockerDirectory the build context
     * @param version         the zinit release, passed as the build argument {@code ZINIT_VERSION}
     * @return a container, not yet started
     */
    public static ZinitContainer fromDockerDirectory(Path dockerDirectory, String version) {
        Objects.requireNonNull(dockerDirectory, "dockerDirectory");
        if (!Files.isRegularFile(dockerDirectory.resolve("Dockerfile"))) {
            throw new ZinitException("no Dockerfile in " + dockerDirectory.toAbsolutePath());
        }
        ImageFromDockerfile image = new ImageFromDockerfile("zinit4j/zinit-test:" + checkVersion(version), false)
                .withFileFromPath(".", dockerDirectory)
                .withBuildArg("ZINIT_VERSION", version);
        return new ZinitContainer(image, version, true);
    }

    /**
     * Runs an existing image. It needs {@code sh} and {@code zinit} on its {@code PATH}; its own entrypoint is
     * replaced by the launch line described above. The zinit version is asked ({@code zinit -V}) once it runs.
     *
     * @param image the image
     * @return a container, not yet started
     */
    public static ZinitContainer fromImage(DockerImageName image) {
        return new ZinitContainer(Objects.requireNonNull(image, "image"));
    }

    /**
     * Whether a Docker engine answers. Never throws: a missing engine, missing permissions, or a class path without
     * Testcontainers' dependencies all give {@code false}.
     *
     * @return whether containers can be started here
     */
    public static boolean isDockerAvailable() {
        try {
            // Testcontainers logs a page of errors when it finds no engine; skip it when no engine can be configured
            return engineConfigured(System.getenv(), Path.of(System.getProperty("user.home", "/")))
                    && DockerClientFactory.instance().isDockerAvailable();
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /** Whether any of the places Testcontainers looks for an engine is set or exists. */
    private static boolean engineConfigured(java.util.Map<String, String> env, Path home) {
        if (env.containsKey("DOCKER_HOST") || env.containsKey("TESTCONTAINERS_HOST_OVERRIDE")
                || Files.exists(home.resolve(".testcontainers.properties"))) {
            return true;
        }
        String runtime = env.get("XDG_RUNTIME_DIR");
        return Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(home.resolve(".docker/run/docker.sock"))
                || Files.exists(home.resolve(".docker/desktop/docker.sock"))
                || (runtime != null && (Files.exists(Path.of(runtime, "docker.sock"))
                        || Files.exists(Path.of(runtime, "podman/podman.sock"))));
    }

    private static String checkVersion(String version) {
        Objects.requireNonNull(version, "version");
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("a zinit version is major.minor.patch, e.g. 0.2.28: " + version);
        }
        return version;
    }

    /** The recipe of docker/Dockerfile, inlined so that users of the test kit need no build context of their own. */
    private static ImageFromDockerfile inlineImage(String version) {
        return new ImageFromDockerfile("zinit4j/zinit-inline:" + version, false)
                .withFileFromString("Dockerfile", inlineDockerfile(version));
    }

    /** {@return the inline Dockerfile; its download recipe must stay the same as docker/Dockerfile's} */
    static String inlineDockerfile(String version) {
        // the binary for the platform built on: recent releases ship zinit-linux-x86_64 and zinit-linux-aarch64,
        // releases up to 0.2.14 only an x86_64 "zinit"
        return String.join("\n",
                "FROM alpine:3.20",
                "ARG ZINIT_VERSION=" + version,
                "ARG TARGETARCH=\"\"",
                "RUN set -eu; "
                        + "case \"${TARGETARCH:-$(uname -m)}\" in amd64|x86_64) arch=x86_64 ;; "
                        + "arm64|aarch64) arch=aarch64 ;; "
                        + "*) echo \"zinit publishes no Linux binary for ${TARGETARCH:-$(uname -m)}\" >&2; exit 1 ;; "
                        + "esac; "
                        + "base=\"https://github.com/threefoldtech/zinit/releases/download/v${ZINIT_VERSION}\"; "
                        + "if ! wget -q -O /sbin/zinit \"${base}/zinit-linux-${arch}\"; then "
                        + "if [ \"${arch}\" != x86_64 ]; then "
                        + "echo \"zinit v${ZINIT_VERSION} ships no zinit-linux-${arch}; build with --platform "
                        + "linux/amd64\" >&2; exit 1; fi; "
                        + "wget -q -O /sbin/zinit \"${base}/zinit\"; fi; "
                        + "chmod 0755 /sbin/zinit; mkdir -p " + RUN_DIR + " " + CONTAINER_CONFIG_DIR
                        + "; /sbin/zinit --help > /dev/null",
                "LABEL io.zinit4j.zinit-version=" + version,
                "");
    }

    private static Path createHostDir() {
        try {
            Path dir = Files.createTempDirectory("zinit4j-ctr-");
            for (Path p : new Path[] {dir, Files.createDirectory(dir.resolve("run")),
                    Files.createDirectory(dir.resolve("etc"))}) {
                // the container's zinit may run as another user than the host's; both sides must write here
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            return dir;
        } catch (IOException | UnsupportedOperationException e) {
            throw new ZinitException("cannot prepare a host directory for the zinit container", e);
        }
    }

    private void setUp(boolean launchOverride) {
        withFileSystemBind(hostRunDir.toString(), RUN_DIR, BindMode.READ_WRITE);
        withFileSystemBind(hostConfigDir.toString(), CONTAINER_CONFIG_DIR, BindMode.READ_WRITE);
        if (launchOverride) {
            withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("/bin/sh", "-c", LAUNCH).withCmd(new String[0]));
        }
        waitingFor(new SocketWait(hostRunDir.resolve("zinit.sock")).withStartupTimeout(DEFAULT_STARTUP_TIMEOUT));
    }

    /** {@return the socket on the host ({@code <tmp>/run/zinit.sock}); it exists once {@link #start()} returned} */
    public Path socket() {
        return hostRunDir.resolve("zinit.sock");
    }

    /** {@return the host directory bind-mounted at {@link #CONTAINER_CONFIG_DIR}, where zinit reads service files} */
    public Path configDir() {
        return hostConfigDir;
    }

    /** {@return the temporary host directory holding {@code run/} and {@code etc/}; deleted by {@link #stop()}} */
    public Path hostDirectory() {
        return hostDir;
    }

    /**
     * {@return the zinit version: the one built, or for {@link #fromImage} what {@code zinit -V} answers in the running
     * container ({@code "unknown"} when it cannot tell)}
     */
    public String zinitVersion() {
        String v = version;
        if (v == null && isRunning()) {
            v = askVersion().orElse("unknown");
            version = v;
        }
        return v == null ? "unknown" : v;
    }

    private Optional<String> askVersion() {
        try {
            Container.ExecResult r = execInContainer("/bin/sh", "-c", "zinit -V 2>&1");
            return RealZinitSupport.parseVersion(r.getStdout());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Stops and removes the container (Testcontainers kills it; zinit's services die with it) and deletes the host
     * directory.
     */
    @Override
    public void stop() {
        try {
            super.stop();
        } finally {
            RealZinitSupport.deleteTreeQuietly(hostDir);
        }
    }

    /** Ready once zinit's socket appears on the host side of the bind mount. */
    private static final class SocketWait extends AbstractWaitStrategy {
        private final Path socket;

        SocketWait(Path socket) {
            this.socket = socket;
        }

        @Override
        protected void waitUntilReady() {
            RealZinitSupport.awaitSocket(socket, startupTimeout, waitStrategyTarget::isRunning,
                    () -> "; container log:\n" + waitStrategyTarget.getLogs());
        }
    }
}
