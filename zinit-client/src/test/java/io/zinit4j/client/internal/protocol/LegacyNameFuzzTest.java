package io.zinit4j.client.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.internal.transport.SocketSettings;
import io.zinit4j.client.internal.transport.UnixSocketConnector;
import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.model.Signal;
import io.zinit4j.testkit.FakeZinitExtension;
import io.zinit4j.testkit.FakeZinitServer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random names, full of quotes, dollars, backslashes, spaces, line ends and non-ASCII text: each is either refused
 * before anything is sent, or reaches the server as exactly the one command meant (the fake's shell-style split of the
 * received line equals {@code [verb, name]}).
 */
class LegacyNameFuzzTest {
    private static final String ALPHABET = "ab-_.:@%+=/,'\"$`\\ \t\n\r#;&|*?~!(){}[]<>é日\u00a0\u2028\0";
    private static final int ROUNDS = 400;

    @RegisterExtension
    final FakeZinitExtension ext = new FakeZinitExtension();

    private static String randomName(Random r) {
        int len = r.nextInt(12);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (r.nextInt(8) == 0) {
                b.appendCodePoint(0x1F600 + r.nextInt(50));
            } else {
                b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
        }
        return b.toString();
    }

    @Test
    void theCodecCarriesEveryNameExactlyOrRefusesIt() {
        FakeZinitServer z = ext.server();
        LegacyCodec codec = new LegacyCodec(new UnixSocketConnector(new SocketSettings(z.socket(),
                Duration.ofSeconds(2), Duration.ofSeconds(5))));
        Random r = new Random(20261127L);
        int sent = 0;
        int refused = 0;
        for (int i = 0; i < ROUNDS; i++) {
            String name = randomName(r);
            int before = z.requests().size();
            boolean kill = r.nextBoolean();
            try {
                if (kill) {
                    codec.kill(name, Signal.SIGTERM);
                } else {
                    codec.status(name);
                }
                throw new AssertionError("the fake monitors nothing, yet " + name + " was found");
            } catch (ServiceNotFoundException e) {
                List<String> expected = kill ? List.of("kill", name, "SIGTERM") : List.of("status", name);
                assertEquals(expected, z.lastRequest().words().orElseThrow(), "name " + name);
                assertEquals(before + 1, z.requests().size());
                sent++;
            } catch (InvalidServiceNameException e) {
                assertTrue(name.contains("\n") || name.contains("\r") || name.contains("\0"), name);
                assertEquals(before, z.requests().size(), "nothing sent for a refused name");
                refused++;
            }
        }
        assertTrue(sent > ROUNDS / 4 && refused > 10, sent + " sent, " + refused + " refused");
    }

    @Test
    void theClientSendsOnlyValidatedNamesAndThoseExactly() {
        FakeZinitServer z = ext.server();
        try (ZinitClient c = ZinitClient.builder().socket(z.socket()).protocol(Protocol.LEGACY).build()) {
            Random r = new Random(7L);
            int sent = 0;
            for (int i = 0; i < ROUNDS; i++) {
                String name = randomName(r);
                int before = z.requests().size();
                try {
                    c.start(name);
                    throw new AssertionError("found " + name);
                } catch (ServiceNotFoundException e) {
                    assertEquals(List.of("start", name), z.lastRequest().words().orElseThrow(), name);
                    sent++;
                } catch (InvalidServiceNameException e) {
                    assertEquals(before, z.requests().size(), "nothing sent for " + name);
                }
            }
            assertTrue(sent > 10, "some names pass validation: " + sent);
        }
    }

    @Test
    void aNameWithSpacesAndQuotesCanStillBeAddressedThroughTheCodec() {
        FakeZinitServer z = ext.server();
        LegacyCodec codec = new LegacyCodec(new UnixSocketConnector(new SocketSettings(z.socket(),
                Duration.ofSeconds(2), Duration.ofSeconds(5))));
        ServiceNotFoundException e = assertThrows(ServiceNotFoundException.class, () -> codec.status("it's a \"b\""));
        assertEquals("service name \"it's a \\\"b\\\"\" unknown", e.serverMessage());
        assertEquals("status 'it'\\''s a \"b\"'\n", z.lastRequest().text());
    }
}
