package io.zinit4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** {@code stopAnswerDelay}: a held stop answer blocks neither the connection nor the stops of other services. */
class StopAnswerDelayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void heldStopAnswersLetTheConnectionServeOtherRequestsAndComeBackEach() throws IOException {
        try (FakeZinitServer z = FakeZinitServer.builder().generation(Generation.JSON_RPC)
                .stopAnswerDelay(Duration.ofSeconds(2)).build().start();
             AFUNIXSocket s = AFUNIXSocket.newInstance()) {
            for (String n : new String[] {"a", "b"}) {
                Files.writeString(z.configDir().resolve(n + ".yaml"), "exec: sleep 1000\n");
            }
            s.connect(AFUNIXSocketAddress.of(z.socket()), 2000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            send(out, 1, "service_monitor", "a");
            assertEquals(1, JSON.readTree(in.readLine()).path("id").asInt());
            send(out, 2, "service_monitor", "b");
            assertEquals(2, JSON.readTree(in.readLine()).path("id").asInt());
            send(out, 3, "service_stop", "a");
            send(out, 4, "service_stop", "b");
            send(out, 5, "service_status", "a");
            // the status is answered while both stops still hold theirs, and shows the stop already took effect
            JsonNode status = JSON.readTree(in.readLine());
            assertEquals(5, status.path("id").asInt(), status.toString());
            assertEquals("Down", status.path("result").path("target").asText(), status.toString());
            Set<Integer> stops = new HashSet<>();
            for (int i = 0; i < 2; i++) {
                JsonNode answer = JSON.readTree(in.readLine());
                assertTrue(answer.has("result") && !answer.has("error"), answer.toString());
                stops.add(answer.path("id").asInt());
            }
            assertEquals(Set.of(3, 4), stops);
        }
    }

    private static void send(OutputStream out, int id, String method, String name) throws IOException {
        out.write(("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":[\"" + name
                + "\"]}\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
