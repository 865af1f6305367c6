package io.zinit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Generation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guards the start-up of {@code zinitctl list}: run as the jar runs it (from {@link Main}), it must load no picocli
 * class, since picocli's class files stay out of the class-data archive and each one costs a read and parse from the
 * jar on every run; and, with the protocol detected on either generation, no junixsocket class, whose JNI library and
 * native set-up cost more than the rest of the connection, and no Jackson {@code ObjectMapper}, whose first
 * instance costs tens of milliseconds of class initialisation (the answers are read with jackson-core's streaming
 * parser). A class-load log is the only place this shows; the test
 * reads it from a JVM of its own.
 */
class ListLoadsNoPicocliTest {
    @Test
    void listThroughMainLoadsNoPicocliClass() throws Exception {
        String log = listInChildJvm("-s", "/nowhere/zinit.sock", "--protocol", "legacy", "--timeout", "2s", "list");
        // a failed list too: a status bar asking while zinit is down pays the same start-up
        assertTrue(log.startsWith(ExitCodes.CANNOT_CONNECT + "\n"), log);
        assertTrue(log.contains("io.zinit4j.cli.FastPath "), "no class-load log: " + log);
        List<String> picocli = log.lines().filter(l -> l.contains(" picocli.")).toList();
        assertEquals(List.of(), picocli, "list loaded picocli classes");
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void aDetectedListLoadsNoJunixsocketClass(Generation generation) throws Exception {
        try (FakeZinitServer fake = FakeZinitServer.builder().generation(generation).build().start()) {
            fake.writeService("web", "exec: nginx\n");
            try (ZinitClient seed = ZinitClient.builder().socket(fake.socket()).build()) {
                seed.monitor("web");
            }
            String log = listInChildJvm("-s", fake.socket().toString(), "list");
            assertTrue(log.startsWith(ExitCodes.OK + "\n"), log);
            assertTrue(log.contains("web"), "the list was not printed: " + log);
            List<String> junixsocket = log.lines().filter(l -> l.contains(" org.newsclub.")).toList();
            assertEquals(List.of(), junixsocket, "list loaded junixsocket classes");
            List<String> mapper = log.lines().filter(l -> l.contains(" com.fasterxml.jackson.databind.ObjectMapper "))
                    .toList();
            assertEquals(List.of(), mapper, "list built a Jackson ObjectMapper");
        }
    }

    /** Runs {@code Main} with a class-load log on standard output; returns the exit code, a newline, the output. */
    private static String listInChildJvm(String... args) throws Exception {
        List<String> entries = new ArrayList<>();
        // surefire may put the modules on the module path; the child takes them all on its class path, as the jar does
        for (String p : List.of("jdk.module.path", "java.class.path")) {
            String v = System.getProperty(p);
            if (v != null && !v.isEmpty()) {
                entries.add(v);
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-Xlog:class+load=info:stdout",
                "-cp", String.join(File.pathSeparator, entries), Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        return p.exitValue() + "\n" + log;
    }
}
