package io.zinit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Guards the start-up of {@code zinitctl list}: run as the jar runs it (from {@link Main}), it must load no picocli
 * class, since picocli's class files stay out of the class-data archive and each one costs a read and parse from the
 * jar on every run. A class-load log is the only place this shows; the test reads it from a JVM of its own.
 */
class ListLoadsNoPicocliTest {
    @Test
    void listThroughMainLoadsNoPicocliClass() throws Exception {
        List<String> entries = new ArrayList<>();
        // surefire may put the modules on the module path; the child takes them all on its class path, as the jar does
        for (String p : List.of("jdk.module.path", "java.class.path")) {
            String v = System.getProperty(p);
            if (v != null && !v.isEmpty()) {
                entries.add(v);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xshare:auto", "-Xlog:class+load=info:stdout",
                "-cp", String.join(File.pathSeparator, entries), Main.class.getName(),
                "-s", "/nowhere/zinit.sock", "--protocol", "legacy", "--timeout", "2s", "list")
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        // a failed list too: a status bar asking while zinit is down pays the same start-up
        assertEquals(ExitCodes.CANNOT_CONNECT, p.exitValue(), log);
        assertTrue(log.contains("io.zinit4j.cli.FastPath "), "no class-load log: " + log);
        List<String> picocli = log.lines().filter(l -> l.contains(" picocli.")).toList();
        assertEquals(List.of(), picocli, "list loaded picocli classes");
    }
}
