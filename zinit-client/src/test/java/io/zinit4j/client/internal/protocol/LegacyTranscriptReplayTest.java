package io.zinit4j.client.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.LogStream;
import io.zinit4j.client.internal.transport.SocketSettings;
import io.zinit4j.client.internal.transport.UnixSocketConnector;
import io.zinit4j.error.InvalidSignalException;
import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.error.ServiceConfigRejectedException;
import io.zinit4j.error.ServiceIsDownException;
import io.zinit4j.error.ServiceIsUpException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.ZinitServerException;
import io.zinit4j.model.LogLine;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ShellWords;
import io.zinit4j.model.Signal;
import io.zinit4j.transcripts.Transcripts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every response recorded from a real zinit 0.2.14 is fed to the codec through a socket (or, where the request cannot
 * be made through the typed codec, to its parser) and must come out as the right value or the right typed error.
 */
class LegacyTranscriptReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private LegacyScriptedServer server;
    private LegacyCodec codec;

    @BeforeEach
    void start() throws IOException {
        server = new LegacyScriptedServer();
        codec = new LegacyCodec(new UnixSocketConnector(new SocketSettings(server.socket(), Duration.ofSeconds(2),
                Duration.ofSeconds(5))));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void everyRecordedResponseParses() throws Throwable {
        int throughSocket = 0;
        int parsed = 0;
        for (String file : Transcripts.FILES) {
            for (Transcripts.Row row : Transcripts.read(Transcripts.LEGACY, file)) {
                if (!row.isExchange()) {
                    continue;
                }
                String request = row.request().get();
                String raw = row.responseRaw().get();
                String where = file + ": " + abbreviate(request);
                if (request.equals("log\n") || request.equals("log snapshot\n")) {
                    server.answer(raw);
                    List<String> got = new ArrayList<>();
                    try (LogStream s = codec.logs(null, request.equals("log\n"))) {
                        for (LogLine l : s) {
                            got.add(l.raw());
                            assertTrue(l.stream() != LogLine.LogStream.UNKNOWN, where + ": " + l.raw());
                        }
                    }
                    assertEquals(Arrays.asList(raw.split("\n")), got, where);
                    throughSocket++;
                    continue;
                }
                Optional<Executable> call = codecCall(request, raw);
                if (call.isPresent()) {
                    server.answer(raw);
                    call.get().execute();
                    throughSocket++;
                } else {
                    expect(raw, where, () -> LegacyCodec.parseAnswer(request, raw.getBytes(StandardCharsets.UTF_8)));
                    parsed++;
                }
            }
        }
        assertTrue(throughSocket > 300, "through the socket: " + throughSocket);
        assertTrue(parsed >= 10, "parse-level: " + parsed);
    }

    /** The typed codec call for a recorded request, checking its result against the recorded answer. */
    private Optional<Executable> codecCall(String request, String raw) throws IOException {
        if (!request.endsWith("\n") || request.contains("<")) {
            return Optional.empty();
        }
        Optional<List<String>> split = ShellWords.split(request.substring(0, request.length() - 1));
        if (split.isEmpty() || split.get().isEmpty()) {
            return Optional.empty();
        }
        List<String> w = split.get();
        String where = abbreviate(request);
        JsonNode answer = JSON.readTree(raw);
        JsonNode body = answer.get("body");
        String line = request.substring(0, request.length() - 1);
        switch (w.get(0) + "/" + (w.size() - 1)) {
            case "list/0":
                return Optional.of(() -> expect(raw, where, () -> {
                    Map<String, ServiceState> got = codec.list();
                    Map<String, ServiceState> want = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> e : body.properties()) {
                        want.put(e.getKey(), ServiceState.parse(e.getValue().asText()));
                    }
                    assertEquals(want, got, where);
                    assertSent(line);
                }));
            case "status/1":
                return Optional.of(() -> expect(raw, where, () -> {
                    ServiceStatus s = codec.status(w.get(1));
                    assertEquals(body.get("name").asText(), s.name(), where);
                    assertEquals(body.get("pid").asInt(), s.pid(), where);
                    assertEquals(body.get("state").asText(), s.state().raw(), where);
                    assertEquals(body.get("target").asText(), s.target().wireName(), where);
                    assertEquals(body.get("after").size(), s.after().size(), where);
                    body.get("after").properties().forEach(e ->
                            assertEquals(e.getValue().asText(), s.after().get(e.getKey()).raw(), where));
                    if (s.state().raw().startsWith("Error(")) {
                        assertTrue(s.state().exitCode().isPresent() || s.state().signal().isPresent(), where);
                    }
                    assertSent(line);
                }));
            case "start/1":
                return Optional.of(() -> expect(raw, where, () -> codec.start(w.get(1))));
            case "stop/1":
                return Optional.of(() -> expect(raw, where, () -> codec.stop(w.get(1))));
            case "monitor/1":
                return Optional.of(() -> expect(raw, where, () -> codec.monitor(w.get(1))));
            case "forget/1":
                return Optional.of(() -> expect(raw, where, () -> codec.forget(w.get(1))));
            case "kill/2": {
                Optional<Signal> sig = Signal.find(w.get(2)).filter(s -> s.name().equalsIgnoreCase(w.get(2)));
                if (sig.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(() -> expect(raw, where, () -> {
                    codec.kill(w.get(1), sig.get());
                    assertSent("kill " + w.get(1) + " " + sig.get().name());
                }));
            }
            default:
                return Optional.empty();
        }
    }

    private void assertSent(String line) {
        assertEquals(line, server.received().get(server.received().size() - 1));
    }

    /** Runs a call and checks it succeeds for an ok answer or throws the typed error for an error answer. */
    private static void expect(String raw, String where, Executable call) throws IOException {
        JsonNode answer = JSON.readTree(raw);
        if (answer.get("state").asText().equals("ok")) {
            try {
                call.execute();
            } catch (Throwable t) {
                throw new AssertionError(where + ": " + t, t);
            }
            return;
        }
        String text = answer.get("body").asText();
        ZinitServerException e = assertThrows(expectedType(text), call, where);
        assertEquals(text, e.serverMessage(), where);
        assertTrue(e.code().isEmpty(), where);
    }

    private static Class<? extends ZinitServerException> expectedType(String text) {
        if (text.matches("service name \".*\" unknown")) {
            return ServiceNotFoundException.class;
        }
        if (text.matches("service \".*\" already monitored")) {
            return ServiceAlreadyMonitoredException.class;
        }
        if (text.matches("service \".*\" is up")) {
            return ServiceIsUpException.class;
        }
        if (text.matches("service \".*\" is down")) {
            return ServiceIsDownException.class;
        }
        if (text.equals("EINVAL: Invalid argument")) {
            return InvalidSignalException.class;
        }
        if (text.equals("failed to load service config")) {
            return ServiceConfigRejectedException.class;
        }
        return ZinitServerException.class;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
