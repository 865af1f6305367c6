package io.zinit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.ZinitConnectionException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** zinitctl's wording of failures: CLI options instead of builder methods, the library's text otherwise. */
class FailureTextTest {

    @Test
    void aMissingSocketNamesTheCliOptionAndTheVariable() {
        var e = new ZinitConnectionException(Path.of("/nowhere/zinit.sock"), ZinitConnectionException.Reason.NO_SOCKET,
                "cannot connect to zinit: ... ZinitClient.builder().socket(..) ...", new IOException("ENOENT"));
        String text = FailureText.of(e);
        assertTrue(text.startsWith("cannot connect to zinit: no socket at /nowhere/zinit.sock"), text);
        assertTrue(text.contains("-s/--socket") && text.contains("ZINIT_SOCKET"), text);
        assertFalse(text.contains("builder"), text);
    }

    @Test
    void otherConnectionFailuresKeepTheLibraryText() {
        for (var reason : new ZinitConnectionException.Reason[] {ZinitConnectionException.Reason.PERMISSION_DENIED,
                ZinitConnectionException.Reason.NOT_LISTENING, ZinitConnectionException.Reason.OTHER}) {
            var e = new ZinitConnectionException(Path.of("/run/z.sock"), reason, "what the library said", null);
            assertEquals("what the library said", FailureText.of(e));
        }
    }

    @Test
    void zinitErrorsKeepTheirMessageOthersGetTheirTypeAndEmptyOnesOnlyTheType() {
        assertEquals("unknown service 'web'", FailureText.of(
                new ServiceNotFoundException("unknown service 'web'", "service not found", null, null)));
        assertEquals("IllegalStateException: odd", FailureText.of(new IllegalStateException("odd")));
        assertEquals("NullPointerException", FailureText.of(new NullPointerException()));
        assertEquals("bad duration", FailureText.of(new IllegalArgumentException("bad duration")));
    }
}
