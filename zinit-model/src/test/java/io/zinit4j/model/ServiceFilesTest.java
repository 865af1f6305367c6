package io.zinit4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.error.ServiceFileException;
import io.zinit4j.error.ServiceFileFormatException;
import io.zinit4j.error.ServiceNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceFilesTest {
    @TempDir
    Path tmp;

    private static ServiceConfig cfg(String exec) {
        return ServiceConfig.builder().exec(exec).build();
    }

    @Test
    void defaultDirIsZinits() {
        assertEquals(Path.of("/etc/zinit"), ServiceFiles.DEFAULT_DIR);
        assertEquals(tmp, new ServiceFiles(tmp).dir());
    }

    @Test
    void addLoadFindListRemove() throws Exception {
        ServiceFiles files = new ServiceFiles(tmp);
        assertTrue(files.add("web", cfg("sleep 1000")));
        assertEquals("exec: sleep 1000\n", Files.readString(tmp.resolve("web.yaml")));
        assertEquals(cfg("sleep 1000"), files.load("web"));
        assertEquals(cfg("sleep 1000"), files.find("web").orElseThrow());
        assertTrue(files.add("api", cfg("sleep 1")));
        assertEquals(List.of("api", "web"), files.list());
        assertTrue(files.remove("web"));
        assertFalse(files.remove("web"));
        assertTrue(files.find("web").isEmpty());
        assertEquals(List.of("api"), files.list());
    }

    @Test
    void addIsIdempotentAndDoesNotRewriteIdenticalContent() throws Exception {
        ServiceFiles files = new ServiceFiles(tmp);
        assertTrue(files.add("web", cfg("sleep 1000")));
        Path f = tmp.resolve("web.yaml");
        FileTime old = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(f, old);
        assertFalse(files.add("web", cfg("sleep 1000")));
        assertEquals(old, Files.getLastModifiedTime(f), "identical content must not be rewritten");
        assertTrue(files.add("web", cfg("sleep 2000")));
        assertEquals(cfg("sleep 2000"), files.load("web"));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(f), s.toList(), "no temporary files left behind");
        }
    }

    @Test
    void addCreatesAMissingDirectory() {
        ServiceFiles files = new ServiceFiles(tmp.resolve("a/b"));
        assertEquals(List.of(), files.list(), "a missing directory has no services");
        assertTrue(files.add("x", cfg("true")));
        assertEquals(List.of("x"), files.list());
    }

    @Test
    void loadOfAMissingFileNamesThePath() {
        ServiceFiles files = new ServiceFiles(tmp);
        ServiceNotFoundException e = assertThrows(ServiceNotFoundException.class, () -> files.load("ghost"));
        assertTrue(e.getMessage().contains(tmp.resolve("ghost.yaml").toString()), e.getMessage());
        assertEquals("", e.serverMessage());
        assertTrue(e.code().isEmpty());
        assertTrue(e.data().isEmpty());
    }

    @Test
    void malformedFileIsATypedErrorNamingTheFile() throws Exception {
        Files.writeString(tmp.resolve("bad.yaml"), "exec: [unclosed\n");
        Files.writeString(tmp.resolve("noexec.yaml"), "test: true\n");
        Files.write(tmp.resolve("binary.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        ServiceFiles files = new ServiceFiles(tmp);
        for (String name : List.of("bad", "noexec", "binary")) {
            ServiceFileFormatException e = assertThrows(ServiceFileFormatException.class,
                    () -> files.load(name));
            assertTrue(e.getMessage().contains(tmp.resolve(name + ".yaml").toString()), e.getMessage());
            assertThrows(ServiceFileFormatException.class, () -> files.find(name));
        }
        assertEquals("exec: [unclosed\n", Files.readString(tmp.resolve("bad.yaml")), "bad input loses nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../etc/passwd", "a/b", "a b", "a\nb", "a\u0000b", "a'b", "a\"b"})
    void badNamesAreRejectedBeforeAnyPathIsBuilt(String name) {
        ServiceFiles files = new ServiceFiles(tmp);
        assertThrows(InvalidServiceNameException.class, () -> files.add(name, cfg("true")));
        assertThrows(InvalidServiceNameException.class, () -> files.remove(name));
        assertThrows(InvalidServiceNameException.class, () -> files.load(name));
        assertThrows(InvalidServiceNameException.class, () -> files.find(name));
    }

    @Test
    void symlinkOutOfTheDirectoryIsNotWritten() throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path victim = outside.resolve("victim.yaml");
        Files.writeString(victim, "exec: original\n");
        Path conf = Files.createDirectory(tmp.resolve("conf"));
        Files.createSymbolicLink(conf.resolve("evil.yaml"), victim);
        Files.createSymbolicLink(conf.resolve("dangling.yaml"), outside.resolve("nothing.yaml"));
        ServiceFiles files = new ServiceFiles(conf);
        assertThrows(ServiceFileException.class, () -> files.add("evil", cfg("rm -rf /")));
        assertThrows(ServiceFileException.class, () -> files.add("dangling", cfg("rm -rf /")));
        assertEquals("exec: original\n", Files.readString(victim));
        assertFalse(Files.exists(outside.resolve("nothing.yaml")));
        assertTrue(Files.isSymbolicLink(conf.resolve("evil.yaml")), "the link itself is left in place");
        assertEquals(List.of(), files.list(), "zinit skips symbolic links, and so does list");
        assertTrue(files.remove("evil"), "remove deletes the link");
        assertEquals("exec: original\n", Files.readString(victim), "not what it points to");
    }

    @Test
    void listSkipsOtherFiles() throws Exception {
        ServiceFiles files = new ServiceFiles(tmp);
        files.add("ok", cfg("true"));
        Files.writeString(tmp.resolve("notes.txt"), "x");
        Files.writeString(tmp.resolve(".ok.123.tmp"), "x");
        Files.writeString(tmp.resolve("bad name.yaml"), "exec: x\n");
        Files.createDirectory(tmp.resolve("dir.yaml"));
        assertEquals(List.of("ok"), files.list());
    }

    @Test
    void concurrentWritersNeverLeaveATornFile() throws Exception {
        ServiceFiles files = new ServiceFiles(tmp);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        files.add("shared", cfg("writer-" + id + " " + "x".repeat(i * 10)));
                        assertTrue(files.load("shared").exec().startsWith("writer-"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(files.load("shared").exec().startsWith("writer-"));
        assertEquals(List.of("shared"), files.list());
    }
}
