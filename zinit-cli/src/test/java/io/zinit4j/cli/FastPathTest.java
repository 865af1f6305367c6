package io.zinit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.zinit4j.client.lifecycle.LifecycleClock;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.Generation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The picocli-free path of {@code zinitctl list} gives exactly what picocli gives (output, errors, exit code) for
 * every shape it takes, against a fake zinit of each generation, and leaves every other shape to picocli.
 */
class FastPathTest {
    private static FakeServerBackend legacy;
    private static FakeServerBackend jsonRpc;

    @BeforeAll
    static void start() {
        legacy = seeded(Generation.LEGACY);
        jsonRpc = seeded(Generation.JSON_RPC);
    }

    @AfterAll
    static void stop() {
        legacy.close();
        jsonRpc.close();
    }

    private static FakeServerBackend seeded(Generation g) {
        FakeServerBackend b = new FakeServerBackend(g, LifecycleClock.system());
        b.service("web", ServiceConfig.builder().exec("nginx").build(), StateKind.RUNNING);
        b.service("net", ServiceConfig.builder().exec("udhcpc").oneshot(true).build(), StateKind.SUCCESS);
        b.service("a-much-longer-name", ServiceConfig.builder().exec("x").build(), StateKind.ERROR);
        return b;
    }

    /** Command lines the fast path takes; {@code SOCK} and {@code DIR} stand for the fake's socket and directory. */
    static Stream<List<String>> taken() {
        return Stream.of(List.of("-s", "SOCK", "list"), List.of("--socket", "SOCK", "list", "--json"),
                List.of("--json", "--socket=SOCK", "list"), List.of("-s", "SOCK", "--protocol", "AUTO", "list"),
                List.of("-s", "SOCK", "--protocol=json-rpc", "list"), List.of("-s", "SOCK", "--protocol", "legacy",
                        "--timeout", "300ms", "--config-dir", "DIR", "list"),
                List.of("-s", "SOCK", "--config-dir=DIR", "--timeout=PT3S", "list"),
                List.of("-s", "/nowhere/zinit.sock", "list"), List.of("-s", "/nowhere/zinit.sock", "--json", "list"),
                List.of("--debug", "-s", "/nowhere/zinit.sock", "list"));
    }

    /** Command lines it leaves to picocli. */
    static Stream<List<String>> refused() {
        return Stream.of(List.of(), List.of("-s", "SOCK"), List.of("list", "--help"), List.of("-h", "list"),
                List.of("list", "extra"), List.of("list", "--json", "--json"), List.of("--json", "--json", "list"),
                List.of("-s", "SOCK", "-s", "SOCK", "list"), List.of("--protocol", "smoke", "list"),
                List.of("--timeout", "forever", "list"), List.of("-s", "--json", "list"), List.of("-s"),
                List.of("--json=true", "list"), List.of("status", "web"), List.of("--", "list"),
                List.of("-sSOCK", "list"), List.of("-s=SOCK", "list"), List.of("--version"));
    }

    @ParameterizedTest
    @MethodSource("taken")
    void sameResultAsPicocli(List<String> shape) {
        for (FakeServerBackend b : List.of(legacy, jsonRpc)) {
            String[] args = args(shape, b);
            String[] fast = runFast(args, b);
            assertNotNull(fast, () -> "the fast path should take " + shape);
            assertEquals(List.of(run(args, b, false)), List.of(fast), () -> String.join(" ", args));
        }
    }

    @ParameterizedTest
    @MethodSource("refused")
    void otherShapesGoToPicocli(List<String> shape) {
        assertNull(runFast(args(shape, legacy), legacy), () -> String.join(" ", shape));
    }

    @Test
    void theFastPathIsWhatMainRuns() {
        String[] args = args(List.of("-s", "SOCK", "list"), legacy);
        legacy.zinit.clearRequests();
        String[] r = run(args, legacy, true);
        assertEquals("0", r[0]);
        assertEquals(List.of("a-much-longer-name  Error", "net                 Success",
                "web                 Running"), r[1].lines().toList());
    }

    private static String[] args(List<String> shape, FakeServerBackend b) {
        List<String> out = new ArrayList<>();
        for (String a : shape) {
            out.add(a.replace("SOCK", b.zinit.socket().toString()).replace("DIR", b.zinit.configDir().toString()));
        }
        return out.toArray(new String[0]);
    }

    /** @return exit code, out and err through {@link ZinitCtl#execute} (fast) or picocli only */
    private static String[] run(String[] args, FakeServerBackend b, boolean viaExecute) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = viaExecute
                ? ZinitCtl.execute(args, b.factory(), Map.of(), false, new PrintWriter(out), new PrintWriter(err))
                : ZinitCtl.executeWithPicocli(args, b.factory(), Map.of(), false, new PrintWriter(out),
                        new PrintWriter(err));
        return new String[] {String.valueOf(code), out.toString(), stripTrace(err.toString())};
    }

    private static String[] runFast(String[] args, FakeServerBackend b) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Integer code = FastPath.run(args, b.factory(), Map.of(), false, new PrintWriter(out), new PrintWriter(err));
        return code == null ? null : new String[] {String.valueOf(code), out.toString(), stripTrace(err.toString())};
    }

    /** Stack traces (--debug) differ in their frames between the two paths; the first line must not. */
    private static String stripTrace(String err) {
        return err.lines().filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t... "))
                .reduce("", (a, l) -> a + l + "\n");
    }
}
