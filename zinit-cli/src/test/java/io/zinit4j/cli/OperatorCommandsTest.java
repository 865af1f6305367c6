package io.zinit4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Generation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code apply}, {@code tree}, {@code group} and {@code watch} against a fake of each generation, through the standard
 * client factory and the real clock (nothing asserts how long anything took).
 */
class OperatorCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\\R"));
        }
    }

    private static final class Node implements AutoCloseable {
        final FakeZinitServer fake;
        final ZinitClient client;

        Node(Generation generation) {
            fake = FakeZinitServer.builder().generation(generation).restartDelay(Duration.ofMillis(30)).build()
                    .start();
            client = ZinitClient.builder().socket(fake.socket()).configDir(fake.configDir()).build();
        }

        Run run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            List<String> all = new ArrayList<>(List.of("-s", fake.socket().toString(), "--config-dir",
                    fake.configDir().toString()));
            all.addAll(List.of(args));
            int code = ZinitCtl.execute(all.toArray(new String[0]), ClientFactory.standard(), Map.of(), false,
                    new PrintWriter(out, true), new PrintWriter(err, true));
            return new Run(code, out.toString(), err.toString());
        }

        int pid(String name) {
            return client.status(name).pid();
        }

        @Override
        public void close() {
            client.close();
            fake.close();
        }
    }

    private Path dir(Map<String, ServiceConfig> files) throws IOException {
        Path d = Files.createTempDirectory(tmp, "svc");
        for (var e : files.entrySet()) {
            Files.writeString(d.resolve(e.getKey() + ".yaml"), e.getValue().toYaml());
        }
        Files.writeString(d.resolve("README.txt"), "not a service file");
        return d;
    }

    private static ServiceConfig sleeper(String... after) {
        return ServiceConfig.builder().exec("sleep 1000").after(after).build();
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void applyPrintsThePlanAndASecondApplyChangesNothing(Generation generation) throws IOException {
        try (Node node = new Node(generation)) {
            Path d = dir(Map.of("vm-db", sleeper(), "vm-app", sleeper("vm-db")));
            Run first = node.run("apply", "-f", d.toString(), "--prefix", "vm-");
            assertEquals(0, first.code(), first.err());
            assertEquals("+ vm-app  (no file, not monitored)", first.lines().get(0), first.out());
            assertEquals("+ vm-db  (no file, not monitored)", first.lines().get(1), first.out());
            assertTrue(first.out().contains("applied: 2 added, 0 changed, 0 removed, 0 kept"), first.out());
            assertTrue(node.client.status("vm-app").state().is(StateKind.RUNNING));
            int appPid = node.pid("vm-app");
            int dbPid = node.pid("vm-db");

            Run second = node.run("apply", "-f", d.toString(), "--prefix", "vm-");
            assertEquals(0, second.code(), second.err());
            assertEquals(List.of("= vm-app  (file matches, monitored)", "= vm-db  (file matches, monitored)",
                    "nothing changed: 2 services already match " + d), second.lines().subList(
                    second.lines().size() - 3, second.lines().size()));
            assertEquals(appPid, node.pid("vm-app"), "running services keep their pids");
            assertEquals(dbPid, node.pid("vm-db"));

            Files.writeString(d.resolve("vm-app.yaml"), sleeper().toYaml());
            Files.writeString(d.resolve("vm-new.yaml"), sleeper("vm-app").toYaml());
            node.client.addService("vm-old", sleeper());
            node.client.monitor("vm-old");
            Run dry = node.run("apply", "-f", d.toString(), "--prefix", "vm-", "--prune", "--dry-run");
            assertEquals(0, dry.code(), dry.err());
            assertEquals(List.of("~ vm-app  (monitored, file differs)", "= vm-db  (file matches, monitored)",
                    "+ vm-new  (no file, not monitored)", "- vm-old  (monitored, not desired)",
                    "dry run: nothing changed"), dry.lines().stream().filter(l -> !l.startsWith("note:")).toList());
            assertEquals(appPid, node.pid("vm-app"));
            assertTrue(node.client.exists("vm-old"));

            Run noPrune = node.run("apply", "-f", d.toString(), "--prefix", "vm-", "--json");
            assertEquals(0, noPrune.code(), noPrune.err());
            JsonNode j = JSON.readTree(noPrune.out());
            assertTrue(j.get("changed").asBoolean());
            assertTrue(j.get("ok").asBoolean());
            assertEquals(3, j.get("plan").size(), "without --prune nothing else is in scope: " + j);
            assertTrue(node.client.exists("vm-old"));
            assertNotEquals(appPid, node.pid("vm-app"), "a changed service is reloaded");
            assertEquals(dbPid, node.pid("vm-db"));

            Run prune = node.run("apply", "-f", d.toString(), "--prefix", "vm-", "--prune");
            assertEquals(0, prune.code(), prune.err());
            assertTrue(prune.out().contains("- vm-old"), prune.out());
            assertFalse(node.client.exists("vm-old"));
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void applyRefusesACycleOrAMissingDependencyBeforeWritingAnything(Generation generation) throws IOException {
        try (Node node = new Node(generation)) {
            Path cycle = dir(Map.of("vm-a", sleeper("vm-b"), "vm-b", sleeper("vm-a"), "vm-c", sleeper("nowhere")));
            Run r = node.run("apply", "-f", cycle.toString());
            assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("cycle vm-a -> vm-b -> vm-a"), r.err());
            assertTrue(r.err().contains("vm-c runs after nowhere"), r.err());
            assertEquals("", r.out());
            assertEquals(List.of(), node.fake.monitored());
            assertFalse(Files.exists(node.fake.configDir().resolve("vm-a.yaml")));

            Run prune = node.run("apply", "-f", cycle.toString(), "--prune");
            assertEquals(ExitCodes.USAGE, prune.code());
            assertTrue(prune.err().contains("--prune needs --prefix"), prune.err());
            Run outside = node.run("apply", "-f", cycle.toString(), "--prefix", "app-");
            assertEquals(ExitCodes.USAGE, outside.code());
            assertTrue(outside.err().contains("without the prefix"), outside.err());
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void treeShowsTheGraphAsTextDotAndJson(Generation generation) throws IOException {
        try (Node node = new Node(generation)) {
            Path d = dir(Map.of("db", sleeper(), "app", sleeper("db"), "web", sleeper("app", "db")));
            assertEquals(0, node.run("apply", "-f", d.toString()).code());
            node.client.stopWait(WAIT, "db");

            Run text = node.run("tree");
            assertEquals(0, text.code(), text.err());
            List<String> lines = text.lines();
            assertTrue(lines.get(0).startsWith("web  Running"), text.out());
            assertTrue(lines.get(1).startsWith("|-- app  Running"), text.out());
            assertTrue(lines.get(2).startsWith("|   `-- db  "), text.out());
            assertFalse(lines.get(2).contains("Running"), "db was stopped: " + text.out());
            assertTrue(lines.get(3).startsWith("`-- db  "), text.out());
            assertEquals(4, lines.size(), text.out());

            Run one = node.run("tree", "app");
            assertEquals(2, one.lines().size(), one.out());
            assertTrue(one.lines().get(0).startsWith("app  Running"), one.out());

            Run dot = node.run("tree", "--dot");
            assertEquals(0, dot.code(), dot.err());
            assertTrue(dot.out().startsWith("digraph zinit {"), dot.out());
            assertTrue(dot.out().contains("\"web\" -> \"app\";"), dot.out());
            assertTrue(dot.out().contains("\"web\" -> \"db\";"), dot.out());
            assertTrue(dot.out().contains("\"app\" -> \"db\";"), dot.out());
            assertTrue(dot.out().strip().endsWith("}"), dot.out());

            Run json = node.run("tree", "app", "--json");
            JsonNode j = JSON.readTree(json.out());
            assertEquals(2, j.get("services").size(), json.out());
            assertEquals("app", j.get("services").get(0).get("name").asText());
            assertEquals("db", j.get("services").get(0).get("after").get(0).asText());
            assertEquals(0, j.get("cycles").size());

            assertEquals(ExitCodes.NOT_FOUND, node.run("tree", "nope").code());
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void groupStartsStopsReportsAndDestroys(Generation generation) throws IOException {
        try (Node node = new Node(generation)) {
            Path d = dir(Map.of("vm-db", sleeper(), "vm-app", sleeper("vm-db")));
            assertEquals(0, node.run("apply", "-f", d.toString(), "--prefix", "vm-").code());
            node.client.addService("other", sleeper());
            node.client.monitor("other");

            Run status = node.run("group", "status", "--prefix", "vm-");
            assertEquals(0, status.code(), status.out() + status.err());
            assertEquals("healthy", status.lines().get(status.lines().size() - 1));

            Run stop = node.run("group", "stop", "--prefix", "vm-", "--timeout", "10s");
            assertEquals(0, stop.code(), stop.err());
            assertEquals("stopped: vm-app vm-db", stop.out().strip());
            assertEquals(ServiceTarget.DOWN, node.client.status("vm-db").target());
            Run down = node.run("group", "status", "--prefix", "vm-", "--json");
            assertEquals(ExitCodes.ERROR, down.code());
            JsonNode j = JSON.readTree(down.out());
            assertFalse(j.get("healthy").asBoolean());
            assertEquals(2, j.get("unhealthy").size());

            assertEquals(0, node.run("group", "start", "--prefix", "vm-").code());
            assertTrue(node.client.status("vm-app").state().is(StateKind.RUNNING));
            int pid = node.pid("vm-db");
            assertEquals(0, node.run("group", "restart", "--prefix", "vm-").code());
            assertNotEquals(pid, node.pid("vm-db"));

            Run destroy = node.run("group", "destroy", "--prefix", "vm-");
            assertEquals(0, destroy.code(), destroy.err());
            assertEquals(List.of("other"), node.fake.monitored());
            assertEquals(ExitCodes.NOT_FOUND, node.run("group", "start", "--prefix", "vm-").code());
            assertEquals(ExitCodes.USAGE, node.run("group", "reboot", "--prefix", "vm-").code());
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void watchPrintsOneLinePerChange(Generation generation) throws Exception {
        try (Node node = new Node(generation)) {
            node.client.addService("web", sleeper());
            node.client.monitor("web");
            node.client.startWait(WAIT, "web");
            for (boolean json : new boolean[] {false, true}) {
                StringWriter out = new StringWriter();
                List<String> args = new ArrayList<>(List.of("-s", node.fake.socket().toString(), "watch", "web",
                        "--count", "1"));
                if (json) {
                    args.add("--json");
                }
                int[] code = {-1};
                Thread t = new Thread(() -> code[0] = ZinitCtl.execute(args.toArray(new String[0]),
                        ClientFactory.standard(), Map.of(), false, new PrintWriter(out, true),
                        new PrintWriter(new StringWriter(), true)));
                t.start();
                for (int i = 0; i < 1000 && out.toString().isEmpty(); i++) {
                    Thread.sleep(10);
                }
                assertFalse(out.toString().isEmpty(), "the first line shows the state now");
                node.client.stopWait(WAIT, "web");
                t.join(WAIT.toMillis());
                assertFalse(t.isAlive(), "--count 1 ends after one change");
                assertEquals(0, code[0]);
                String[] lines = out.toString().split("\\R");
                assertEquals(2, lines.length, out.toString());
                if (json) {
                    JsonNode first = JSON.readTree(lines[0]);
                    JsonNode change = JSON.readTree(lines[1]);
                    assertEquals("web", change.get("service").asText());
                    assertTrue(first.get("previous").isNull());
                    assertEquals("Running", change.get("previous").asText(), lines[1]);
                    assertEquals("down", change.get("target").asText().toLowerCase(java.util.Locale.ROOT));
                } else {
                    assertTrue(lines[0].contains(" web: Running pid "), lines[0]);
                    assertTrue(lines[1].contains(" web: Running -> "), lines[1]);
                }
                node.client.startWait(WAIT, "web");
            }
        }
    }
}
