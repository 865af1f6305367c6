package io.zinit4j.client.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.client.ZinitClient;
import io.zinit4j.model.Filter;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.Generation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The "Beyond the basics" example of the README, line for line, against both fakes. */
class BeyondTheBasicsExampleTest {

    @ParameterizedTest
    @EnumSource(Generation.class)
    void theReadmeExampleRuns(Generation generation) {
        try (Node node = Node.start(generation)) {
            ZinitClient zinit = node.client;
            // --- README ---
            ServiceConfig db = ServiceConfig.builder().exec("redis-server --port 6379").build();
            ServiceConfig web = ServiceConfig.builder().exec("web-server --port 8080").after("db").build();
            ServiceConfig worker = ServiceConfig.builder().exec("worker").after("db").build();

            Installation installed = new ServiceInstaller(zinit).install("db", db, Duration.ofSeconds(20));

            ServicePlan plan = new Convergence(zinit)
                    .plan(Map.of("app-web", web, "app-worker", worker), Scope.prefix("app-"));
            String dryRun = plan.describe();
            ApplyResult result = plan.apply(Duration.ofSeconds(20));

            ServiceInventory inventory = new ServiceInventory(zinit);
            Map<String, ServiceStatus> failing = inventory.statusAll(Filter.state(StateKind.ERROR, StateKind.FAILURE));
            List<String> needDb = inventory.dependents("db");
            DriftReport drift = inventory.drift();
            // --- end ---
            assertTrue(installed.changed());
            assertTrue(dryRun.contains("add app-web"), dryRun);
            assertTrue(result.ok(), result.describe());
            assertEquals(Map.of(), failing);
            assertEquals(List.of("app-web", "app-worker"), needDb);
            assertTrue(drift.noDriftFound(), drift.describe());
        }
    }
}
