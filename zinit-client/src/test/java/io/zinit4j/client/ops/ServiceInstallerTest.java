package io.zinit4j.client.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.Behavior;
import io.zinit4j.testkit.Generation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServiceInstallerTest {

    @ParameterizedTest
    @EnumSource(Generation.class)
    void installIsIdempotent(Generation generation) {
        try (Node node = Node.start(generation)) {
            ServiceInstaller installer = new ServiceInstaller(node.client);

            Installation first = installer.install("web", Node.sleeper(), Node.WAIT);
            assertEquals(new Installation("web", FileChange.CREATED, true, false, false), first);
            assertTrue(first.changed());
            ServiceStatus running = node.client.status("web");
            assertTrue(running.state().is(StateKind.RUNNING));

            Installation again = installer.install("web", Node.sleeper(), Node.WAIT);
            assertEquals(new Installation("web", FileChange.UNCHANGED, false, false, false), again);
            assertFalse(again.changed());
            assertEquals(running.pid(), node.client.status("web").pid(), "the second install restarted nothing");
            assertEquals(List.of("web"), node.fake.monitored());
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void installOfAFileAlreadyThereOnlyMonitorsIt(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.client.addService("web", Node.sleeper());
            Installation done = new ServiceInstaller(node.client).install("web", Node.sleeper(), Node.WAIT);
            assertEquals(new Installation("web", FileChange.UNCHANGED, true, false, false), done);
            assertTrue(node.client.status("web").state().is(StateKind.RUNNING));
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void installOfAChangedFileUnderAMonitoredServiceSaysTheDefinitionIsStale(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.running("db", Node.sleeper());
            ServiceInstaller installer = new ServiceInstaller(node.client);
            installer.install("web", Node.sleeper(), Node.WAIT);
            int pid = node.client.status("web").pid();

            Installation done = installer.install("web", Node.sleeper("db"), Node.WAIT);

            assertEquals(new Installation("web", FileChange.UPDATED, false, false, true), done);
            assertEquals(Node.sleeper("db"), node.client.loadService("web"));
            // zinit still runs what it loaded: no dependency on db, same process
            assertEquals(List.of(), List.copyOf(node.client.status("web").after().keySet()));
            assertEquals(pid, node.client.status("web").pid());
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void updateReloadsOnlyWhenTheFileChanged(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.running("db", Node.sleeper());
            ServiceInstaller installer = new ServiceInstaller(node.client);
            assertEquals(new Installation("web", FileChange.CREATED, true, false, false),
                    installer.update("web", Node.sleeper(), Node.WAIT));

            Installation changed = installer.update("web", Node.sleeper("db"), Node.WAIT);
            assertEquals(new Installation("web", FileChange.UPDATED, false, true, false), changed);
            ServiceStatus reloaded = node.client.status("web");
            assertEquals(List.of("db"), List.copyOf(reloaded.after().keySet()), "zinit read the new file");
            assertTrue(reloaded.state().is(StateKind.RUNNING));

            Installation same = installer.update("web", Node.sleeper("db"), Node.WAIT);
            assertFalse(same.changed());
            assertEquals(reloaded.pid(), node.client.status("web").pid());
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void uninstallIsIdempotent(Generation generation) {
        try (Node node = Node.start(generation)) {
            ServiceInstaller installer = new ServiceInstaller(node.client);
            installer.install("web", Node.sleeper(), Node.WAIT);

            Removal first = installer.uninstall("web", Node.WAIT);
            assertEquals(new Removal("web", true, FileChange.REMOVED), first);
            assertTrue(first.changed());
            assertFalse(node.client.exists("web"));
            assertThrows(ServiceNotFoundException.class, () -> node.client.loadService("web"));

            Removal again = installer.uninstall("web", Node.WAIT);
            assertEquals(new Removal("web", false, FileChange.ABSENT), again);
            assertFalse(again.changed());
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void uninstallOfAFileNothingMonitorsDeletesIt(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.client.addService("idle", Node.sleeper());
            assertEquals(new Removal("idle", false, FileChange.REMOVED),
                    new ServiceInstaller(node.client).uninstall("idle", Node.WAIT));
            assertThrows(ServiceNotFoundException.class, () -> node.client.loadService("idle"));
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void aServiceThatCannotStartFailsTheInstallWithATypedError(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.fake.script("bad", Behavior.unstartable());
            ServiceInstaller installer = new ServiceInstaller(node.client);
            assertThrows(ServiceFailedException.class, () -> installer.install("bad", Node.sleeper(), Node.WAIT));
            // what was done stays done: the file is there and the service monitored, for the caller to inspect
            assertTrue(node.client.exists("bad"));
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void badArgumentsAreRefusedBeforeAnythingIsSent(Generation generation) {
        try (Node node = Node.start(generation)) {
            ServiceInstaller installer = new ServiceInstaller(node.client);
            assertThrows(InvalidServiceNameException.class, () -> installer.install("a/b", Node.sleeper(), Node.WAIT));
            assertThrows(NullPointerException.class, () -> installer.install("a", null, Node.WAIT));
            assertThrows(IllegalArgumentException.class,
                    () -> installer.uninstall("a", Duration.ofSeconds(-1)));
            assertEquals(List.of(), node.fake.requests());
        }
    }
}
