package io.zinit4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.model.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The JSON-RPC fake's late answers, as zinit 0.2.28 gives them: asserted by order of events, never by the clock.
 */
class FakeRpcTimingTest {

    private static FakeZinitServer.Builder rpc() {
        return FakeZinitServer.builder().generation(Generation.JSON_RPC);
    }

    private static void call(AFUNIXSocket s, int id, String method, String params) throws IOException {
        String req = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
        s.getOutputStream().write(req.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    private static String readLine(AFUNIXSocket s) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = s.getInputStream().read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        return c < 0 && b.length() == 0 ? null : b.toString();
    }

    private static AFUNIXSocket connect(FakeZinitServer z) throws IOException {
        AFUNIXSocket s = AFUNIXSocket.newInstance();
        s.connect(AFUNIXSocketAddress.of(z.socket()), 2000);
        s.setSoTimeout(5000);
        return s;
    }

    @Test
    void aPendingStopHoldsUpNeitherTheConnectionNorOtherServices() throws IOException {
        try (FakeZinitServer z = rpc().stopAnswerDelay(Duration.ofHours(1)).build().start();
             AFUNIXSocket s = connect(z)) {
            z.writeService("a", "exec: sleep 1000\n");
            z.writeService("b", "exec: sleep 1000\n");
            call(s, 1, "service_monitor", "[\"a\"]");
            call(s, 2, "service_monitor", "[\"b\"]");
            assertTrue(readLine(s).contains("\"id\":1"));
            assertTrue(readLine(s).contains("\"id\":2"));
            FakeZinitServerTest.await(() -> z.state("a").orElse("").equals("Running"));
            call(s, 3, "service_stop", "[\"a\"]");
            call(s, 4, "service_status", "[\"b\"]");
            // the stop of a waits (an hour here); the status of b, sent after it, is answered first
            String answer = readLine(s);
            assertTrue(answer.contains("\"id\":4") && answer.contains("\"target\":\"Up\""), answer);
            FakeZinitServerTest.await(() -> z.state("a").orElse("").startsWith("Error(Signaled("));
        }
    }

    @Test
    void stopKillsAProcessThatOutlivesTheStopSignalBeforeItAnswers() throws IOException {
        try (FakeZinitServer z = rpc().stopAnswerDelay(Duration.ofMillis(1)).build().start();
             AFUNIXSocket s = connect(z)) {
            z.writeService("stubborn", "exec: sleep 1000\n");
            z.script("stubborn", Behavior.longRunning().ignoring(Signal.SIGTERM));
            call(s, 1, "service_monitor", "[\"stubborn\"]");
            readLine(s);
            FakeZinitServerTest.await(() -> z.state("stubborn").orElse("").equals("Running"));
            call(s, 2, "service_stop", "[\"stubborn\"]");
            assertEquals("{\"id\":2,\"jsonrpc\":\"2.0\",\"result\":null}", readLine(s));
            // by the time the answer came, zinit 0.2.28 had SIGKILLed it and seen it gone
            assertEquals("Error(Signaled(Pid(9511), SIGKILL, false))", z.state("stubborn").orElse(""));
        }
    }

    @Test
    void shutdownClosesTheConnectionWithoutAnAnswer() throws IOException {
        try (FakeZinitServer z = rpc().build().start(); AFUNIXSocket s = connect(z)) {
            call(s, 1, "system_shutdown", "[]");
            assertEquals(null, readLine(s));
            assertTrue(z.shutdownRequested());
        }
    }

    @Test
    void statsAnswersAfterItsSampling() throws IOException {
        try (FakeZinitServer z = rpc().statsDelay(Duration.ofMillis(1)).build().start(); AFUNIXSocket s = connect(z)) {
            z.writeService("web", "exec: sleep 1000\n");
            call(s, 1, "service_monitor", "[\"web\"]");
            readLine(s);
            call(s, 2, "service_stats", "[\"web\"]");
            String stats = readLine(s);
            assertTrue(stats.contains("\"id\":2") && stats.contains("\"pid\":9511"), stats);
        }
    }
}
