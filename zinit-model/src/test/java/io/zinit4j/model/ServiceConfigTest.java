package io.zinit4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.ServiceFileFormatException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceConfigTest {

    /** A file written by hand in the format zinit documents, using every key. */
    private static final String FULL = String.join("\n",
            "exec: /usr/bin/redis-server --port 7777",
            "test: redis-cli -p 7777 PING",
            "oneshot: false",
            "shutdown_timeout: 30",
            "after:",
            "  - network",
            "  - storage",
            "signal:",
            "  stop: sigint",
            "log: stdout",
            "env:",
            "  REDIS_MODE: standalone",
            "  THREADS: 4",
            "dir: /var/lib/redis",
            "");

    @Test
    void readsEveryKeyZinitReads() {
        ServiceConfig c = ServiceConfig.fromYaml(FULL);
        assertEquals("/usr/bin/redis-server --port 7777", c.exec());
        assertEquals("redis-cli -p 7777 PING", c.test().orElseThrow());
        assertFalse(c.oneshot());
        assertEquals(Duration.ofSeconds(30), c.shutdownTimeout().orElseThrow());
        assertEquals(List.of("network", "storage"), c.after());
        assertEquals(Signal.SIGINT, c.stopSignal().orElseThrow());
        assertEquals(LogType.STDOUT, c.log().orElseThrow());
        assertEquals(Map.of("REDIS_MODE", "standalone", "THREADS", "4"), c.env());
        assertEquals(List.of("REDIS_MODE", "THREADS"), List.copyOf(c.env().keySet()), "file order kept");
        assertEquals("/var/lib/redis", c.dir().orElseThrow());
        assertTrue(c.extra().isEmpty());
        assertEquals(c, ServiceConfig.fromYaml(c.toYaml()));
    }

    @Test
    void minimalFileLeavesDefaultsToZinit() {
        ServiceConfig c = ServiceConfig.fromYaml("exec: sleep 1000\n");
        assertTrue(c.test().isEmpty());
        assertFalse(c.oneshot());
        assertTrue(c.shutdownTimeout().isEmpty());
        assertTrue(c.after().isEmpty());
        assertTrue(c.stopSignal().isEmpty());
        assertTrue(c.log().isEmpty());
        assertTrue(c.env().isEmpty());
        assertTrue(c.dir().isEmpty());
        assertEquals("exec: sleep 1000\n", c.toYaml());
    }

    @Test
    void builderWritesZinitsKeys() {
        ServiceConfig c = ServiceConfig.builder()
                .exec("sh -c 'echo $A'")
                .test("true")
                .oneshot(true)
                .shutdownTimeout(Duration.ofSeconds(5))
                .after("a", "b")
                .stopSignal(Signal.SIGKILL)
                .log(LogType.NONE)
                .env("A", "1")
                .env("B", "yes")
                .dir("/tmp")
                .build();
        Map<String, Object> m = c.toMap();
        assertEquals(List.of("exec", "test", "oneshot", "shutdown_timeout", "after", "signal", "log", "env", "dir"),
                List.copyOf(m.keySet()));
        assertEquals(Map.of("stop", "SIGKILL"), m.get("signal"));
        assertEquals("none", m.get("log"), "zinit's spelling of no log is none");
        assertEquals(5L, m.get("shutdown_timeout"));
        ServiceConfig back = ServiceConfig.fromYaml(c.toYaml());
        assertEquals(c, back);
        assertEquals("1", back.env().get("A"), "numbers in env must stay strings");
        assertEquals("yes", back.env().get("B"), "YAML 1.1 booleans must stay strings");
        assertEquals(c, c.toBuilder().build());
        assertEquals(c.hashCode(), back.hashCode());
    }

    @Test
    void trickyStringsSurviveTheRoundTrip() {
        for (String s : List.of("true", "false", "null", "~", "yes", "no", "on", "off", "1", "0x10", "1e3", "- a",
                "a: b", "#x", "'q'", "\"dq\"", "multi\nline", " lead", "trail ", "", "*ref", "&anchor", "!tag",
                "%x", "@x", "`x`", "{a}", "[a]", "caf\u00e9")) {
            ServiceConfig c = ServiceConfig.builder().exec("run " + s).test(s.isEmpty() ? null : s).env("K", s)
                    .dir(s).after(s.isEmpty() ? "x" : s).build();
            assertEquals(c, ServiceConfig.fromYaml(c.toYaml()), () -> "value " + s + " in\n" + c.toYaml());
        }
    }

    @Test
    void logAcceptsNoneAndNullAndWritesNone() {
        assertEquals(LogType.NONE, ServiceConfig.fromYaml("exec: x\nlog: none\n").log().orElseThrow());
        assertEquals(LogType.NONE, ServiceConfig.fromYaml("exec: x\nlog: null\n").log().orElseThrow());
        assertEquals(LogType.NONE, ServiceConfig.fromYaml("exec: x\nlog: ~\n").log().orElseThrow());
        assertEquals(LogType.NONE, ServiceConfig.fromYaml("exec: x\nlog:\n").log().orElseThrow());
        assertEquals(LogType.RING, ServiceConfig.fromYaml("exec: x\nlog: ring\n").log().orElseThrow());
        assertTrue(ServiceConfig.fromYaml("exec: x\nlog: null\n").toYaml().contains("log: none"));
    }

    @Test
    void unknownKeysAreKeptThroughReadModifyWrite() {
        String yaml = "exec: sleep 1\nfuture_key: 42\nnested:\n  a: [1, 2]\n";
        ServiceConfig c = ServiceConfig.fromYaml(yaml);
        assertEquals(42, c.extra().get("future_key"));
        ServiceConfig changed = c.toBuilder().exec("sleep 2").build();
        ServiceConfig back = ServiceConfig.fromYaml(changed.toYaml());
        assertEquals("sleep 2", back.exec());
        assertEquals(c.extra(), back.extra());
        assertEquals(Map.of("a", List.of(1, 2)), back.extra().get("nested"));
    }

    @Test
    void fromMapReadsJsonRpcShape() {
        ServiceConfig c = ServiceConfig.fromMap(Map.of("exec", "sleep 5", "oneshot", true, "after", List.of("x"),
                "signal", Map.of("stop", "SIGTERM"), "shutdown_timeout", 10, "test", ""));
        assertTrue(c.oneshot());
        assertEquals(List.of("x"), c.after());
        assertEquals(Signal.SIGTERM, c.stopSignal().orElseThrow());
        assertTrue(c.test().isEmpty(), "zinit treats an empty test as none");
        assertEquals(c, ServiceConfig.fromMap(c.toMap()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   \n", "test: true\n", "exec: ''\n", "exec: '   '\n", "exec: [a, b]\n", "- exec: x\n", "just text\n",
        "exec: x\noneshot: maybe\n", "exec: x\nshutdown_timeout: -1\n", "exec: x\nshutdown_timeout: 1.5\n",
        "exec: x\nshutdown_timeout: soon\n", "exec: x\nafter: dep\n", "exec: x\nsignal: SIGTERM\n",
        "exec: x\nsignal:\n  stop: SIGNOPE\n", "exec: x\nsignal:\n  stop: TERM\n", "exec: x\nsignal:\n  stop: 15\n", "exec: x\nlog: file\n", "exec: x\nenv: [A]\n", "exec: x\nenv:\n  A: [1]\n",
        "exec: x\ndir: [a]\n", "exec: 'unclosed\n", "exec: x\n  bad indent: y\n", "exec: x\nexec: y\n"
    })
    void rejectsBadFilesWithATypedError(String yaml) {
        ServiceFileFormatException e = assertThrows(ServiceFileFormatException.class,
                () -> ServiceConfig.fromYaml(yaml));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void builderRejectsMissingExecAndFractionalTimeout() {
        assertThrows(ServiceFileFormatException.class, () -> ServiceConfig.builder().build());
        assertThrows(ServiceFileFormatException.class, () -> ServiceConfig.builder().exec(" ").build());
        assertThrows(ServiceFileFormatException.class,
                () -> ServiceConfig.builder().shutdownTimeout(Duration.ofMillis(1500)));
        assertThrows(ServiceFileFormatException.class,
                () -> ServiceConfig.builder().shutdownTimeout(Duration.ofSeconds(-1)));
    }

    @Test
    void valuesAreImmutable() {
        ServiceConfig c = ServiceConfig.builder().exec("x").after("a").env("K", "V").build();
        assertThrows(UnsupportedOperationException.class, () -> c.after().add("b"));
        assertThrows(UnsupportedOperationException.class, () -> c.env().put("L", "W"));
        assertThrows(UnsupportedOperationException.class, () -> c.extra().put("L", "W"));
    }
}
