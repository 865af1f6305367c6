package io.zinit4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Generation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semver4j.Semver;

/** Where a version comes from: the text of {@code zinit -V}, a local binary, or an unknown that says why. */
class VersionProbeTest {
    @TempDir
    Path dir;

    private Path script(String name, String body, String permissions) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(permissions));
        return f;
    }

    @Test
    void parsesWhatZinitPrints() {
        assertEquals(Optional.of(Semver.parse("0.2.14")), VersionProbe.parse("zinit v0.2.14"));
        assertEquals(Optional.of(Semver.parse("0.2.28")), VersionProbe.parse("zinit 0.2.28\n"));
        assertEquals(Optional.of(Semver.parse("0.3.0-rc.1")), VersionProbe.parse("zinit v0.3.0-rc.1"));
        assertEquals(Optional.empty(), VersionProbe.parse("zinit v0.2"));
        assertEquals(Optional.empty(), VersionProbe.parse("error: unexpected argument '-V'"));
        assertEquals(Optional.empty(), VersionProbe.parse(""));
        assertEquals(Optional.empty(), VersionProbe.parse(null));
    }

    @Test
    void aLocalBinaryThatPrintsAVersionIsTheSource() throws IOException {
        Path zinit = script("zinit", "echo 'zinit v0.2.14'", "rwx------");
        ServerVersion v = new VersionProbe(zinit).version(Protocol.LEGACY);
        assertEquals(ServerVersion.Source.LOCAL_BINARY, v.source());
        assertEquals(Optional.of(Semver.parse("0.2.14")), v.version());
        assertTrue(v.raw().contains(zinit.toString()) && v.raw().contains("zinit v0.2.14"), v.raw());
    }

    @Test
    void theClientAsksTheConfiguredBinary() throws IOException {
        Path zinit = script("zinit", "echo \"zinit v0.2.28 ($1)\"", "rwx------");
        try (FakeZinitServer fake = FakeZinitServer.builder().generation(Generation.JSON_RPC).build().start();
             ZinitClient c = ZinitClient.builder().socket(fake.socket()).configDir(fake.configDir())
                     .zinitBinary(zinit).build()) {
            ServerVersion v = c.version();
            assertEquals(ServerVersion.Source.LOCAL_BINARY, v.source());
            assertEquals("0.2.28", v.version().orElseThrow().toString());
            assertTrue(v.raw().contains("(-V)"), "asked with -V: " + v.raw());
        }
    }

    @Test
    void aNonExecutablePathIsUnknownWithTheReason() throws IOException {
        Path zinit = script("zinit", "echo 'zinit v0.2.14'", "rw-------");
        ServerVersion v = new VersionProbe(zinit).version(Protocol.LEGACY);
        assertEquals(ServerVersion.Source.UNKNOWN, v.source());
        assertTrue(v.version().isEmpty());
        assertTrue(v.raw().contains(zinit + " is not an executable file"), v.raw());
        assertTrue(v.raw().contains("0.2.14 or earlier"), v.raw());
    }

    @Test
    void otherFailuresOfTheBinaryAreUnknownWithTheirReason() throws IOException {
        Path missing = dir.resolve("nothing");
        assertTrue(new VersionProbe(missing).version(Protocol.JSON_RPC).raw().contains(missing + " does not exist"));
        assertTrue(new VersionProbe(dir).version(Protocol.JSON_RPC).raw().contains("is not an executable file"),
                "a directory is no binary");
        Path mute = script("mute", "echo 'usage: zinit [OPTIONS]'", "rwx------");
        ServerVersion v = new VersionProbe(mute).version(Protocol.JSON_RPC);
        assertEquals(ServerVersion.Source.UNKNOWN, v.source());
        assertTrue(v.raw().contains("printed no version: 'usage: zinit [OPTIONS]'"), v.raw());
        assertTrue(v.raw().contains("0.2.15 or later"), v.raw());
    }

    @Test
    void withoutABinaryTheUnknownSaysSo() {
        ServerVersion v = new VersionProbe(null).version(Protocol.JSON_RPC);
        assertEquals(ServerVersion.Source.UNKNOWN, v.source());
        assertTrue(v.raw().contains("no local zinit binary is configured"), v.raw());
        assertTrue(v.toString().startsWith("unknown"), v.toString());
    }
}
