package io.zinit4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Generation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The example of the README, compiled and run as it stands against a fake zinit of each generation. The text between
 * the markers is the README's text: change both together.
 */
class ReadmeExampleTest {

    @ParameterizedTest
    @EnumSource(Generation.class)
    void theReadmeExampleRuns(Generation generation) throws IOException {
        try (FakeZinitServer fake = FakeZinitServer.builder().generation(generation).build().start()) {
            Path socket = fake.socket();
            Path configDir = fake.configDir();
            // README-EXAMPLE-START
            try (ZinitClient zinit = ZinitClient.builder().socket(socket).configDir(configDir).build()) {
                zinit.addService("web", ServiceConfig.builder().exec("sleep 1000").build());
                zinit.monitor("web");
                zinit.startWait(Duration.ofSeconds(10), "web");
                System.out.println(zinit.status("web"));
            }
            // README-EXAMPLE-END

            // what the example promises: the service file is there, and the service runs
            assertEquals(ServiceConfig.builder().exec("sleep 1000").build(),
                    ServiceConfig.fromYaml(Files.readString(configDir.resolve("web.yaml"), StandardCharsets.UTF_8)));
            try (ZinitClient check = ZinitClient.builder().socket(socket).configDir(configDir).build()) {
                ServiceStatus web = check.status("web");
                assertTrue(web.state().is(StateKind.RUNNING), web.toString());
                assertEquals(ServiceTarget.UP, web.target());
            }
        }
    }
}
