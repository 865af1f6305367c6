package io.zinit4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The JSON-RPC fake beyond the recorded basics (those are checked by {@link TranscriptReplayTest}). */
class JsonRpcFakeTest {
    @RegisterExtension
    final FakeZinitExtension ext = FakeZinitExtension.with(b -> b.generation(Generation.JSON_RPC));

    /** One connection for all requests, as recorded; reads until the expected number of lines arrived. */
    private static String exchange(AFUNIXSocket s, String request, int lines) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int seen = 0;
        while (seen < lines) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            out.write(b);
            if (b == '\n') {
                seen++;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void createGetMonitorStatsAndLogs() throws IOException {
        try (AFUNIXSocket s = AFUNIXSocket.newInstance()) {
            s.connect(AFUNIXSocketAddress.of(ext.server().socket()), 2000);
            s.setSoTimeout(5000);
            assertEquals("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":\"Service 'web' created successfully\"}\n",
                    exchange(s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"service_create\",\"params\":[\"web\","
                            + "{\"exec\":\"sleep 1000\"}]}", 1));
            assertTrue(exchange(s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"service_create\",\"params\":[\"web\","
                    + "{\"exec\":\"sleep 1000\"}]}", 1).contains("\"code\":-32007"));
            assertEquals("{\"id\":3,\"jsonrpc\":\"2.0\",\"result\":{\"exec\":\"sleep 1000\"}}\n",
                    exchange(s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"service_get\",\"params\":[\"web\"]}", 1));
            assertEquals("{\"id\":4,\"jsonrpc\":\"2.0\",\"result\":null}\n",
                    exchange(s, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"service_monitor\",\"params\":[\"web\"]}", 1));
            FakeZinitServerTest.await(() -> ext.server().state("web").orElse("").equals("Running"));
            String stats = exchange(s, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"service_stats\",\"params\":{\"name\":"
                    + "\"web\"}}", 1);
            JsonNode r = new ObjectMapper().readTree(stats).get("result");
            assertEquals("web", r.get("name").asText());
            assertTrue(r.get("pid").asInt() > 0 && r.get("memory_usage").asLong() > 0 && r.get("children").isArray());
            ext.server().addLog("web", "hello");
            String logs = exchange(s, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"stream_currentLogs\",\"params\":"
                    + "[\"web\"]}", 1);
            assertEquals("{\"id\":6,\"jsonrpc\":\"2.0\",\"result\":[\"[-] web: ------------ [start] ------------\","
                    + "\"[+] web: hello\"]}\n", logs);
        }
        try (AFUNIXSocket s = AFUNIXSocket.newInstance()) {
            s.connect(AFUNIXSocketAddress.of(ext.server().socket()), 2000);
            s.setSoTimeout(5000);
            String sub = exchange(s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"stream_subscribeLogs\","
                    + "\"params\":[\"web\"]}", 3);
            String[] lines = sub.split("\n");
            long id = new ObjectMapper().readTree(lines[0]).get("result").asLong();
            assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"stream_subscribeLogs\",\"params\":{\"result\":\"[+] web: "
                    + "hello\",\"subscription\":" + id + "}}", lines[2]);
            ext.server().addLog("web", "later");
            assertTrue(exchange(s, "", 1).contains("[+] web: later"));
        }
    }

    @Test
    void emptyBatchAndNotificationsInABatch() throws IOException {
        try (AFUNIXSocket s = AFUNIXSocket.newInstance()) {
            s.connect(AFUNIXSocketAddress.of(ext.server().socket()), 2000);
            s.setSoTimeout(5000);
            assertEquals("{\"error\":{\"code\":-32600,\"message\":\"Invalid request\"},\"id\":null,\"jsonrpc\":\"2.0\"}\n",
                    exchange(s, "[]", 1));
            assertEquals("[{\"id\":2,\"jsonrpc\":\"2.0\",\"result\":{}}]\n", exchange(s,
                    "[{\"jsonrpc\":\"2.0\",\"method\":\"service_list\"},{\"jsonrpc\":\"2.0\",\"id\":2,"
                    + "\"method\":\"service_list\"}]", 1));
            assertEquals(2, ext.server().requests().size(), "each JSON value is one recorded request");
        }
    }

    @Test
    void aLegacyLineGetsOneParseError() throws IOException {
        try (AFUNIXSocket s = AFUNIXSocket.newInstance()) {
            s.connect(AFUNIXSocketAddress.of(ext.server().socket()), 2000);
            s.setSoTimeout(5000);
            assertEquals("{\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null,\"jsonrpc\":\"2.0\"}\n",
                    exchange(s, "list\n", 1));
            assertEquals("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":{}}\n",
                    exchange(s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"service_list\"}", 1));
            assertEquals("list\n".strip(), ext.server().requests().get(0).text());
        }
    }
}
