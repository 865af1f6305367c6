package io.zinit4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zinit4j.client.LogStream;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.ops.ApplyResult;
import io.zinit4j.client.ops.GroupEvent;
import io.zinit4j.client.ops.GroupStatus;
import io.zinit4j.client.ops.GroupSupervisor;
import io.zinit4j.client.ops.RestartPolicy;
import io.zinit4j.client.ops.ServiceGroup;
import io.zinit4j.error.ServiceDependencyException;
import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.ServiceIsDownException;
import io.zinit4j.error.ServiceIsUpException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.model.Filter;
import io.zinit4j.model.LogLine;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scenario suite: what real zinit does, as recorded in the golden transcripts, asserted through {@link
 * ZinitClient}. A subclass per target supplies {@link #openTarget()}; when that target is unavailable it aborts, and
 * JUnit reports the whole class as skipped with that one reason.
 *
 * <p>Targets are shared by all scenarios of a class (one zinit per class), so every service name is unique to the run
 * and every scenario destroys what it created. No scenario measures time: waits poll until a condition holds, with a
 * generous deadline that only guards against a hang.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ZinitScenarios {
    private static final Logger LOG = LoggerFactory.getLogger(ZinitScenarios.class);
    /** Long enough for zinit's restart delay (one to two seconds) several times over; only a hang reaches it. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private ZinitTarget target;
    private ZinitClient zinit;
    private final List<String> created = new ArrayList<>();

    /**
     * @return the target, started; abort (with one line saying why) when it is not available here
     */
    protected abstract ZinitTarget openTarget();

    @BeforeAll
    void openAll() {
        try {
            target = openTarget();
        } catch (TestAbortedException e) {
            // surefire keeps abort reasons in its reports; say it once on the console too
            LOG.warn("{}", e.getMessage());
            throw e;
        }
        LOG.info("scenarios run against {}", target.name());
        zinit = target.newClient();
    }

    @AfterAll
    void closeAll() {
        try {
            if (zinit != null) {
                zinit.close();
            }
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }

    @AfterEach
    void destroyCreated() {
        if (created.isEmpty()) {
            return;
        }
        try {
            zinit.destroy(Duration.ofSeconds(5), created.toArray(String[]::new));
        } catch (ZinitException e) {
            // a failed clean-up must not hide the scenario's own result; the names are unique to this run anyway
            LOG.warn("could not destroy {} on {}: {}", created, target.name(), e.toString());
        } finally {
            created.clear();
        }
    }

    // ---------------------------------------------------------------- scenarios

    @Test
    void aGroupIsCheckedStartedInOrderStoppedDependentsFirstAndRestartedWithDependents() {
        String p = name() + "-";
        String db = p + "db";
        String app = p + "app";
        String web = p + "web";
        created.addAll(List.of(db, app, web));
        ServiceGroup group = ServiceGroup.prefix(zinit, p);

        ServiceDependencyException refused = assertThrows(ServiceDependencyException.class, () -> group.apply(
                java.util.Map.of(db, sleeper(web), app, sleeper(db), web, sleeper(app, p + "nowhere")), WAIT));
        assertEquals(1, refused.cycles().size(), refused::getMessage);
        assertEquals(List.of(p + "nowhere"), refused.missing().get(web), refused::getMessage);
        assertEquals(List.of(), group.members(), "nothing written");

        ApplyResult applied = group.apply(java.util.Map.of(db, sleeper(), app, sleeper(db), web, sleeper(app)), WAIT);
        assertTrue(applied.ok(), applied::describe);
        assertTrue(group.status().healthy(), () -> group.status().toString());
        assertTrue(group.plan(java.util.Map.of(db, sleeper(), app, sleeper(db), web, sleeper(app))).converged());

        group.stop(WAIT);
        GroupStatus stopped = group.status();
        assertEquals(List.of(app, db, web), List.copyOf(stopped.unhealthy().keySet()), stopped::toString);
        for (ServiceStatus s : stopped.members().values()) {
            assertEquals(ServiceTarget.DOWN, s.target(), s::toString);
        }
        group.start(WAIT);
        assertTrue(group.status().healthy(), () -> group.status().toString());

        int dbPid = zinit.status(db).pid();
        int appPid = zinit.status(app).pid();
        int webPid = zinit.status(web).pid();
        assertEquals(List.of(web), group.restartWithDependents(app, WAIT));
        assertEquals(dbPid, zinit.status(db).pid(), "what it runs after keeps running");
        assertNotEquals(appPid, zinit.status(app).pid());
        assertNotEquals(webPid, zinit.status(web).pid());
        assertTrue(group.status().healthy(), () -> group.status().toString());

        assertEquals(List.of(app, db, web), group.destroy(WAIT));
        assertEquals(List.of(), group.members());
        assertFalse(zinit.exists(db));
    }

    @Test
    void aGroupSupervisorRestartsTheWholeGroupWhenAMemberIsKilled() throws InterruptedException {
        String p = name() + "-";
        String db = p + "db";
        String web = p + "web";
        created.addAll(List.of(db, web));
        ServiceGroup group = ServiceGroup.prefix(zinit, p);
        ApplyResult applied = group.apply(java.util.Map.of(db, sleeper(), web, sleeper(db)), WAIT);
        assertTrue(applied.ok(), applied::describe);
        int dbPid = zinit.status(db).pid();
        List<GroupEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch restarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch watching = new java.util.concurrent.CountDownLatch(1);
        RestartPolicy policy = RestartPolicy.builder().initialBackoff(Duration.ofMillis(100)).maxRestarts(1)
                .restartTimeout(WAIT).build();
        try (GroupSupervisor supervisor = group.supervise(policy, e -> {
            events.add(e);
            if (e.kind() == GroupEvent.Kind.WATCHING) {
                watching.countDown();
            }
            if (e.kind() == GroupEvent.Kind.RESTARTED) {
                restarted.countDown();
            }
        })) {
            assertTrue(watching.await(DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS), events::toString);
            // the watch's first poll holds the running pid, so that the kill is seen as a change
            zinit.watch(web).next(Duration.ofMillis(500));
            zinit.kill(web, Signal.SIGKILL);
            assertTrue(restarted.await(DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS),
                    events::toString);
            assertEquals(1, supervisor.restarts());
        }
        assertTrue(events.stream().anyMatch(e -> e.kind() == GroupEvent.Kind.CRASHED && web.equals(e.service())),
                events::toString);
        assertNotEquals(dbPid, zinit.status(db).pid(), "the whole group was restarted");
        awaitState(web, StateKind.RUNNING);
    }

    @Test
    void monitorStartsAServiceThatRunsUntilStopped() {
        String web = service("sleep 100000");
        ServiceStatus s = awaitState(web, StateKind.RUNNING);
        assertEquals(web, s.name());
        assertTrue(s.pid() > 0, () -> "a running service has a process: " + s);
        assertEquals(ServiceTarget.UP, s.target());
        assertTrue(zinit.exists(web));
        assertEquals(StateKind.RUNNING, zinit.list().get(web).kind());
        assertThrows(ServiceAlreadyMonitoredException.class, () -> zinit.monitor(web));
    }

    @Test
    void stopSignalsTheProcessAndStartRunsItAgain() {
        String web = service("sleep 100000");
        zinit.startWait(WAIT, web);
        int firstPid = zinit.status(web).pid();

        zinit.stop(web);
        // transcripts: target Down at once; once the process is gone, Error(Signaled(Pid(n), SIGTERM, false)), pid 0;
        // never Success after a stop
        ServiceStatus stopped = await(web, s -> s.pid() == 0 && s.state().is(StateKind.ERROR), "exited after stop");
        assertEquals(ServiceTarget.DOWN, stopped.target());
        assertEquals(Signal.SIGTERM, stopped.state().signal().orElse(null), stopped::toString);
        assertFalse(stopped.state().is(StateKind.SUCCESS));

        zinit.start(web);
        ServiceStatus again = awaitState(web, StateKind.RUNNING);
        assertEquals(ServiceTarget.UP, again.target());
        assertNotEquals(firstPid, again.pid(), "start spawns a new process");
    }

    @Test
    void startWaitAndStopWaitReturnOnceTheServiceIsThere() {
        String web = service("sleep 100000");
        zinit.startWait(WAIT, web);
        ServiceStatus up = zinit.status(web);
        assertEquals(StateKind.RUNNING, up.state().kind());
        assertTrue(up.pid() > 0);

        zinit.stopWait(WAIT, web);
        ServiceStatus down = zinit.status(web);
        assertEquals(ServiceTarget.DOWN, down.target());
        assertEquals(0, down.pid());
        assertTrue(down.state().exited(), down::toString);
        assertEquals(Signal.SIGTERM, down.state().signal().orElse(null), down::toString);
    }

    @Test
    void stopWaitKillsAProcessThatIgnoresTheStopSignal() {
        // zinit applies no timeout to a stop (transcripts: it stays Running, target Down): the wait must SIGKILL it.
        // The loop sleeps briefly so that nothing outlives the killed shell for long.
        String stubborn = service("sh -c 'trap \"\" TERM; while true; do sleep 0.1; done'");
        zinit.startWait(WAIT, stubborn);

        zinit.stopWait(Duration.ofMillis(300), stubborn);
        ServiceStatus s = zinit.status(stubborn);
        assertEquals(ServiceTarget.DOWN, s.target());
        assertEquals(0, s.pid());
        assertEquals(Signal.SIGKILL, s.state().signal().orElse(null), s::toString);
    }

    @Test
    void killDeliversTheSignalAndZinitRestartsTheService() {
        String web = service("sleep 100000");
        zinit.startWait(WAIT, web);
        int pid = zinit.status(web).pid();

        zinit.kill(web, Signal.SIGKILL);
        // transcripts: Error(Signaled(Pid(n), SIGKILL, false)), pid 0, target still Up, for a second or two; then a
        // new process
        ServiceStatus killed = await(web,
                s -> s.state().is(StateKind.ERROR) || (s.state().is(StateKind.RUNNING) && s.pid() != pid),
                "killed or restarted");
        if (killed.state().is(StateKind.ERROR)) {
            assertEquals(Signal.SIGKILL, killed.state().signal().orElse(null), killed::toString);
            assertEquals(0, killed.pid());
            assertEquals(ServiceTarget.UP, killed.target());
        }
        ServiceStatus restarted = await(web, s -> s.state().is(StateKind.RUNNING) && s.pid() != pid, "restarted");
        assertTrue(restarted.pid() > 0);

        zinit.stopWait(WAIT, web);
        assertThrows(ServiceIsDownException.class, () -> zinit.kill(web, Signal.SIGTERM));
    }

    @Test
    void forgetNeedsAStoppedServiceAndThenZinitNoLongerKnowsIt() {
        String web = service("sleep 100000");
        zinit.startWait(WAIT, web);
        assertThrows(ServiceIsUpException.class, () -> zinit.forget(web));

        zinit.stopWait(WAIT, web);
        zinit.forget(web);
        assertFalse(zinit.exists(web));
        assertThrows(ServiceNotFoundException.class, () -> zinit.status(web));
        assertFalse(zinit.list().containsKey(web));
        // the file stays: monitoring it again works
        zinit.monitor(web);
        awaitState(web, StateKind.RUNNING);
    }

    @Test
    void oneshotThatExitsZeroEndsInSuccess() {
        String ok = oneshot("true");
        zinit.startWait(WAIT, ok);
        ServiceStatus s = awaitState(ok, StateKind.SUCCESS);
        assertEquals(0, s.pid());
        assertEquals(ServiceTarget.UP, s.target());
    }

    @Test
    void oneshotThatExitsNonZeroEndsInErrorWithItsCode() {
        String bad = oneshot("sh -c 'exit 3'");
        // transcripts (rpc states.jsonl t=14..115): a oneshot is Running before it fails, so wait for the failure
        // itself; a startWait sent during that Running may rightly return
        ServiceStatus s = awaitState(bad, StateKind.ERROR);
        assertEquals(3, s.state().exitCode().orElse(-1), s::toString);
        assertEquals(0, s.pid());
        assertEquals(ServiceTarget.UP, s.target());
        ServiceFailedException e = assertThrows(ServiceFailedException.class, () -> zinit.startWait(WAIT, bad));
        assertEquals(StateKind.ERROR, e.status().state().kind(), e::getMessage);
    }

    @Test
    void aMissingBinaryIsAFailure() {
        String missing = service("/nonexistent/zinit4j-" + RUN + "/bin");
        ServiceFailedException e = assertThrows(ServiceFailedException.class, () -> zinit.startWait(WAIT, missing));
        assertEquals(StateKind.FAILURE, e.status().state().kind(), e::getMessage);
        ServiceStatus s = awaitState(missing, StateKind.FAILURE);
        assertEquals(0, s.pid());
    }

    @Test
    void aFailingTestCommandKeepsTheServiceSpawned() {
        String web = name();
        create(web, ServiceConfig.builder().exec("sleep 100000").test("false").build());
        ServiceStatus s = awaitState(web, StateKind.SPAWNED);
        assertTrue(s.pid() > 0, () -> "the process runs while its test fails: " + s);
        // zinit retries the test every couple of seconds; it never passes, so the service is not Running
        ServiceStatus later = zinit.status(web);
        assertFalse(later.state().is(StateKind.RUNNING), later::toString);
        assertEquals(s.pid(), later.pid());
    }

    @Test
    void afterBlocksUntilTheDependencyHasSucceeded() {
        String dep = name();
        String app = name();
        writeOnly(dep, ServiceConfig.builder().exec("sh -c 'sleep 0.3'").oneshot(true).build());
        create(app, ServiceConfig.builder().exec("sleep 100000").after(dep).build());

        ServiceStatus blocked = awaitState(app, StateKind.BLOCKED);
        assertEquals(0, blocked.pid());
        assertEquals(StateKind.UNKNOWN, blocked.after().get(dep).kind(), blocked::toString);

        zinit.monitor(dep);
        awaitState(dep, StateKind.SUCCESS);
        ServiceStatus running = awaitState(app, StateKind.RUNNING);
        assertTrue(running.pid() > 0);
        assertEquals(StateKind.SUCCESS, running.after().get(dep).kind(), running::toString);
    }

    @Test
    void logSnapshotHoldsTheServicesOutput() {
        String talker = name();
        create(talker, ServiceConfig.builder()
                .exec("sh -c 'echo out-" + talker + "; echo err-" + talker + " >&2'").oneshot(true).build());
        awaitState(talker, StateKind.SUCCESS);

        List<LogLine> lines = awaitLog(talker, l -> l.text().equals("err-" + talker));
        assertTrue(lines.stream().allMatch(l -> l.belongsTo(talker)), () -> "filtered by service: " + lines);
        assertTrue(lines.stream().anyMatch(LogLine::isStartMarker), () -> "zinit marks each spawn: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.stream() == LogLine.LogStream.STDOUT
                && l.text().equals("out-" + talker)), lines::toString);
    }

    @Test
    void followedLogDeliversLinesWrittenAfterItOpened() {
        String ticker = service("sh -c 'i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.1; done'");
        awaitState(ticker, StateKind.RUNNING);
        int seen = lastTick(awaitLog(ticker, l -> l.text().startsWith("tick-")));

        // a hang guard, not a speed check: a followed log never ends by itself
        assertTimeoutPreemptively(DEADLINE, () -> {
            try (LogStream follow = zinit.followLogs(ticker)) {
                for (LogLine l = follow.next(); ; l = follow.next()) {
                    if (l == null) {
                        fail("the followed log ended");
                    }
                    assertTrue(l.belongsTo(ticker), l::raw);
                    Matcher m = TICK.matcher(l.text());
                    if (m.matches() && Integer.parseInt(m.group(1)) > seen + 1) {
                        return;
                    }
                }
            }
        });
    }

    @Test
    void matchesCombinesNameExecAndStateFilters() {
        String token = "1" + Math.abs((RUN + SEQ.get()).hashCode() % 100000);
        String a = service("sleep 2" + token);
        String b = service("sleep 3" + token);
        String c = oneshot("sh -c 'exit 0; sleep 4" + token + "'");
        awaitState(a, StateKind.RUNNING);
        awaitState(b, StateKind.RUNNING);
        awaitState(c, StateKind.SUCCESS);

        Filter ours = Filter.execRegex("sleep [234]" + token + "'?$");
        assertEquals(sorted(a, b, c), zinit.matches(ours));
        assertEquals(List.of(a), zinit.matches(ours, Filter.name(a)));
        assertEquals(sorted(a, b), zinit.matches(ours, Filter.exec("sleep")));
        assertEquals(List.of(c), zinit.matches(ours, Filter.state(StateKind.SUCCESS)));
        assertEquals(sorted(a, b), zinit.matches(ours.and(Filter.state(StateKind.SUCCESS).negate())));
        assertEquals(sorted(a, c), zinit.matches(ours.and(Filter.name(a).or(Filter.name(c)))));
    }

    @Test
    void destroyRemovesEveryTrace() {
        String web = service("sleep 100000");
        zinit.startWait(WAIT, web);

        zinit.destroy(WAIT, web);
        assertFalse(zinit.exists(web));
        assertFalse(zinit.list().containsKey(web));
        assertThrows(ZinitException.class, () -> zinit.loadService(web), "the file is gone too");
        zinit.destroy(WAIT, web); // nothing left: a no-op
        created.remove(web);
    }

    @Test
    void badNamesAreRefusedBeforeAnythingIsSent() {
        // A client on a socket that does not exist proves nothing was sent: it would fail to connect instead.
        Path nowhere = Path.of(System.getProperty("java.io.tmpdir"), "zinit4j-" + RUN + "-no-such.sock");
        try (ZinitClient offline = ZinitClient.builder().socket(nowhere).configDir(target.configDir()).build()) {
            for (String bad : List.of("", "a/b", "..", "a b", "x\ny", "../etc/passwd", "a\\b", "q\"uote")) {
                for (ZinitClient c : List.of(offline, zinit)) {
                    assertRefused(bad, () -> c.status(bad));
                    assertRefused(bad, () -> c.monitor(bad));
                    assertRefused(bad, () -> c.stop(bad));
                    assertRefused(bad, () -> c.kill(bad, Signal.SIGTERM));
                    assertRefused(bad, () -> c.addService(bad, ServiceConfig.builder().exec("true").build()));
                }
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static final Pattern TICK = Pattern.compile("tick-(\\d+)");

    /** @return a name no other scenario, run or target uses; letters, digits and '-' only (0.2.28 refuses '.') */
    private String name() {
        return ("it-" + RUN + "-" + SEQ.incrementAndGet()).toLowerCase(Locale.ROOT);
    }

    private static ServiceConfig sleeper(String... after) {
        return ServiceConfig.builder().exec("sleep 100000").after(after).build();
    }

    /** Writes and monitors a long-running service. */
    private String service(String exec) {
        String n = name();
        create(n, ServiceConfig.builder().exec(exec).build());
        return n;
    }

    /** Writes and monitors a oneshot. */
    private String oneshot(String exec) {
        String n = name();
        create(n, ServiceConfig.builder().exec(exec).oneshot(true).build());
        return n;
    }

    private void create(String n, ServiceConfig config) {
        writeOnly(n, config);
        zinit.monitor(n);
    }

    private void writeOnly(String n, ServiceConfig config) {
        created.add(n);
        target.writeService(zinit, n, config);
    }

    private ServiceStatus awaitState(String n, StateKind kind) {
        return await(n, s -> s.state().is(kind), kind.toString());
    }

    /** Polls the status until it satisfies the condition; the deadline only catches a hang. */
    private ServiceStatus await(String n, Predicate<ServiceStatus> condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        ServiceStatus last = null;
        while (System.nanoTime() - deadline < 0) {
            last = zinit.status(n);
            if (condition.test(last)) {
                return last;
            }
            pause();
        }
        return fail(n + " never became " + what + " on " + target.name() + "; last status: " + last);
    }

    /** The ring buffer is filled by zinit's own reader, slightly after the process wrote: poll the snapshot. */
    private List<LogLine> awaitLog(String n, Predicate<LogLine> wanted) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        List<LogLine> lines = List.of();
        while (System.nanoTime() - deadline < 0) {
            try (LogStream snapshot = zinit.logs(n)) {
                lines = snapshot.stream().toList();
            }
            if (lines.stream().anyMatch(wanted)) {
                return lines;
            }
            pause();
        }
        return fail("no such log line for " + n + " on " + target.name() + "; got " + lines);
    }

    private static int lastTick(List<LogLine> lines) {
        int max = -1;
        for (LogLine l : lines) {
            Matcher m = TICK.matcher(l.text());
            if (m.matches()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max;
    }

    private static List<String> sorted(String... names) {
        return java.util.Arrays.stream(names).sorted().toList();
    }

    private static void assertRefused(String bad, org.junit.jupiter.api.function.Executable call) {
        assertThrows(InvalidServiceNameException.class, call, () -> "name " + quote(bad) + " must be refused");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\n", "\\n") + "\"";
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
