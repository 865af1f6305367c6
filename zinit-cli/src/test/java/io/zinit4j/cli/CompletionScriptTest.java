package io.zinit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The committed completion script (bash, and zsh through bashcompinit) must be what picocli generates from the
 * current commands. To regenerate it after changing a command, run this test with {@code
 * -Dzinitctl.updateCompletion=true}.
 */
class CompletionScriptTest {
    static final Path SCRIPT = Path.of("src/completion/zinitctl_completion");

    static String generate() {
        CommandLine cl = ZinitCtl.commandLine(o -> {
            throw new AssertionError("completion needs no client");
        }, Map.of(), false, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        return AutoComplete.bash("zinitctl", cl);
    }

    @Test
    void committedScriptIsUpToDate() throws IOException {
        String generated = generate();
        if (Boolean.getBoolean("zinitctl.updateCompletion")) {
            Files.writeString(SCRIPT, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(SCRIPT), "missing " + SCRIPT.toAbsolutePath()
                + "; run this test with -Dzinitctl.updateCompletion=true");
        assertEquals(generated, Files.readString(SCRIPT, StandardCharsets.UTF_8),
                "completion script is stale; run this test with -Dzinitctl.updateCompletion=true");
        for (String command : new String[] {"list", "status", "wait", "shutdown", "--exec-regex", "apply", "tree", "group", "watch", "--prune", "--dot"}) {
            assertTrue(generated.contains(command), command);
        }
    }
}
