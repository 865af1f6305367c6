package io.zinit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.zinit4j.testkit.Generation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code zinitctl} against a fake zinit 0.2.28 (JSON-RPC), protocol detected. */
class JsonRpcFakeServerZinitCtlTest extends FakeServerZinitCtlTest {
    @Override
    Generation generation() {
        return Generation.JSON_RPC;
    }

    @Test
    void statsAsTextAndJson() {
        // the fake reports 4 MiB and 0.5% for the service, and one child (pid + 1) of 512 KiB at 0%
        Run r = run("stats", "web").ok();
        List<String> lines = r.out().lines().toList();
        assertEquals("name:   web", lines.get(0));
        assertTrue(lines.get(1).matches("pid:    [1-9][0-9]*"), lines.get(1));
        assertEquals("memory: 4.0 MiB", lines.get(2));
        assertEquals("cpu:    0.5%", lines.get(3));
        assertTrue(lines.get(4).matches("  child [1-9][0-9]*: memory 512\\.0 KiB, cpu 0\\.0%"), lines.get(4));
        JsonNode j = run("stats", "--json", "web").ok().json();
        assertEquals(4L * 1024 * 1024, j.get("memory_bytes").asLong());
        assertEquals(j.get("pid").asInt() + 1, j.get("children").get(0).get("pid").asInt());
    }

    @Test
    void statsOfAStoppedServiceIsAServerError() {
        run("stop", "--wait=2s", "web").ok();
        run("stats", "web").failed(ExitCodes.SERVER_ERROR);
    }
}
