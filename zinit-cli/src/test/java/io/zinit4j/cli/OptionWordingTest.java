package io.zinit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Options the client's builder would refuse are refused by zinitctl first, in its own words: the user typed {@code
 * --timeout} and {@code --protocol}, not {@code connectTimeout(..)} or {@code Protocol.JSON_RPC}.
 */
class OptionWordingTest {
    private record Run(int code, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ZinitCtl.execute(args, ClientFactory.standard(), Map.of(), false, new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(code, err.toString());
    }

    @Test
    void aZeroTimeoutNamesTheOption() {
        Run r = run("--timeout", "0s", "-s", "/nowhere/zinit.sock", "list");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--timeout must be more than zero"), r.err());
        assertFalse(r.err().contains("connectTimeout") || r.err().contains("readTimeout"), r.err());
    }

    @Test
    void aUrlWithTheLegacyProtocolNamesTheOptions() {
        Run r = run("--url", "http://127.0.0.1:9", "--protocol", "legacy", "list");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--url needs --protocol auto or json-rpc"), r.err());
        assertFalse(r.err().contains("Protocol.") || r.err().contains("IllegalStateException"), r.err());
    }
}
