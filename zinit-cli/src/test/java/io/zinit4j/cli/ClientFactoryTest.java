package io.zinit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.lifecycle.LifecycleClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The standard factory hands the global options to the real client builder; building connects to nothing. */
class ClientFactoryTest {
    @Test
    void anExplicitSocketIsUsed() {
        try (ZinitClient c = ClientFactory.standard().create(new GlobalOptions(Path.of("/run/test-zinit.sock"),
                Path.of("/tmp/cfg"), Protocol.LEGACY, Duration.ofSeconds(2), false))) {
            assertEquals(Path.of("/run/test-zinit.sock"), c.socketChoice().path());
            assertEquals("set explicitly", c.socketChoice().reason());
        }
    }

    @Test
    void withoutASocketTheClientChooses() {
        try (ZinitClient c = ClientFactory.standard().create(new GlobalOptions(null, null, Protocol.AUTO, null,
                false))) {
            assertNotEquals("set explicitly", c.socketChoice().reason());
        }
    }

    @Test
    void waitsUseTheFactorysClock() {
        LifecycleClock clock = new LifecycleClock() {
            @Override
            public long nanoTime() {
                return 42;
            }

            @Override
            public void sleepNanos(long nanos) {
            }
        };
        assertSame(clock, ClientFactory.standard(clock).clock());
        assertSame(LifecycleClock.system(), ClientFactory.standard().clock());
        ClientFactory lambda = options -> null;
        assertSame(LifecycleClock.system(), lambda.clock());
    }
}
