package io.zinit4j.client.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.client.ops.ServicePlan.Action;
import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.model.Filter;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.Behavior;
import io.zinit4j.testkit.Generation;
import io.zinit4j.testkit.RecordedRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConvergenceTest {

    @ParameterizedTest
    @EnumSource(Generation.class)
    void addsWhatIsMissingAndNeverTouchesServicesOutsideTheScope(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.running("other", Node.sleeper());
            int otherPid = node.client.status("other").pid();
            Convergence convergence = new Convergence(node.client);
            Map<String, ServiceConfig> desired = Map.of("app-a", Node.sleeper(), "app-b", Node.sleeper("app-a"));

            ServicePlan plan = convergence.plan(desired, Scope.prefix("app-"));
            assertEquals(List.of("app-a", "app-b"), plan.names(Action.ADD));
            assertEquals(2, plan.steps().size());
            assertFalse(plan.converged());
            assertTrue(plan.describe().contains("add app-a (no file, not monitored)"), plan.describe());

            ApplyResult result = plan.apply(Node.WAIT);
            assertTrue(result.ok(), result.describe());
            assertEquals(2, result.steps().size());
            assertTrue(node.client.status("app-a").state().is(StateKind.RUNNING));
            assertTrue(node.client.status("app-b").state().is(StateKind.RUNNING));
            assertEquals(otherPid, node.client.status("other").pid());

            assertTrue(convergence.plan(desired, Scope.prefix("app-")).converged());
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void changesReloadRemovalsDestroyAndKeptServicesKeepRunning(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.running("app-a", Node.sleeper());
            node.running("app-b", Node.sleeper());
            node.running("app-c", Node.sleeper());
            int keptPid = node.client.status("app-a").pid();
            Map<String, ServiceConfig> desired = new LinkedHashMap<>();
            desired.put("app-a", Node.sleeper());
            desired.put("app-b", Node.sleeper("app-a"));
            desired.put("app-d", Node.sleeper());

            ServicePlan plan = new Convergence(node.client).plan(desired, Scope.prefix("app-"));
            assertEquals(List.of(Action.KEEP, Action.CHANGE, Action.REMOVE, Action.ADD),
                    plan.steps().stream().map(ServicePlan.Step::action).toList(), plan.describe());

            ApplyResult result = plan.apply(Node.WAIT);
            assertTrue(result.ok(), result.describe());
            assertEquals(List.of("app-b", "app-c", "app-d"),
                    result.steps().stream().map(ApplyResult.StepResult::name).toList());
            assertEquals(keptPid, node.client.status("app-a").pid(), "a kept service is not restarted");
            assertEquals(List.of("app-a"), List.copyOf(node.client.status("app-b").after().keySet()),
                    "a changed service runs its new file");
            assertFalse(node.client.exists("app-c"));
            assertThrows(ServiceNotFoundException.class, () -> node.client.loadService("app-c"));
            assertTrue(node.client.status("app-d").state().is(StateKind.RUNNING));
            assertEquals(List.of("app-a", "app-b", "app-d"), node.fake.monitored());
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void aDryRunChangesNothing(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.running("app-old", Node.sleeper());
            node.client.protocol();
            node.fake.clearRequests();
            ServicePlan plan = new Convergence(node.client)
                    .plan(Map.of("app-new", Node.sleeper()), Scope.of(Filter.name("app-old").or(Filter.name("app-new"))));
            assertEquals(List.of("app-new"), plan.names(Action.ADD));
            assertEquals(List.of("app-old"), plan.names(Action.REMOVE));
            assertTrue(plan.describe().contains("remove app-old (monitored, not desired)"), plan.describe());
            assertFalse(node.fake.requests().isEmpty(), "the plan read the node");
            for (RecordedRequest r : node.fake.requests()) {
                String text = r.text();
                assertTrue(text.startsWith("list") || text.startsWith("status") || text.contains("service_list")
                        || text.contains("service_get"), "only reads: " + text);
            }
            assertEquals(List.of("app-old"), node.fake.monitored());
            assertThrows(ServiceNotFoundException.class, () -> node.client.loadService("app-new"));
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void oneFailingServiceDoesNotStopTheOthersAndIsReported(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.fake.script("app-bad", Behavior.unstartable());
            ServicePlan plan = new Convergence(node.client)
                    .plan(Map.of("app-bad", Node.sleeper(), "app-good", Node.sleeper()), Scope.prefix("app-"));

            ApplyResult result = plan.apply(Node.WAIT);

            assertFalse(result.ok());
            assertEquals(List.of("app-bad"), List.copyOf(result.failures().keySet()));
            assertInstanceOf(ServiceFailedException.class, result.failures().get("app-bad"));
            assertTrue(node.client.status("app-good").state().is(StateKind.RUNNING));
            assertTrue(result.describe().contains("add app-good: done"), result.describe());
            assertTrue(result.describe().contains("add app-bad: FAILED"), result.describe());
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void anUnmonitoredFileInScopeIsRemovedWhereFilesCanBeListed(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.client.addService("app-old", Node.sleeper());
            node.client.addService("keep-me", Node.sleeper());
            ServicePlan plan = new Convergence(node.client, node.fake.configDir()).plan(Map.of(), Scope.prefix("app-"));
            // the one-argument constructor lists the client's own config directory, the same one here
            ServicePlan byClient = new Convergence(node.client).plan(Map.of(), Scope.prefix("app-"));
            assertEquals(plan.steps(), byClient.steps());
            assertEquals(plan.notes(), byClient.notes());
            if (generation == Generation.LEGACY) {
                assertEquals(List.of("app-old"), plan.names(Action.REMOVE), plan.describe());
                assertTrue(plan.apply(Node.WAIT).ok());
                assertThrows(ServiceNotFoundException.class, () -> node.client.loadService("app-old"));
            } else {
                // JSON-RPC zinit cannot list files: the plan says so instead of guessing
                assertTrue(plan.converged(), plan.describe());
                assertTrue(plan.notes().get(0).contains("JSON-RPC"), plan.notes().toString());
            }
            assertEquals(Node.sleeper(), node.client.loadService("keep-me"));
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void aMonitoredServiceWithAChangedFileIsPlannedAsAChangeEvenWhenTheFileIsBroken(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.running("app-a", Node.sleeper());
            node.fake.writeService("app-a", "exec: [unclosed\n");
            ServicePlan plan = new Convergence(node.client).plan(Map.of("app-a", Node.sleeper()), Scope.prefix("app-"));
            assertEquals(List.of("app-a"), plan.names(Action.CHANGE));
            assertTrue(plan.describe().contains("monitored, file unreadable"), plan.describe());
            assertTrue(plan.apply(Node.WAIT).ok());
            assertEquals(Node.sleeper(), node.client.loadService("app-a"));
            assertTrue(node.client.status("app-a").state().is(StateKind.RUNNING));
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void badPlansAreRefusedBeforeAnythingIsSent(Generation generation) {
        try (Node node = Node.start(generation)) {
            Convergence convergence = new Convergence(node.client);
            assertThrows(IllegalArgumentException.class,
                    () -> convergence.plan(Map.of("web", Node.sleeper()), Scope.prefix("app-")));
            assertThrows(InvalidServiceNameException.class,
                    () -> convergence.plan(Map.of("app/x", Node.sleeper()), Scope.prefix("app")));
            assertEquals(List.of(), node.fake.requests());
            ServicePlan empty = convergence.plan(Map.of(), Scope.prefix("app-"));
            assertThrows(IllegalArgumentException.class, () -> empty.apply(Duration.ofSeconds(-1)));
        }
    }

    @Test
    void scopesDependOnTheNameOnly() {
        assertThrows(IllegalArgumentException.class, () -> Scope.prefix(""));
        assertThrows(IllegalArgumentException.class, () -> Scope.of(Filter.state(StateKind.RUNNING)));
        assertThrows(IllegalArgumentException.class, () -> Scope.of(Filter.exec("sleep")));
        assertTrue(Scope.prefix("app-").contains("app-web"));
        assertFalse(Scope.prefix("app-").contains("web"));
        Scope two = Scope.of(Filter.name("a").or(Filter.name("b")));
        assertTrue(two.contains("b"));
        assertFalse(two.contains("c"));
        assertTrue(Scope.of(Filter.all()).contains("anything"));
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void aPlanRefusesACycleAlsoThroughAServiceOutsideTheScopeAndADependencyItWouldRemove(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.running("app-old", Node.sleeper());
            node.running("app-a", Node.sleeper());
            node.running("outer", Node.sleeper("app-a"));
            Map<String, ServiceConfig> desired = Map.of("app-a", Node.sleeper("outer"), "app-b",
                    Node.sleeper("app-old"));
            io.zinit4j.error.ServiceDependencyException e = assertThrows(
                    io.zinit4j.error.ServiceDependencyException.class,
                    () -> new Convergence(node.client).plan(desired, Scope.prefix("app-")));
            assertEquals(List.of(List.of("app-a", "outer")), e.cycles());
            assertEquals(Map.of("app-b", List.of("app-old")), e.missing(), "app-old is in scope and not desired");
            assertEquals(List.of("app-a", "app-old", "outer"), node.fake.monitored());
        }
    }
}
