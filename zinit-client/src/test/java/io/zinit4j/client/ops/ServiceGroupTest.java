package io.zinit4j.client.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.client.LogStream;
import io.zinit4j.error.ServiceDependencyException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.model.LogLine;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.Behavior;
import io.zinit4j.testkit.Generation;
import io.zinit4j.testkit.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServiceGroupTest {
    /** db, then app after db, then web after app: the group "vm-". */
    static Map<String, ServiceConfig> chain() {
        return Map.of("vm-db", Node.sleeper(), "vm-app", Node.sleeper("vm-db"), "vm-web", Node.sleeper("vm-app"));
    }

    private static ServiceGroup applied(Node node) {
        ServiceGroup group = ServiceGroup.prefix(node.client, "vm-");
        ApplyResult result = group.apply(chain(), Node.WAIT);
        assertTrue(result.ok(), result.describe());
        return group;
    }

    /** The order in which the fake was asked to do an action (start, stop) to the services, either protocol. */
    private static List<String> order(Node node, String action, List<String> services) {
        List<String> out = new ArrayList<>();
        for (RecordedRequest r : node.fake.requests()) {
            String t = r.text();
            for (String s : services) {
                boolean legacy = t.strip().equals(action + " " + s);
                boolean rpc = t.contains("\"service_" + action + "\"") && t.contains("\"" + s + "\"");
                if ((legacy || rpc) && !out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void aCycleOrAMissingDependencyIsRefusedWithEveryOffenderAndNothingWritten(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.running("base", Node.sleeper());
            ServiceGroup group = ServiceGroup.prefix(node.client, "vm-");
            Map<String, ServiceConfig> bad = Map.of(
                    "vm-a", Node.sleeper("vm-b"), "vm-b", Node.sleeper("vm-a"),
                    "vm-c", Node.sleeper("base", "nowhere"), "vm-d", Node.sleeper("vm-gone", "vm-c"));
            node.fake.clearRequests();

            ServiceDependencyException e = assertThrows(ServiceDependencyException.class,
                    () -> group.apply(bad, Node.WAIT));

            assertEquals(List.of(List.of("vm-a", "vm-b")), e.cycles());
            assertEquals(Map.of("vm-c", List.of("nowhere"), "vm-d", List.of("vm-gone")), e.missing(),
                    "a service outside the group that is on the server is fine");
            assertEquals(List.of("base"), node.fake.monitored());
            for (String s : bad.keySet()) {
                assertThrows(ServiceNotFoundException.class, () -> node.client.loadService(s), s);
            }
            for (RecordedRequest r : node.fake.requests()) {
                String t = r.text();
                assertFalse(t.contains("service_create") || t.contains("service_monitor") || t.startsWith("monitor"),
                        "nothing written: " + t);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void startsInDependencyOrderStopsDependentsFirstAndReportsHealth(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.running("other", Node.sleeper());
            int otherPid = node.client.status("other").pid();
            ServiceGroup group = applied(node);
            assertEquals(List.of("vm-app", "vm-db", "vm-web"), group.members());
            assertTrue(group.status().healthy(), group.status().toString());

            node.fake.clearRequests();
            group.stop(Node.WAIT);
            assertEquals(List.of("vm-web", "vm-app", "vm-db"), order(node, "stop", group.members()));
            GroupStatus stopped = group.status();
            assertFalse(stopped.healthy());
            assertEquals(List.of("vm-app", "vm-db", "vm-web"), List.copyOf(stopped.unhealthy().keySet()));
            for (var s : stopped.members().values()) {
                assertEquals(ServiceTarget.DOWN, s.target(), s.toString());
                assertTrue(s.state().exited() || s.pid() == 0, s.toString());
            }

            node.fake.clearRequests();
            group.start(Node.WAIT);
            assertEquals(List.of("vm-db", "vm-app", "vm-web"), order(node, "start", group.members()));
            assertTrue(group.status().healthy(), group.status().toString());

            node.client.stopWait(Node.WAIT, "vm-app");
            GroupStatus one = group.status();
            assertFalse(one.healthy());
            assertEquals(List.of("vm-app"), List.copyOf(one.unhealthy().keySet()));
            assertEquals(otherPid, node.client.status("other").pid(), "outside the group, untouched");
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void restartGivesEveryMemberANewProcessAndDestroyForgetsThem(Generation generation) {
        try (Node node = Node.start(generation)) {
            node.running("other", Node.sleeper());
            ServiceGroup group = applied(node);
            Map<String, Integer> before = pids(node, group.members());

            group.restart(Node.WAIT);
            Map<String, Integer> after = pids(node, group.members());
            for (String m : before.keySet()) {
                assertNotEquals(before.get(m), after.get(m), m);
                assertTrue(node.client.status(m).state().is(StateKind.RUNNING), m);
            }

            assertEquals(List.of("vm-app", "vm-db", "vm-web"), group.destroy(Node.WAIT));
            assertEquals(List.of("other"), node.fake.monitored());
            assertThrows(ServiceNotFoundException.class, () -> node.client.loadService("vm-db"));
            assertEquals(List.of(), group.members());
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void restartWithDependentsRestartsWhatRunsAfterAndNothingElse(Generation generation) {
        try (Node node = Node.start(generation)) {
            ServiceGroup group = applied(node);
            node.running("vm-lone", Node.sleeper());
            node.running("outside", Node.sleeper("vm-app"));
            Map<String, Integer> before = pids(node, List.of("vm-db", "vm-app", "vm-web", "vm-lone", "outside"));
            node.fake.clearRequests();

            List<String> restarted = group.restartWithDependents("vm-app", Node.WAIT);

            assertEquals(List.of("outside", "vm-web"), restarted);
            Map<String, Integer> after = pids(node, List.of("vm-db", "vm-app", "vm-web", "vm-lone", "outside"));
            assertEquals(before.get("vm-db"), after.get("vm-db"), "what it runs after stays");
            assertEquals(before.get("vm-lone"), after.get("vm-lone"));
            for (String s : List.of("vm-app", "vm-web", "outside")) {
                assertNotEquals(before.get(s), after.get(s), s);
                assertTrue(node.client.status(s).state().is(StateKind.RUNNING), s);
            }
            List<String> stops = order(node, "stop", List.of("vm-app", "vm-web", "outside"));
            assertEquals("vm-app", stops.get(stops.size() - 1), "dependents stop first: " + stops);
            assertThrows(ServiceNotFoundException.class, () -> group.restartWithDependents("vm-nope", Node.WAIT));
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void logsAreTheMembersLinesTogether(Generation generation) {
        try (Node node = Node.start(generation)) {
            ServiceGroup group = ServiceGroup.of(node.client, "pair", List.of("vm-a", "vm-b"));
            node.fake.addLog("vm-a", "one");
            node.fake.addLog("other", "not ours");
            node.fake.addLog("vm-b", "two");
            node.fake.addLog("vm-c", "not listed");
            node.fake.addLog("vm-a/test", "probe");
            List<String> seen = new ArrayList<>();
            try (LogStream logs = group.logs()) {
                for (LogLine l : logs) {
                    seen.add(l.service() + ":" + l.text());
                }
            }
            assertEquals(List.of("vm-a:one", "vm-b:two", "vm-a/test:probe"), seen);

            try (LogStream follow = group.followLogs()) {
                assertEquals("one", follow.next().text());
                assertEquals("two", follow.next().text());
                assertEquals("probe", follow.next().text());
                node.fake.addLog("other", "still not ours");
                node.fake.addLog("vm-b", "three");
                assertEquals("three", follow.next().text());
            }
            GroupStatus status = group.status();
            assertFalse(status.healthy());
            assertEquals(Map.of("vm-a", "not monitored", "vm-b", "not monitored"), status.unhealthy());
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void theSupervisorRestartsTheWholeGroupWithBackOffUpToItsLimit(Generation generation) throws Exception {
        try (Node node = Node.start(generation)) {
            ServiceGroup group = applied(node);
            int dbPid = node.client.status("vm-db").pid();
            node.fake.script("vm-web", Behavior.crashesAfter(Duration.ofMillis(600), Signal.SIGKILL));
            node.client.restart(Node.WAIT, "vm-web");
            List<GroupEvent> events = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            RestartPolicy policy = RestartPolicy.builder().initialBackoff(Duration.ofMillis(10))
                    .maxBackoff(Duration.ofMillis(40)).maxRestarts(2).restartTimeout(Node.WAIT).build();

            try (GroupSupervisor supervisor = group.supervise(policy, e -> {
                events.add(e);
                if (e.kind() == GroupEvent.Kind.GAVE_UP) {
                    done.countDown();
                }
            })) {
                assertTrue(done.await(60, TimeUnit.SECONDS), "gave up in the end: " + events);
                assertTrue(supervisor.gaveUp());
                assertFalse(supervisor.isRunning());
                assertEquals(2, supervisor.restarts());
            }
            List<GroupEvent.Kind> kinds = events.stream().map(GroupEvent::kind)
                    .filter(k -> k != GroupEvent.Kind.WATCHING && k != GroupEvent.Kind.FAILED).toList();
            assertEquals(List.of(GroupEvent.Kind.CRASHED, GroupEvent.Kind.RESTARTING, GroupEvent.Kind.RESTARTED,
                    GroupEvent.Kind.CRASHED, GroupEvent.Kind.RESTARTING, GroupEvent.Kind.RESTARTED,
                    GroupEvent.Kind.CRASHED, GroupEvent.Kind.GAVE_UP), kinds, events.toString());
            assertTrue(events.stream().filter(e -> e.kind() == GroupEvent.Kind.CRASHED)
                    .allMatch(e -> "vm-web".equals(e.service())), events.toString());
            List<Duration> delays = events.stream().filter(e -> e.kind() == GroupEvent.Kind.RESTARTING)
                    .map(GroupEvent::delay).toList();
            assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20)), delays, "the back-off doubles");
            assertNotEquals(dbPid, node.client.status("vm-db").pid(), "the whole group was restarted");
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void aClosedSupervisorStopsAndAStopOnPurposeIsNoCrash(Generation generation) throws Exception {
        try (Node node = Node.start(generation)) {
            ServiceGroup group = applied(node);
            List<GroupEvent> events = new CopyOnWriteArrayList<>();
            CountDownLatch watching = new CountDownLatch(1);
            GroupSupervisor supervisor = group.supervise(RestartPolicy.defaults(), e -> {
                events.add(e);
                if (e.kind() == GroupEvent.Kind.WATCHING) {
                    watching.countDown();
                }
            });
            assertTrue(watching.await(30, TimeUnit.SECONDS));
            group.stop(Node.WAIT);
            // the supervisor polls the stopped members at least once more before it is closed
            node.client.watch("vm-db").next(Duration.ofMillis(300));
            supervisor.close();
            assertFalse(supervisor.isRunning());
            assertEquals(0, supervisor.restarts(), events.toString());
            assertEquals(GroupEvent.Kind.CLOSED, events.get(events.size() - 1).kind());
            assertTrue(events.stream().noneMatch(e -> e.kind() == GroupEvent.Kind.CRASHED), events.toString());
        }
    }

    private static Map<String, Integer> pids(Node node, List<String> names) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (String n : names) {
            out.put(n, node.client.status(n).pid());
        }
        return out;
    }
}
