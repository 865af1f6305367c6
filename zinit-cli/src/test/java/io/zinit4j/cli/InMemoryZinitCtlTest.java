package io.zinit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.client.Protocol;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command-line contract against the in-memory test double, plus what only the double can observe: the global
 * options handed to the {@link ClientFactory}, and that clients are closed.
 */
class InMemoryZinitCtlTest extends ZinitCtlContractTest {
    @Override
    protected CliBackend newBackend() {
        return new InMemoryBackend();
    }

    private InMemoryBackend memory() {
        return (InMemoryBackend) backend;
    }

    @Test
    void globalOptionsReachTheFactory() {
        run("-s", "/run/z.sock", "--config-dir", "/cfg", "--protocol", "JSON-RPC", "--timeout", "1500ms", "list")
                .ok();
        GlobalOptions o = memory().made.get(0);
        assertEquals(Path.of("/run/z.sock"), o.socket());
        assertEquals(Path.of("/cfg"), o.configDir());
        assertEquals(Protocol.JSON_RPC, o.protocol());
        assertEquals(Duration.ofMillis(1500), o.timeout());
    }

    @Test
    void defaultsComeFromTheEnvironment() {
        env = Map.of("ZINIT_CONFIG_DIR", "/etc/zinit-test");
        run("list").ok();
        GlobalOptions o = memory().made.get(0);
        assertNull(o.socket(), "the client picks the socket (ZINIT_SOCKET, then its defaults)");
        assertEquals(Path.of("/etc/zinit-test"), o.configDir());
        assertEquals(Protocol.AUTO, o.protocol());
        assertNull(o.timeout());
    }

    @Test
    void theClientIsClosedAfterTheCommand() {
        run("list").ok();
        assertTrue(memory().zinit.closed);
    }

    @Test
    void refusedCommandsNeverMakeAClient() {
        run("shutdown");
        assertTrue(memory().made.isEmpty());
    }

    @Test
    void waitAsksForStatusOnlyUntilTheGoal() {
        run("wait", "web", "net", "--for", "running").ok();
        assertEquals(1, memory().zinit.calls.stream().filter(c -> c.equals("status web")).count());
    }

    @Test
    void startWithWaitUsesOneBulkCall() {
        run("start", "--wait=3s", "web", "net").ok();
        assertTrue(memory().zinit.calls.contains("startMultiple PT3S web net"), memory().zinit.calls.toString());
    }

    @Test
    void onlyTheCommandRunIsBuiltUnlessHelpIsAsked() {
        assertEquals("list", ZinitCtl.commandName(new String[] {"-s", "/x", "--json", "list"}));
        assertEquals("wait", ZinitCtl.commandName(new String[] {"--timeout", "1s", "--", "wait", "a"}));
        assertNull(ZinitCtl.commandName(new String[] {"--help", "list"}));
        assertNull(ZinitCtl.commandName(new String[] {"frobnicate"}));
        assertNull(ZinitCtl.commandName(new String[] {"--debug"}));
        // the help of the root lists every command even though runs build only one
        Run help = run("--help");
        for (String name : ZinitCtl.COMMANDS.keySet()) {
            assertTrue(help.out().contains("  " + name + " "), name);
        }
    }

    @Test
    void colourOnATerminalUnlessNoColour() {
        StringWriter out = new StringWriter();
        ZinitCtl.execute(new String[] {"list"}, backend.factory(), Map.of(), true, new PrintWriter(out),
                new PrintWriter(new StringWriter()), clock);
        assertTrue(out.toString().contains("\u001b[32mRunning\u001b[0m"), out.toString());
        StringWriter plain = new StringWriter();
        ZinitCtl.execute(new String[] {"list"}, backend.factory(), Map.of("NO_COLOR", "1"), true,
                new PrintWriter(plain), new PrintWriter(new StringWriter()), clock);
        assertTrue(!plain.toString().contains("\u001b["), plain.toString());
        StringWriter json = new StringWriter();
        ZinitCtl.execute(new String[] {"list", "--json"}, backend.factory(), Map.of(), true, new PrintWriter(json),
                new PrintWriter(new StringWriter()), clock);
        assertTrue(!json.toString().contains("\u001b["), json.toString());
    }
}
