package io.zinit4j.testkit;

import io.zinit4j.error.ZinitException;
import io.zinit4j.error.ZinitTimeoutException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link ZinitProcess} and {@link ZinitContainer} share: version text parsing, waiting for the socket, removing
 * temporary directories. Stateless and thread-safe.
 */
final class RealZinitSupport {
    /** The first release that speaks JSON-RPC, ignores {@code -c} and reads only {@code /etc/zinit}. */
    static final int[] FIRST_RPC_RELEASE = {0, 2, 15};

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    /** Short enough to notice the socket within a few milliseconds, long enough not to spin a shared core. */
    private static final long POLL_MILLIS = 10;

    private RealZinitSupport() {
    }

    /**
     * {@return the {@code major.minor.patch} in it, if any}
     *
     * @param text what {@code zinit -V} printed, e.g. {@code zinit v0.2.14}, or a bare version
     */
    static Optional<String> parseVersion(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /**
     * {@return whether that release ignores {@code -c} and reads {@code /etc/zinit} (0.2.15 and later); {@code false}
     * when the text is not a version}
     *
     * @param version a {@code major.minor.patch} version
     */
    static boolean readsOnlyEtcZinit(String version) {
        Optional<String> v = parseVersion(version);
        if (v.isEmpty()) {
            return false;
        }
        String[] parts = v.get().split("\\.");
        for (int i = 0; i < 3; i++) {
            int p = Integer.parseInt(parts[i]);
            if (p != FIRST_RPC_RELEASE[i]) {
                return p > FIRST_RPC_RELEASE[i];
            }
        }
        return true;
    }

    /**
     * Polls until the socket exists, the process gives up, or time runs out.
     *
     * @param socket  the socket zinit should create
     * @param timeout how long to wait
     * @param alive   whether the server may still come up (a dead process never will)
     * @param context what to add to an error message (e.g. the server's output so far)
     * @throws ZinitTimeoutException when time runs out
     * @throws ZinitException        when the server died first
     */
    static void awaitSocket(Path socket, Duration timeout, BooleanSupplier alive, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(socket)) {
            if (!alive.getAsBoolean()) {
                throw new ZinitException("zinit ended before creating its socket " + socket + context.get());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new ZinitTimeoutException("zinit did not create its socket " + socket + " within " + timeout
                        + context.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZinitException("interrupted while waiting for " + socket, e);
            }
        }
    }

    /**
     * Deletes a directory tree as far as it can: a file that cannot be deleted (e.g. one a container's root wrote)
     * is left behind rather than failing a test's clean-up.
     *
     * @param dir the tree
     * @return whether everything was deleted
     */
    static boolean deleteTreeQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return true;
        }
        boolean[] clean = {true};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    deleteOne(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    clean[0] = false;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) {
                    deleteOne(d);
                    return FileVisitResult.CONTINUE;
                }

                private void deleteOne(Path p) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        clean[0] = false;
                    }
                }
            });
        } catch (IOException e) {
            return false;
        }
        return clean[0];
    }
}
