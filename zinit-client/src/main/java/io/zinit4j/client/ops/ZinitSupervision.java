package io.zinit4j.client.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Help for a Java program that runs as a zinit service: whether it does ({@link #isSupervised()}, best effort), and a
 * clean stop when zinit asks for one ({@link #onStopSignal}).
 *
 * <p><b>What zinit gives a service.</b> Read from zinit's source: zinit runs the {@code exec} line itself (split
 * shell-style, no shell in between), so the program is a direct child of the zinit process; recent releases start it
 * in a process group of its own and send signals to that whole group. Its environment is zinit's own plus {@code
 * /etc/environment} plus the file's {@code env}: zinit sets no variable of its own, so the environment cannot tell.
 *
 * <p>Stateless and thread-safe.
 */
public final class ZinitSupervision {
    private static final String ZINIT = "zinit";

    private ZinitSupervision() {
    }

    /**
     * Whether this JVM looks like a zinit service, from Linux's {@code /proc}. Checked, in order:
     * <ol>
     *   <li>the parent process's name ({@code /proc/<ppid>/comm}) is {@code zinit}: the JVM is the service's process
     *       ({@code exec: java ...});</li>
     *   <li>otherwise, the JVM is not the leader of its process group, and the leader's parent is named {@code zinit}:
     *       the JVM was started by a wrapper the service runs ({@code exec: sh -c "java ..."}), in the process group
     *       recent zinit releases give each service.</li>
     * </ol>
     * Nothing else is checked. A zinit binary renamed, a JVM that left its service's process group, or a wrapper on a
     * zinit release that does not give services their own group all read as not supervised; a process merely named
     * {@code zinit} reads as zinit. Without {@code /proc} (not Linux) the answer is false.
     *
     * @return whether zinit appears to supervise this JVM
     */
    public static boolean isSupervised() {
        return isSupervised(Path.of("/proc"), ProcessHandle.current().pid());
    }

    /** The check of {@link #isSupervised()} on a given {@code /proc} tree and process, for tests. */
    static boolean isSupervised(Path proc, long pid) {
        try {
            long[] self = parentAndGroup(proc, pid);
            if (ZINIT.equals(comm(proc, self[0]))) {
                return true;
            }
            long leader = self[1];
            if (leader == pid || leader <= 0) {
                return false;
            }
            long leaderParent = parentAndGroup(proc, leader)[0];
            return ZINIT.equals(comm(proc, leaderParent));
        } catch (IOException | RuntimeException e) {
            // best effort by contract: an unreadable or odd /proc means "cannot tell", reported as not supervised
            return false;
        }
    }

    /** {@return the parent pid and the process group of a process, from {@code /proc/<pid>/stat}} */
    private static long[] parentAndGroup(Path proc, long pid) throws IOException {
        String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
        // The name in parentheses may hold spaces and parentheses itself, so the fields start after the last ')'.
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            throw new IOException("unexpected stat line for " + pid);
        }
        String[] fields = stat.substring(end + 1).trim().split("\\s+");
        // fields[0] is the state, then ppid, then pgrp
        if (fields.length < 3) {
            throw new IOException("unexpected stat line for " + pid);
        }
        return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])};
    }

    private static String comm(Path proc, long pid) throws IOException {
        if (pid <= 0) {
            return "";
        }
        return Files.readString(proc.resolve(Long.toString(pid)).resolve("comm"), StandardCharsets.UTF_8).strip();
    }

    /**
     * Runs {@code action} when zinit stops this service, as a JVM shutdown hook: zinit's default stop signal, SIGTERM,
     * makes the JVM run its shutdown hooks and exit (with status 143, which zinit then shows as an exit rather than a
     * death by signal). The hook also runs on a normal exit, SIGINT and SIGHUP; it cannot run on SIGKILL, nor when the
     * service's {@code signal.stop} names a signal the JVM does not turn into a shutdown (such as SIGUSR1).
     *
     * <p>Keep the action short, well under the service's {@code shutdown_timeout} (10 s by default): at zinit's own
     * shutdown zinit sends SIGKILL when that time is up, and zinit4j's {@code stopWait} and {@code destroy} send
     * SIGKILL when their timeout runs out. A plain {@code zinit stop} never sends SIGKILL by itself.
     *
     * @param action what to do before the JVM exits, e.g. close servers and flush data
     * @return a registration that can be cancelled
     */
    public static StopHook onStopSignal(Runnable action) {
        Objects.requireNonNull(action, "action");
        Thread hook = new Thread(action, "zinit-stop-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        return new StopHook(hook);
    }

    /** A registered stop action. Thread-safe. */
    public static final class StopHook {
        private final Thread hook;
        private final AtomicBoolean active = new AtomicBoolean(true);

        private StopHook(Thread hook) {
            this.hook = hook;
        }

        /**
         * Unregisters the action.
         *
         * @return true when it was registered and now is not; false when already cancelled or when the JVM is already
         *         shutting down (the action then runs or ran)
         */
        public boolean cancel() {
            if (!active.compareAndSet(true, false)) {
                return false;
            }
            try {
                return Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                return false;
            }
        }
    }
}
