package io.zinit4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.ZinitException;
import io.zinit4j.testkit.ZinitContainer;
import io.zinit4j.testkit.ZinitProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ZinitProcess}'s own mechanics (arguments, socket wait, version, config dir, stop and clean-up), driven with
 * a shell script that behaves like zinit's process: no real zinit is needed. The script creates a plain file where
 * zinit would create its socket; that is all {@code ZinitProcess} waits for.
 */
class ZinitProcessTest {

    @TempDir
    Path tmp;

    /** A stand-in for zinit: answers -V, records its arguments, creates the "socket", runs one "service". */
    private Path fakeZinit(String version, String onTerm) throws IOException {
        String script = String.join("\n",
                "#!/bin/sh",
                "if [ \"$1\" = \"-V\" ]; then echo 'zinit v" + version + "'; exit 0; fi",
                "echo \"args: $*\"",
                "sock=''",
                "while [ $# -gt 0 ]; do case \"$1\" in -s) sock=\"$2\"; shift 2;; *) shift;; esac; done",
                "trap '" + onTerm + "' TERM",
                "sleep 1000 &",
                "echo \"service pid $!\"",
                ": > \"$sock\"",
                "while true; do wait; done",
                "");
        Path p = tmp.resolve("zinit-" + version);
        Files.writeString(p, script);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void startsInContainerModeWithItsOwnSocketAndConfigDir() throws IOException {
        Path bin = fakeZinit("0.2.14", "echo stopping; exit 0");
        Path workDir;
        List<ProcessHandle> services;
        try (ZinitProcess zinit = ZinitProcess.start(bin)) {
            workDir = zinit.workDir();
            assertTrue(zinit.isAlive());
            assertTrue(Files.exists(zinit.socket()));
            assertEquals(workDir.resolve("zinit.sock"), zinit.socket());
            assertEquals(workDir.resolve("etc"), zinit.configDir(), "0.2.14 honours -c");
            assertTrue(Files.isDirectory(zinit.configDir()));
            assertEquals(Optional.of("0.2.14"), zinit.zinitVersion());
            services = ProcessHandle.of(zinit.pid()).orElseThrow().descendants().toList();
            assertFalse(services.isEmpty(), "the fake runs one service");
            awaitOutput(zinit, "service pid");
            assertTrue(zinit.output().contains("args: -s " + zinit.socket() + " init -c " + zinit.configDir()
                    + " --container"), zinit::output);
        }
        assertFalse(Files.exists(workDir), "the temporary directory is removed");
        for (ProcessHandle s : services) {
            assertTrue(awaitGone(s), "a service zinit left behind is killed: " + s.pid());
        }
    }

    @Test
    void rpcGenerationReadsEtcZinitWhateverMinusCSays() throws IOException {
        try (ZinitProcess zinit = ZinitProcess.start(fakeZinit("0.2.28", "exit 0"))) {
            assertEquals(Optional.of("0.2.28"), zinit.zinitVersion());
            assertEquals(ZinitProcess.ETC_ZINIT, zinit.configDir());
        }
    }

    @Test
    void aZinitThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws IOException {
        ZinitProcess zinit = ZinitProcess.start(fakeZinit("0.2.14", ""));
        ProcessHandle handle = ProcessHandle.of(zinit.pid()).orElseThrow();
        zinit.stop(Duration.ofMillis(100));
        assertTrue(awaitGone(handle));
        assertFalse(zinit.isAlive());
        zinit.close(); // idempotent
    }

    @Test
    void aZinitThatDiesAtOnceFailsTheStartWithItsOutput() throws IOException {
        Path bin = tmp.resolve("dying");
        Files.writeString(bin, "#!/bin/sh\n[ \"$1\" = \"-V\" ] && exit 1\necho 'failed to bind socket: boom'\nexit 1\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        ZinitException e = assertThrows(ZinitException.class, () -> ZinitProcess.start(bin));
        assertTrue(e.getMessage().contains("ended before creating its socket"), e::getMessage);
    }

    @Test
    void aPathThatIsNotAnExecutableIsRefused() {
        ZinitException e = assertThrows(ZinitException.class,
                () -> ZinitProcess.start(tmp.resolve("no-such-zinit")));
        assertTrue(e.getMessage().contains("no-such-zinit"), e::getMessage);
    }

    @Test
    void targetsSkipWithOneReasonWhenUnavailable() {
        var skipped = assertThrows(org.opentest4j.TestAbortedException.class,
                () -> ExternalServerTarget.open(java.util.Map.of()));
        assertTrue(skipped.getMessage().contains("ZINIT_SOCKET is not set"), skipped::getMessage);
        skipped = assertThrows(org.opentest4j.TestAbortedException.class,
                () -> LocalBinaryTarget.binary(java.util.Map.of("ZINIT_BIN", tmp.resolve("nope").toString())));
        assertTrue(skipped.getMessage().contains("is not an executable file"), skipped::getMessage);
    }

    @Test
    void containerChecksItsArgumentsBeforeTouchingDocker() {
        assertThrows(IllegalArgumentException.class, () -> new ZinitContainer("latest"));
        ZinitException e = assertThrows(ZinitException.class,
                () -> ZinitContainer.fromDockerDirectory(tmp, ZinitContainer.DEFAULT_VERSION));
        assertTrue(e.getMessage().contains("no Dockerfile"), e::getMessage);
    }

    private static void awaitOutput(ZinitProcess zinit, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!zinit.output().contains(text) && System.nanoTime() - deadline < 0) {
            sleep();
        }
    }

    private static boolean awaitGone(ProcessHandle p) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (p.isAlive() && System.nanoTime() - deadline < 0) {
            sleep();
        }
        return !p.isAlive();
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
