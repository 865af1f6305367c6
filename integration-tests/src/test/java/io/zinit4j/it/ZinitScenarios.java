package io.zinit4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zinit4j.client.LogStream;
import io.zinit4j.client.Protocol;
import io.zinit4j.client.ServerVersion;
import io.zinit4j.client.ServiceStats;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.lifecycle.ServiceWatch;
import io.zinit4j.client.ops.ApplyResult;
import io.zinit4j.client.ops.GroupEvent;
import io.zinit4j.client.ops.GroupStatus;
import io.zinit4j.client.ops.GroupSupervisor;
import io.zinit4j.client.ops.RestartPolicy;
import io.zinit4j.client.ops.ServiceGroup;
import io.zinit4j.error.ServiceDependencyException;
import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.error.ServiceConfigRejectedException;
import io.zinit4j.error.ShuttingDownException;
import io.zinit4j.error.UnsupportedByServerException;
import io.zinit4j.error.WaitTimeoutException;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.ServiceIsDownException;
import io.zinit4j.error.ServiceIsUpException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.model.Filter;
import io.zinit4j.model.LogLine;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        String stubborn = stubborn();

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
        ServiceStatus s = awaitState(bad, StateKind.ERROR);
        assertEquals(3, s.state().exitCode().orElse(-1), s::toString);
        assertEquals(0, s.pid());
        assertEquals(ServiceTarget.UP, s.target());
        // zinit's loop for a oneshot ends with its process: it stays in Error, nothing restarts it
        ServiceStatus again = zinit.status(bad);
        assertEquals(s.state(), again.state());
    }

    @Test
    void startRunsAFailedOneshotAgain() {
        String bad = oneshot("sh -c 'sleep 0.3; exit 3'");
        ServiceStatus first = awaitState(bad, StateKind.ERROR);
        int firstPid = first.state().processId().orElse(-1);

        // its target is Up all along, yet start spawns it once more: Running, then the same failure, a new process
        zinit.start(bad);
        ServiceStatus second = await(bad, st -> st.state().is(StateKind.ERROR)
                && st.state().processId().orElse(firstPid) != firstPid, "failed once more");
        assertEquals(3, second.state().exitCode().orElse(-1), second::toString);
        assertEquals(0, second.pid());
    }

    @Test
    void startRunsASucceededOneshotAgain() {
        String ok = oneshot("sh -c 'echo ran-$$'");
        awaitState(ok, StateKind.SUCCESS);
        awaitLog(ok, l -> l.isStartMarker());
        zinit.start(ok);
        // a second spawn leaves a second start marker in the log
        List<LogLine> lines = awaitLogWhere(ok, all -> all.stream().filter(LogLine::isStartMarker).count() >= 2);
        assertTrue(lines.stream().allMatch(l -> l.belongsTo(ok)), lines::toString);
        awaitState(ok, StateKind.SUCCESS);
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

    // ---------------------------------------------------------------- errors the server returns

    @Test
    void everyOperationOnAnUnknownServiceIsNotFound() {
        String ghost = name();
        assertThrows(ServiceNotFoundException.class, () -> zinit.status(ghost));
        assertThrows(ServiceNotFoundException.class, () -> zinit.start(ghost));
        assertThrows(ServiceNotFoundException.class, () -> zinit.stop(ghost));
        assertThrows(ServiceNotFoundException.class, () -> zinit.forget(ghost));
        assertThrows(ServiceNotFoundException.class, () -> zinit.kill(ghost, Signal.SIGTERM));
        assertThrows(ServiceNotFoundException.class, () -> zinit.get(ghost));
        assertFalse(zinit.exists(ghost));
    }

    @Test
    void monitorWithoutAServiceFileIsAConfigError() {
        String nofile = name();
        assertThrows(ServiceConfigRejectedException.class, () -> zinit.monitor(nofile));
        assertFalse(zinit.exists(nofile));
    }

    @Test
    void monitorOfAnUnreadableServiceFileIsAConfigError() {
        assumeLegacy("a JSON-RPC server's files can only be written through it, which refuses a broken one");
        String broken = name();
        created.add(broken);
        try {
            java.nio.file.Files.writeString(target.configDir().resolve(broken + ".yaml"), "exec: [unbalanced\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThrows(ServiceConfigRejectedException.class, () -> zinit.monitor(broken));
        assertFalse(zinit.exists(broken));
    }

    @Test
    void monitorTwiceIsRefusedAndLeavesTheProcessAlone() {
        String web = service("sleep 100000");
        int pid = awaitState(web, StateKind.RUNNING).pid();
        assertThrows(ServiceAlreadyMonitoredException.class, () -> zinit.monitor(web));
        assertEquals(pid, zinit.status(web).pid());
        zinit.stopWait(WAIT, web);
        // stopped is still monitored
        assertThrows(ServiceAlreadyMonitoredException.class, () -> zinit.monitor(web));
    }

    @Test
    void forgetWhileUpIsRefused() {
        String web = service("sleep 100000");
        awaitState(web, StateKind.RUNNING);
        ServiceIsUpException e = assertThrows(ServiceIsUpException.class, () -> zinit.forget(web));
        assertTrue(e.getMessage().contains(web), e::getMessage);
        assertTrue(zinit.exists(web));
    }

    @Test
    void forgetOfAStoppedServiceWhoseProcessLivesOn() {
        String stubborn = stubborn();
        zinit.stop(stubborn);
        if (zinit.protocol() == Protocol.LEGACY) {
            // 0.2.14: target Down but the process ignores SIGTERM and keeps its pid, so zinit still calls it up
            ServiceStatus s = zinit.status(stubborn);
            assertEquals(ServiceTarget.DOWN, s.target());
            assertTrue(s.pid() > 0, s::toString);
            assertThrows(ServiceIsUpException.class, () -> zinit.forget(stubborn));
            zinit.kill(stubborn, Signal.SIGKILL);
            await(stubborn, st -> st.pid() == 0, "killed");
        } else {
            // 0.2.28's stop SIGKILLs what outlives the stop signal before it answers
            ServiceStatus s = await(stubborn, st -> st.pid() == 0, "gone after stop");
            assertEquals(Signal.SIGKILL, s.state().signal().orElse(null), s::toString);
        }
        zinit.forget(stubborn);
        assertFalse(zinit.exists(stubborn));
    }

    @Test
    void killOfAServiceWithoutAProcessIsDown() {
        String missing = service("/nonexistent/zinit4j-" + RUN + "/bin");
        awaitState(missing, StateKind.FAILURE);
        assertThrows(ServiceIsDownException.class, () -> zinit.kill(missing, Signal.SIGTERM));
        String ok = oneshot("true");
        awaitState(ok, StateKind.SUCCESS);
        assertThrows(ServiceIsDownException.class, () -> zinit.kill(ok, Signal.SIGKILL));
    }

    @Test
    void theServerRefusesASignalNameItDoesNotKnow() {
        String web = service("sleep 100000");
        awaitState(web, StateKind.RUNNING);
        // the typed client cannot send a bad name (Signal is an enum): speak the protocol directly
        if (zinit.protocol() == Protocol.LEGACY) {
            assertEquals("{\"state\":\"error\",\"body\":\"EINVAL: Invalid argument\"}", legacy("kill " + web + " SIGBOGUS"));
            assertEquals("{\"state\":\"ok\",\"body\":null}", legacy("kill " + web + " sigcont"),
                    "names are case-insensitive");
        } else {
            String answer = rpc("service_kill", "[\"" + web + "\",\"SIGBOGUS\"]");
            assertTrue(answer.contains("\"code\":-32004"), answer);
        }
        assertEquals(StateKind.RUNNING, zinit.status(web).state().kind());
    }

    @Test
    void theServerRefusesACommandItDoesNotKnow() {
        if (zinit.protocol() == Protocol.LEGACY) {
            assertEquals("{\"state\":\"error\",\"body\":\"unknown command 'bogus' or wrong arguments count\"}",
                    legacy("bogus"));
            assertEquals("{\"state\":\"error\",\"body\":\"unknown command 'status' or wrong arguments count\"}",
                    legacy("status a b"));
        } else {
            String answer = rpc("service_bogus", "[]");
            assertTrue(answer.contains("\"code\":-32601"), answer);
        }
    }

    @Test
    void theServerRefusesNamesWithADotOrSlash() {
        assumeJsonRpc("the line protocol takes any name: only a JSON-RPC server checks them");
        for (String bad : List.of("a.b", "a/b")) {
            String answer = rpc("service_monitor", "[\"" + bad + "\"]");
            assertTrue(answer.contains("\"code\":-32602"), answer);
        }
    }

    @Test
    void statsIsUnsupportedOnTheLineProtocol() {
        assumeLegacy("JSON-RPC servers have stats");
        String web = service("sleep 100000");
        awaitState(web, StateKind.RUNNING);
        assertThrows(UnsupportedByServerException.class, () -> zinit.stats(web));
        assertThrows(UnsupportedByServerException.class, () -> zinit.discover());
        assertThrows(UnsupportedByServerException.class, () -> zinit.startHttpServer("127.0.0.1:0"));
        assertThrows(UnsupportedByServerException.class, () -> zinit.stopHttpServer());
    }

    @Test
    void statsNamesTheServicesProcess() {
        assumeJsonRpc("the line protocol has no stats");
        String web = service("sleep 100000");
        ServiceStatus s = awaitState(web, StateKind.RUNNING);
        ServiceStats stats = zinit.stats(web);
        assertEquals(web, stats.name());
        assertEquals(s.pid(), stats.pid());
        assertTrue(stats.memoryBytes() >= 0);
        zinit.stopWait(WAIT, web);
        assertThrows(ServiceIsDownException.class, () -> zinit.stats(web));
    }

    @Test
    void createOfAFileThatExistsIsRefused() {
        assumeJsonRpc("legacy servers have no file methods; the client writes their files itself");
        String web = name();
        created.add(web);
        String content = "{\"exec\":\"sleep 100000\"}";
        String first = rpc("service_create", "[\"" + web + "\"," + content + "]");
        assertTrue(first.contains("\"result\""), first);
        String second = rpc("service_create", "[\"" + web + "\"," + content + "]");
        assertTrue(second.contains("\"code\":-32007"), second);
        // the typed client replaces a file instead (addService is idempotent, not exclusive)
        assertTrue(zinit.addService(web, ServiceConfig.builder().exec("sleep 200000").build()));
        assertEquals("sleep 200000", zinit.loadService(web).exec());
    }

    @Test
    void theHttpProxyStartsAndStops() {
        assumeJsonRpc("the line protocol has no HTTP proxy");
        String answer = zinit.startHttpServer("127.0.0.1:0");
        assertFalse(answer.isBlank());
        zinit.stopHttpServer();
    }

    @Test
    void discoverReturnsTheOpenRpcDocument() {
        assumeJsonRpc("the line protocol has no rpc.discover");
        String doc = zinit.discover();
        assertTrue(doc.contains("\"openrpc\"") && doc.contains("service_list"), () -> doc.substring(0, 200));
    }

    // ---------------------------------------------------------------- start, stop, kill

    @Test
    void startOfARunningServiceChangesNothing() {
        String web = service("sleep 100000");
        int pid = awaitState(web, StateKind.RUNNING).pid();
        zinit.start(web);
        zinit.start(web);
        ServiceStatus s = zinit.status(web);
        assertEquals(pid, s.pid());
        assertEquals(StateKind.RUNNING, s.state().kind());
    }

    @Test
    void stopOfAStoppedServiceChangesNothing() {
        String web = service("sleep 100000");
        zinit.startWait(WAIT, web);
        zinit.stopWait(WAIT, web);
        ServiceStatus before = zinit.status(web);
        zinit.stop(web);
        ServiceStatus after = zinit.status(web);
        assertEquals(before.state(), after.state());
        assertEquals(0, after.pid());
        assertEquals(ServiceTarget.DOWN, after.target());
    }

    @Test
    void startAfterAFailureTriesAgainAndFailsAgain() {
        String missing = service("/nonexistent/zinit4j-" + RUN + "/bin");
        awaitState(missing, StateKind.FAILURE);
        zinit.start(missing);
        ServiceStatus s = awaitState(missing, StateKind.FAILURE);
        assertEquals(0, s.pid());
        assertEquals(ServiceTarget.UP, s.target());
    }

    @Test
    void aCrashingServiceIsRestartedByZinit() {
        String crashy = service("sh -c 'sleep 0.2; exit 1'");
        int first = awaitState(crashy, StateKind.RUNNING).pid();
        // between the exit and the restart: Error(Exited(Pid(n), 1)), pid 0, target Up
        ServiceStatus crashed = awaitState(crashy, StateKind.ERROR);
        assertEquals(1, crashed.state().exitCode().orElse(-1), crashed::toString);
        assertEquals(first, crashed.state().processId().orElse(-1), crashed::toString);
        assertEquals(0, crashed.pid());
        assertEquals(ServiceTarget.UP, crashed.target());
        ServiceStatus again = await(crashy, st -> st.pid() > 0 && st.pid() != first, "restarted");
        assertTrue(again.state().any(StateKind.SPAWNED, StateKind.RUNNING), again::toString);
    }

    @Test
    void stopOfACrashedServiceKeepsZinitFromRestartingIt() {
        String crashy = service("sh -c 'sleep 0.2; exit 1'");
        ServiceStatus crashed = awaitState(crashy, StateKind.ERROR);
        zinit.stop(crashy);
        int firstPid = crashed.state().processId().orElse(-1);
        // zinit's loop wakes after its pause (2 s), sees the target Down and ends: no new process
        sleep(target.restartPause().plusMillis(500));
        ServiceStatus later = zinit.status(crashy);
        assertEquals(ServiceTarget.DOWN, later.target());
        assertEquals(0, later.pid());
        assertEquals(firstPid, later.state().processId().orElse(-1), later::toString);
    }

    @Test
    void theStopSignalOfTheFileIsTheOneSent() {
        String web = name();
        create(web, ServiceConfig.builder().exec("sleep 100000").stopSignal(Signal.SIGINT).build());
        zinit.startWait(WAIT, web);
        zinit.stop(web);
        ServiceStatus s = await(web, st -> st.pid() == 0, "stopped");
        assertEquals(Signal.SIGINT, s.state().signal().orElse(null), s::toString);
    }

    @Test
    void killWithAnUpperCaseName() {
        assertKilledBy(Signal.parse("SIGUSR1"), Signal.SIGUSR1);
    }

    @Test
    void killWithALowerCaseNameWithoutPrefix() {
        assertKilledBy(Signal.parse("hup"), Signal.SIGHUP);
    }

    @Test
    void killWithASignalNumber() {
        assertKilledBy(Signal.parse("2"), Signal.SIGINT);
    }

    @Test
    void killWithSigterm() {
        assertKilledBy(Signal.parse("SigTerm"), Signal.SIGTERM);
    }

    @Test
    void killWithASignalTheProcessIgnoresLeavesItRunning() {
        String web = service("sleep 100000");
        int pid = awaitState(web, StateKind.RUNNING).pid();
        zinit.kill(web, Signal.parse("winch"));
        zinit.kill(web, Signal.SIGCONT);
        ServiceStatus s = zinit.status(web);
        assertEquals(pid, s.pid());
        assertEquals(StateKind.RUNNING, s.state().kind());
    }

    @Test
    void aSignalNameNoSignalHasIsRefusedBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> Signal.parse("SIGBOGUS"));
        assertTrue(Signal.find("99").isEmpty());
    }

    @Test
    void pauseAndResumeKeepTheProcess() {
        String web = service("sleep 100000");
        int pid = awaitState(web, StateKind.RUNNING).pid();
        zinit.pause(web);
        // zinit does not notice a stopped process: still Running, same pid
        ServiceStatus paused = zinit.status(web);
        assertEquals(pid, paused.pid());
        assertEquals(StateKind.RUNNING, paused.state().kind());
        zinit.resume(web);
        ServiceStatus resumed = zinit.status(web);
        assertEquals(pid, resumed.pid());
        assertEquals(StateKind.RUNNING, resumed.state().kind());
    }

    @Test
    void restartGivesANewProcess() {
        String web = service("sleep 100000");
        zinit.startWait(WAIT, web);
        int pid = zinit.status(web).pid();
        zinit.restart(WAIT, web);
        ServiceStatus s = awaitState(web, StateKind.RUNNING);
        assertNotEquals(pid, s.pid());
        assertEquals(ServiceTarget.UP, s.target());
    }

    @Test
    void startMultipleAndStopMultipleHandleSeveralServices() {
        String a = service("sleep 100000");
        String b = service("sleep 100000");
        zinit.startMultiple(WAIT, a, b);
        assertEquals(StateKind.RUNNING, zinit.status(a).state().kind());
        assertEquals(StateKind.RUNNING, zinit.status(b).state().kind());
        zinit.stopMultiple(WAIT, a, b, name()); // an unknown name is skipped
        for (String n : List.of(a, b)) {
            ServiceStatus s = zinit.status(n);
            assertEquals(0, s.pid(), s::toString);
            assertEquals(ServiceTarget.DOWN, s.target());
        }
    }

    @Test
    void startWaitGivesUpOnAServiceWhoseTestNeverPasses() {
        String web = name();
        create(web, ServiceConfig.builder().exec("sleep 100000").test("false").build());
        WaitTimeoutException e = assertThrows(WaitTimeoutException.class,
                () -> zinit.startWait(Duration.ofMillis(500), web));
        assertTrue(e.lastSeen().get(web).state().is(StateKind.SPAWNED), e::getMessage);
    }

    @Test
    void stopWaitOfAStoppedServiceReturns() {
        String web = service("sleep 100000");
        zinit.stopWait(WAIT, web);
        zinit.stopWait(WAIT, web);
        assertEquals(0, zinit.status(web).pid());
    }

    // ---------------------------------------------------------------- tests, dependencies

    @Test
    void aPassingTestCommandMakesItRunning() {
        String web = name();
        create(web, ServiceConfig.builder().exec("sleep 100000").test("true").build());
        ServiceStatus s = awaitState(web, StateKind.RUNNING);
        assertTrue(s.pid() > 0);
    }

    @Test
    void eachRunOfAFailingTestIsLoggedUnderTheServiceSlashTest() {
        String web = name();
        create(web, ServiceConfig.builder().exec("sleep 100000").test("false").build());
        awaitState(web, StateKind.SPAWNED);
        // zinit runs the test again every couple of seconds: at least two runs show up
        List<LogLine> lines = awaitLogWhere(web, all -> all.stream()
                .filter(l -> l.isStartMarker() && l.raw().contains(web + "/test:")).count() >= 2);
        assertTrue(lines.stream().allMatch(l -> l.belongsTo(web)), lines::toString);
        assertEquals(StateKind.SPAWNED, zinit.status(web).state().kind());
    }

    @Test
    void afterARunningServiceStartsTheDependant() {
        String dep = name();
        String app = name();
        writeOnly(dep, ServiceConfig.builder().exec("sleep 100000").build());
        create(app, ServiceConfig.builder().exec("sleep 100000").after(dep).build());
        awaitState(app, StateKind.BLOCKED);
        zinit.monitor(dep);
        ServiceStatus running = awaitState(app, StateKind.RUNNING);
        assertEquals(StateKind.RUNNING, running.after().get(dep).kind(), running::toString);
    }

    @Test
    void aFailedDependencyKeepsTheDependantBlocked() {
        String dep = name();
        String app = name();
        writeOnly(dep, ServiceConfig.builder().exec("sh -c 'exit 1'").oneshot(true).build());
        create(app, ServiceConfig.builder().exec("sleep 100000").after(dep).build());
        zinit.monitor(dep);
        awaitState(dep, StateKind.ERROR);
        ServiceStatus s = await(app, st -> st.after().get(dep).is(StateKind.ERROR), "seeing its dependency fail");
        assertEquals(StateKind.BLOCKED, s.state().kind(), s::toString);
        assertEquals(0, s.pid());
    }

    @Test
    void aStoppedBlockedServiceDoesNotStartWhenItsDependencyIsReady() {
        String dep = name();
        String app = name();
        writeOnly(dep, ServiceConfig.builder().exec("true").oneshot(true).build());
        create(app, ServiceConfig.builder().exec("sleep 100000").after(dep).build());
        awaitState(app, StateKind.BLOCKED);
        zinit.stop(app);
        zinit.monitor(dep);
        awaitState(dep, StateKind.SUCCESS);
        ServiceStatus s = zinit.status(app);
        assertEquals(ServiceTarget.DOWN, s.target());
        assertEquals(0, s.pid());
        assertFalse(s.state().is(StateKind.RUNNING), s::toString);
    }

    @Test
    void aServiceAfterSeveralWaitsForAll() {
        String one = name();
        String two = name();
        String app = name();
        writeOnly(one, ServiceConfig.builder().exec("true").oneshot(true).build());
        writeOnly(two, ServiceConfig.builder().exec("sleep 100000").build());
        create(app, ServiceConfig.builder().exec("sleep 100000").after(one, two).build());
        zinit.monitor(one);
        awaitState(one, StateKind.SUCCESS);
        ServiceStatus half = awaitState(app, StateKind.BLOCKED);
        assertEquals(StateKind.UNKNOWN, half.after().get(two).kind(), half::toString);
        zinit.monitor(two);
        awaitState(app, StateKind.RUNNING);
    }

    // ---------------------------------------------------------------- logs

    @Test
    void logsOfAllServicesHoldEveryServicesLines() {
        String a = oneshot("sh -c 'echo hello-a'");
        String b = oneshot("sh -c 'echo hello-b'");
        awaitLog(a, l -> l.text().equals("hello-a"));
        awaitLog(b, l -> l.text().equals("hello-b"));
        try (LogStream all = zinit.logs(null)) {
            List<LogLine> lines = all.stream().toList();
            assertTrue(lines.stream().anyMatch(l -> l.belongsTo(a)), "a's lines");
            assertTrue(lines.stream().anyMatch(l -> l.belongsTo(b)), "b's lines");
        }
    }

    @Test
    void aServicesLogLeavesOtherServicesOut() {
        String a = oneshot("sh -c 'echo only-a'");
        String b = oneshot("sh -c 'echo only-b'");
        awaitLog(b, l -> l.text().equals("only-b"));
        List<LogLine> lines = awaitLog(a, l -> l.text().equals("only-a"));
        assertTrue(lines.stream().noneMatch(l -> l.belongsTo(b)), lines::toString);
    }

    @Test
    void followedLogOfOneServiceSkipsTheOthers() {
        String ticker = service("sh -c 'i=0; while true; do echo tock-$i; i=$((i+1)); sleep 0.1; done'");
        String other = service("sh -c 'i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.1; done'");
        awaitState(ticker, StateKind.RUNNING);
        awaitState(other, StateKind.RUNNING);
        assertTimeoutPreemptively(DEADLINE, () -> {
            try (LogStream follow = zinit.followLogs(ticker)) {
                int seen = 0;
                while (seen < 3) {
                    LogLine l = follow.next();
                    assertTrue(l != null, "the followed log ended");
                    assertTrue(l.belongsTo(ticker), l::raw);
                    if (l.text().startsWith("tock-")) {
                        seen++;
                    }
                }
            }
        });
    }

    // ---------------------------------------------------------------- files and queries

    @Test
    void addServiceIsIdempotentAndLoadServiceReadsItBack() {
        String web = name();
        created.add(web);
        ServiceConfig config = ServiceConfig.builder().exec("sleep 100000").env("GREETING", "hi").build();
        target.writeService(zinit, web, config);
        assertFalse(zinit.addService(web, config), "the same content again changes nothing");
        ServiceConfig back = zinit.loadService(web);
        assertEquals("sleep 100000", back.exec());
        assertEquals("hi", back.env().get("GREETING"));
        assertFalse(zinit.exists(web), "writing a file monitors nothing");
    }

    @Test
    void removeServiceDeletesTheFileOnce() {
        String web = name();
        created.add(web);
        target.writeService(zinit, web, ServiceConfig.builder().exec("sleep 100000").build());
        assertTrue(zinit.removeService(web));
        assertFalse(zinit.removeService(web));
        assertThrows(ServiceNotFoundException.class, () -> zinit.loadService(web));
        assertThrows(ServiceConfigRejectedException.class, () -> zinit.monitor(web));
    }

    @Test
    void getReturnsTheFileOfAMonitoredService() {
        String web = name();
        create(web, ServiceConfig.builder().exec("sleep 100000").oneshot(false).build());
        ServiceConfig got = zinit.get(web);
        assertEquals("sleep 100000", got.exec());
        assertFalse(got.oneshot());
    }

    @Test
    void listShowsEveryMonitoredServiceWithItsState() {
        String web = service("sleep 100000");
        String ok = oneshot("true");
        awaitState(web, StateKind.RUNNING);
        awaitState(ok, StateKind.SUCCESS);
        Map<String, ServiceState> all = zinit.list();
        assertEquals(StateKind.RUNNING, all.get(web).kind());
        assertEquals(StateKind.SUCCESS, all.get(ok).kind());
        assertTrue(zinit.exists(web) && zinit.exists(ok));
    }

    @Test
    void theClientSaysWhereAndWhatItTalksTo() {
        assertEquals(target.socket(), zinit.socketChoice().path());
        assertEquals(target.configDir(), zinit.configDir());
        Protocol p = zinit.protocol();
        assertTrue(p == Protocol.LEGACY || p == Protocol.JSON_RPC, p::toString);
        ServerVersion v = zinit.version();
        assertTrue(v.version().isEmpty() || v.version().get().getMajor() == 0, v::toString);
    }

    @Test
    void watchReportsEachChangeOfState() {
        String web = service("sleep 100000");
        awaitState(web, StateKind.RUNNING);
        try (ServiceWatch watch = zinit.watch(web)) {
            zinit.stop(web);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            boolean sawDown = false;
            while (!sawDown && System.nanoTime() - deadline < 0) {
                var change = watch.next(Duration.ofSeconds(1));
                if (change.isPresent() && change.get().current() != null
                        && change.get().current().target() == ServiceTarget.DOWN) {
                    sawDown = true;
                }
            }
            assertTrue(sawDown, () -> "the watch saw the stop; last seen " + watch.lastSeen());
        }
    }

    // ---------------------------------------------------------------- the end of zinit

    @Test
    void shutdownStopsTheServicesAndEndsZinit() {
        endOfZinit(ZinitClient::shutdown);
    }

    @Test
    void rebootInContainerModeEndsZinitLikeShutdown() {
        endOfZinit(ZinitClient::reboot);
    }

    @Test
    void aShuttingDownZinitRefusesNewWork() {
        assumeTrue(target.disposable(), () -> target.name() + " is not ours to shut down");
        try (ZinitTarget own = target.another(); ZinitClient c = own.newClient()) {
            String stubborn = name();
            // ignores SIGTERM: zinit waits its shutdown_timeout for it, and refuses work meanwhile
            own.writeService(c, stubborn, ServiceConfig.builder()
                    .exec(STUBBORN).shutdownTimeout(Duration.ofSeconds(5)).build());
            c.monitor(stubborn);
            awaitOn(c, stubborn, st -> st.state().is(StateKind.RUNNING));
            awaitTrap(c, stubborn);
            String late = name();
            own.writeService(c, late, ServiceConfig.builder().exec("sleep 100000").build());
            c.shutdown();
            // 0.2.14 answers first and shuts down right after: poll until the refusals begin
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            boolean refused = false;
            while (!refused && System.nanoTime() - deadline < 0) {
                try {
                    c.start(stubborn);
                    pause();
                } catch (ShuttingDownException e) {
                    refused = true;
                }
            }
            assertTrue(refused, "start was never refused");
            assertThrows(ShuttingDownException.class, () -> c.monitor(late));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static final Pattern TICK = Pattern.compile("tick-(\\d+)");
    /**
     * A process that ignores SIGTERM. zinit calls a service Running before its first instruction ran, so scenarios
     * wait for the line it prints once the trap is set before they rely on it.
     */
    static final String STUBBORN = "sh -c 'trap \"\" TERM; echo trapped; while true; do sleep 0.1; done'";

    /** Writes and monitors a service that ignores SIGTERM, and waits until it does. */
    private String stubborn() {
        String n = service(STUBBORN);
        awaitState(n, StateKind.RUNNING);
        awaitTrap(zinit, n);
        return n;
    }

    /** Waits for the line {@link #STUBBORN} prints once its trap is set. */
    static void awaitTrap(ZinitClient c, String n) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() - deadline < 0) {
            try (LogStream snapshot = c.logs(n)) {
                if (snapshot.stream().anyMatch(l -> l.text().equals("trapped"))) {
                    return;
                }
            }
            pause();
        }
        fail(n + " never set its trap");
    }

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

    private List<LogLine> awaitLogWhere(String n, Predicate<List<LogLine>> enough) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        List<LogLine> lines = List.of();
        while (System.nanoTime() - deadline < 0) {
            try (LogStream snapshot = zinit.logs(n)) {
                lines = snapshot.stream().toList();
            }
            if (enough.test(lines)) {
                return lines;
            }
            pause();
        }
        return fail("the log of " + n + " on " + target.name() + " never got there; got " + lines);
    }

    private void assertKilledBy(Signal sent, Signal expected) {
        assertEquals(expected, sent);
        String web = service("sleep 100000");
        int pid = awaitState(web, StateKind.RUNNING).pid();
        zinit.kill(web, sent);
        // the state names the signal until zinit restarts the service (a second or two later)
        ServiceStatus s = await(web, st -> st.state().processId().orElse(0) == pid && st.state().is(StateKind.ERROR),
                "killed");
        assertEquals(expected, s.state().signal().orElse(null), s::toString);
        assertEquals(ServiceTarget.UP, s.target());
    }

    /** Ends a fresh zinit of the same kind with the call; asserts it goes away or refuses work. */
    private void endOfZinit(java.util.function.Consumer<ZinitClient> end) {
        assumeTrue(target.disposable(), () -> target.name() + " is not ours to shut down");
        try (ZinitTarget own = target.another(); ZinitClient c = own.newClient()) {
            String web = name();
            own.writeService(c, web, ServiceConfig.builder().exec("sleep 100000").build());
            c.monitor(web);
            awaitOn(c, web, st -> st.state().is(StateKind.RUNNING));
            end.accept(c);
            // in container mode zinit stops its services and exits: a new request is refused, or finds nobody
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            ZinitException last = null;
            while (last == null && System.nanoTime() - deadline < 0) {
                try {
                    c.start(web);
                    pause();
                } catch (ShuttingDownException | ZinitConnectionException e) {
                    last = e;
                }
            }
            assertTrue(last != null, "zinit went on working after its end");
        }
    }

    private static ServiceStatus awaitOn(ZinitClient c, String n, Predicate<ServiceStatus> condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        ServiceStatus last = null;
        while (System.nanoTime() - deadline < 0) {
            last = c.status(n);
            if (condition.test(last)) {
                return last;
            }
            pause();
        }
        return fail(n + " never got there; last status: " + last);
    }

    private void assumeLegacy(String why) {
        assumeTrue(zinit.protocol() == Protocol.LEGACY, () -> "line protocol only: " + why);
    }

    private void assumeJsonRpc(String why) {
        assumeTrue(zinit.protocol() == Protocol.JSON_RPC, () -> "JSON-RPC only: " + why);
    }

    /** One line of the line protocol on a connection of its own; the answer up to the server's close. */
    private String legacy(String line) {
        return RawSocket.exchange(target.socket(), line + "\n", false);
    }

    /** One JSON-RPC request on a connection of its own; the first answer line. */
    private String rpc(String method, String params) {
        return RawSocket.exchange(target.socket(),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}\n", true);
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

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
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
