package io.zinit4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zinit4j.error.ServiceFileException;
import io.zinit4j.model.ServiceConfig;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * JSON-RPC has no "replace a service file": addService deletes, then creates. When the create fails, the old file must
 * come back rather than be lost. The fake cannot fail only the create, so a small scripted JSON-RPC peer stands in.
 */
class AddServiceRestoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFailedCreateRestoresThePreviousFile(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("zinit.sock");
        List<String> calls = new CopyOnWriteArrayList<>();
        List<JsonNode> created = new CopyOnWriteArrayList<>();
        try (AFUNIXServerSocket server = AFUNIXServerSocket.newInstance()) {
            server.bind(AFUNIXSocketAddress.of(socket));
            Thread peer = new Thread(() -> serve(server, calls, created), "scripted-zinit");
            peer.setDaemon(true);
            peer.start();

            ServiceConfig wanted = ServiceConfig.builder().exec("sleep 2000").build();
            try (ZinitClient client = ZinitClient.builder().socket(socket).timeout(Duration.ofSeconds(5)).build()) {
                ServiceFileException e = assertThrows(ServiceFileException.class,
                        () -> client.addService("web", wanted));
                assertEquals(-32008, e.code().orElseThrow());
            }
            assertEquals(List.of("service_list", "service_get", "service_delete", "service_create", "service_create"),
                    calls);
            assertEquals("sleep 2000", created.get(0).path("exec").asText(), "first the new file");
            assertEquals("sleep 1000", created.get(1).path("exec").asText(), "then the old one back");
        }
    }

    private static void serve(AFUNIXServerSocket server, List<String> calls, List<JsonNode> created) {
        try (AFUNIXSocket s = server.accept(); OutputStream out = s.getOutputStream();
             MappingIterator<JsonNode> requests = JSON.readerFor(JsonNode.class).readValues(s.getInputStream())) {
            while (requests.hasNext()) {
                JsonNode request = requests.next();
                String method = request.path("method").asText();
                calls.add(method);
                ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
                answer.set("id", request.get("id"));
                switch (method) {
                    case "service_list":
                        answer.set("result", JSON.createObjectNode());
                        break;
                    case "service_get":
                        answer.set("result", JSON.createObjectNode().put("exec", "sleep 1000"));
                        break;
                    case "service_delete":
                        answer.put("result", "Service 'web' deleted successfully");
                        break;
                    case "service_create":
                        created.add(request.path("params").get(1));
                        if (created.size() == 1) {
                            answer.set("error", JSON.createObjectNode().put("code", -32008)
                                    .put("message", "creating service: failed to write the service file"));
                        } else {
                            answer.put("result", "Service 'web' created successfully");
                        }
                        break;
                    default:
                        answer.set("error", JSON.createObjectNode().put("code", -32601).put("message",
                                "Method not found"));
                }
                out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (Exception e) {
            // the client closed the connection: the test asserts on what was recorded
        }
    }
}
