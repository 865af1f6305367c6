package io.zinit4j.client.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.model.Filter;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.Generation;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServiceInventoryTest {

    @ParameterizedTest
    @EnumSource(Generation.class)
    void statusAllGivesEveryMatchingServiceItsStatus(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.running("web", Node.sleeper());
            node.running("db", Node.sleeper());
            node.running("cache", Node.sleeper("db"));
            node.fake.setStatus("db", 0, ServiceState.parse("Error(Exited(Pid(12), 3))"), ServiceTarget.DOWN);
            ServiceInventory inventory = new ServiceInventory(node.client);

            Map<String, ServiceStatus> all = inventory.statusAll();
            assertEquals(List.of("cache", "db", "web"), new ArrayList<>(all.keySet()));
            assertEquals(Map.of("db", ServiceState.parse("Error(Exited(Pid(12), 3))")), all.get("cache").after());
            assertEquals(ServiceTarget.DOWN, all.get("db").target());
            assertTrue(all.get("web").state().is(StateKind.RUNNING));
            assertTrue(all.get("web").pid() > 0);

            assertEquals(List.of("db"), List.copyOf(inventory.statusAll(Filter.state(StateKind.ERROR)).keySet()));
            assertEquals(List.of("web"), List.copyOf(inventory.statusAll(Filter.name("web")).keySet()));
            assertEquals(List.of("cache", "web"),
                    List.copyOf(inventory.statusAll(Filter.state(StateKind.ERROR).negate()).keySet()));
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void statusAllOfManyServicesAndOfNone(Generation generation) {
        try (Node node = Node.start(generation)) {
            ServiceInventory inventory = new ServiceInventory(node.client);
            assertEquals(Map.of(), inventory.statusAll());
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String name = "svc" + (char) ('a' + i);
                names.add(name);
                node.client.addService(name, Node.sleeper());
                node.client.monitor(name);
            }
            node.client.startMultiple(Node.WAIT, names.toArray(String[]::new));
            Map<String, ServiceStatus> all = inventory.statusAll();
            assertEquals(names, new ArrayList<>(all.keySet()));
            all.forEach((name, status) -> assertEquals(name, status.name()));
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void dependentsAreTheServicesWhoseAfterNamesIt(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.running("base", Node.sleeper());
            node.running("mid", Node.sleeper("base"));
            node.running("top", Node.sleeper("base", "mid"));
            node.running("alone", Node.sleeper());
            node.client.addService("waiting", Node.sleeper("absent"));
            node.client.monitor("waiting"); // stays blocked: "absent" is not monitored
            ServiceInventory inventory = new ServiceInventory(node.client);

            assertEquals(List.of("mid", "top"), inventory.dependents("base"));
            assertEquals(List.of("top"), inventory.dependents("mid"));
            assertEquals(List.of(), inventory.dependents("alone"));
            assertEquals(List.of("waiting"), inventory.dependents("absent"));
            assertThrows(InvalidServiceNameException.class, () -> inventory.dependents("a/b"));
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void driftFindsMonitoredServicesWithoutOrWithBrokenFilesAndListsOrphansWhereItCan(Generation generation)
            throws Exception {
        try (Node node = Node.start(generation)) {
            node.running("fine", Node.sleeper());
            node.running("gone", Node.sleeper());
            node.running("broken", Node.sleeper());
            Files.delete(node.fake.configDir().resolve("gone.yaml"));
            node.fake.writeService("broken", "exec: [unclosed\n");
            node.fake.writeService("orphan", "exec: sleep 5\n");

            DriftReport drift = new ServiceInventory(node.client, node.fake.configDir()).drift();

            assertEquals(List.of("gone"), drift.monitoredWithoutFile());
            assertEquals(List.of("broken"), drift.unreadableFiles());
            assertFalse(drift.noDriftFound());
            assertTrue(drift.notes().stream().anyMatch(n -> n.contains("not knowable")), drift.notes().toString());
            if (generation == Generation.LEGACY) {
                // legacy zinit reads the config directory, so it can be listed
                assertTrue(drift.filesListed());
                assertEquals(List.of("orphan"), drift.unmonitoredFiles());
            } else {
                // JSON-RPC zinit offers no listing of files: said, not guessed
                assertFalse(drift.filesListed());
                assertEquals(List.of(), drift.unmonitoredFiles());
                assertTrue(drift.notes().stream().anyMatch(n -> n.contains("JSON-RPC")), drift.notes().toString());
            }
            assertTrue(drift.describe().contains("monitored without a file: [gone]"), drift.describe());
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void driftWithTheOneArgumentConstructorListsTheClientsConfigDirectoryOnLegacy(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.running("fine", Node.sleeper());
            node.fake.writeService("orphan", "exec: sleep 5\n");
            assertEquals(node.fake.configDir(), node.client.configDir());
            DriftReport drift = new ServiceInventory(node.client).drift();
            assertEquals(List.of(), drift.monitoredWithoutFile());
            assertEquals(List.of(), drift.unreadableFiles());
            if (generation == Generation.LEGACY) {
                // the client's own config directory is the one a legacy zinit reads
                assertTrue(drift.filesListed());
                assertEquals(List.of("orphan"), drift.unmonitoredFiles());
                assertFalse(drift.noDriftFound());
                assertEquals(1, drift.notes().size(), drift.notes().toString());
            } else {
                assertTrue(drift.noDriftFound());
                assertFalse(drift.filesListed());
                assertEquals(List.of(), drift.unmonitoredFiles());
                assertEquals(2, drift.notes().size(), drift.notes().toString());
            }
        }
    }
}
