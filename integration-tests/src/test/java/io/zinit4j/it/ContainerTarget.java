package io.zinit4j.it;

import static org.junit.jupiter.api.Assumptions.abort;

import io.zinit4j.testkit.ZinitContainer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * zinit in Docker, built from this repository's {@code docker/} directory. The version comes from the system property
 * or environment variable {@code ZINIT_VERSION} (default {@link ZinitContainer#DEFAULT_VERSION}; 0.2.14 for the legacy
 * protocol).
 */
final class ContainerTarget implements ZinitTarget {
    static final String VERSION_KEY = "ZINIT_VERSION";

    private final ZinitContainer container;

    private ContainerTarget(ZinitContainer container) {
        this.container = container;
    }

    /** @return the started target, or aborts the calling test class with the reason */
    static ContainerTarget open() {
        if (!ZinitContainer.isDockerAvailable()) {
            abort("container zinit skipped: no Docker engine answers");
        }
        String version = System.getProperty(VERSION_KEY, System.getenv().getOrDefault(VERSION_KEY,
                ZinitContainer.DEFAULT_VERSION));
        Path dockerDir = dockerDirectory();
        ZinitContainer container = dockerDir == null
                ? new ZinitContainer(version)
                : ZinitContainer.fromDockerDirectory(dockerDir, version);
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
        return new ContainerTarget(container);
    }

    /** Surefire runs in the module directory; the build context is the repository's docker/. */
    private static Path dockerDirectory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docker");
            if (Files.isRegularFile(candidate.resolve("Dockerfile"))) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String name() {
        return "container zinit " + container.zinitVersion();
    }

    @Override
    public Path socket() {
        return container.socket();
    }

    @Override
    public Path configDir() {
        return container.configDir();
    }

    @Override
    public void close() {
        container.stop();
    }
}
