package io.zinit4j.client.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ZinitSupervisionTest {
    @TempDir
    Path proc;

    /** Writes a fake /proc/<pid> with a stat line (ppid, pgrp) and a comm. */
    private void process(long pid, String comm, long ppid, long pgrp) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") S " + ppid + " " + pgrp + " " + pgrp
                + " 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 100 1000 10\n");
        Files.writeString(dir.resolve("comm"), comm + "\n");
    }

    @Test
    void aDirectChildOfZinitIsSupervised() throws IOException {
        process(1, "zinit", 0, 1);
        process(40, "java", 1, 40);
        assertTrue(ZinitSupervision.isSupervised(proc, 40));
    }

    @Test
    void aJvmStartedByAWrapperInTheServicesProcessGroupIsSupervised() throws IOException {
        process(1, "zinit", 0, 1);
        process(40, "sh", 1, 40);
        process(41, "java", 40, 40);
        assertTrue(ZinitSupervision.isSupervised(proc, 41));
    }

    @Test
    void aJvmStartedFromAShellIsNot() throws IOException {
        process(1, "zinit", 0, 1);
        process(30, "bash", 1, 30);
        process(50, "java", 30, 50);
        assertFalse(ZinitSupervision.isSupervised(proc, 50));
        process(51, "java", 30, 30); // in the shell's group, whose leader's parent is zinit: still the same rule
        assertTrue(ZinitSupervision.isSupervised(proc, 51));
    }

    @Test
    void anotherSupervisorOrAnOddProcTreeReadsAsNotSupervised() throws IOException {
        process(1, "systemd", 0, 1);
        process(40, "java", 1, 40);
        assertFalse(ZinitSupervision.isSupervised(proc, 40));
        assertFalse(ZinitSupervision.isSupervised(proc, 99), "no such process");
        Path odd = Files.createDirectories(proc.resolve("77"));
        Files.writeString(odd.resolve("stat"), "garbage");
        assertFalse(ZinitSupervision.isSupervised(proc, 77));
        assertFalse(ZinitSupervision.isSupervised(proc.resolve("missing"), 40));
    }

    @Test
    void aProcessNameWithSpacesAndParenthesesIsParsed() throws IOException {
        process(1, "zinit", 0, 1);
        process(40, "my (odd) app", 1, 40);
        assertTrue(ZinitSupervision.isSupervised(proc, 40));
    }

    @Test
    void theRealCheckAnswersWithoutFailing() {
        // the build may or may not run under zinit; only that the check reads the real /proc without throwing
        ZinitSupervision.isSupervised();
    }

    @Test
    void cancelUnregistersOnce() {
        ZinitSupervision.StopHook hook = ZinitSupervision.onStopSignal(() -> { });
        assertTrue(hook.cancel());
        assertFalse(hook.cancel());
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void sigtermRunsTheStopActionAndACancelledOneNot() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", childClassPath(),
                StopHookMain.class.getName())
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                lines.add(line);
            }
            assertEquals("ready", line, "the child did not start: " + lines);
            // SIGTERM, zinit's default stop signal (through the handle: Process.destroy() would close our pipe too)
            child.toHandle().destroy();
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } finally {
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        assertEquals(List.of("stopping cleanly"), lines);
        assertEquals(143, child.exitValue(), "128 + SIGTERM: what zinit then records as the exit code");
    }

    /**
     * The class path of the child JVM. Surefire runs these tests on the module path (zinit-client has a module-info),
     * with the test classes patched into the module: they are then on neither {@code java.class.path} nor
     * {@code jdk.module.path}, so their directory is found from where {@link StopHookMain} was loaded.
     */
    private static String childClassPath() throws URISyntaxException {
        var classFile = Objects.requireNonNull(StopHookMain.class.getResource("StopHookMain.class"), "own class file");
        Path root = Path.of(classFile.toURI());
        for (int i = 0; i <= StopHookMain.class.getPackageName().split("\\.").length; i++) {
            root = root.getParent();
        }
        return String.join(File.pathSeparator, root.toString(), System.getProperty("java.class.path"),
                System.getProperty("jdk.module.path", ""));
    }
}
