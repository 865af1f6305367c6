package io.zinit4j.it;

import static org.junit.jupiter.api.Assumptions.abort;

import io.zinit4j.testkit.ZinitProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A zinit started from the binary named by {@code ZINIT_BIN}, through {@link ZinitProcess}. */
final class LocalBinaryTarget implements ZinitTarget {
    private final ZinitProcess process;

    private LocalBinaryTarget(ZinitProcess process) {
        this.process = process;
    }

    /** @return the started target, or aborts the calling test class with the reason */
    static LocalBinaryTarget open() {
        return new LocalBinaryTarget(ZinitProcess.start(binary(System.getenv())));
    }

    /** @return the binary to run, or aborts with the reason it cannot be run */
    static Path binary(Map<String, String> env) {
        String value = env.get(ZinitProcess.BINARY_ENV);
        if (value == null || value.isBlank()) {
            abort("local zinit skipped: " + ZinitProcess.BINARY_ENV + " is not set (set it to a zinit binary)");
        }
        Path p = Path.of(value.strip());
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            abort("local zinit skipped: " + ZinitProcess.BINARY_ENV + "=" + value + " is not an executable file");
        }
        return p;
    }

    @Override
    public boolean disposable() {
        return true;
    }

    @Override
    public ZinitTarget another() {
        return new LocalBinaryTarget(ZinitProcess.start(process.binary()));
    }

    @Override
    public String name() {
        return "local zinit " + process.zinitVersion().orElse("(version unknown)") + " from " + process.binary();
    }

    @Override
    public Path socket() {
        return process.socket();
    }

    @Override
    public Path configDir() {
        return process.configDir();
    }

    /** @return what zinit printed, for a failing test's report */
    String output() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}
