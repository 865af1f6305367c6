package io.zinit4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.client.lifecycle.PollPolicy;
import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.error.ServiceFailedException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.WaitTimeoutException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.Behavior;
import io.zinit4j.testkit.FakeZinitExtension;
import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Generation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ZinitAsyncClient} against the JSON-RPC fake: the waits' outcomes, on one shared scheduler thread. */
class ZinitAsyncClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final FakeZinitExtension ext = FakeZinitExtension.with(b -> b.generation(Generation.JSON_RPC)
            .restartDelay(Duration.ofMillis(30))
            // the client's own SIGKILL at the deadline is under test, not 0.2.28's held stop answer
            .stopAnswerDelay(Duration.ZERO).statsDelay(Duration.ZERO));

    private ScheduledExecutorService scheduler;
    private ZinitClient zinit;
    private ZinitAsyncClient async;

    @BeforeEach
    void open() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        zinit = ZinitClient.builder().socket(fake().socket()).configDir(fake().configDir()).build();
        async = ZinitAsyncClient.builder(zinit).scheduler(scheduler)
                .pollPolicy(PollPolicy.defaults().toBuilder().failureGrace(Duration.ofMillis(200)).build()).build();
    }

    @AfterEach
    void close() {
        async.close();
        zinit.close();
        scheduler.shutdownNow();
    }

    private FakeZinitServer fake() {
        return ext.server();
    }

    private void add(String name) {
        zinit.addService(name, ServiceConfig.builder().exec("sleep 1000").build());
        zinit.monitor(name);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(WAIT.toMillis() * 2,
                TimeUnit.MILLISECONDS));
        return e.getCause();
    }

    @Test
    void startWaitsOfManyServicesCompleteOnOneThread() throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            add("s" + i);
            zinit.stop("s" + i);
        }
        for (int i = 0; i < 20; i++) {
            all.add(async.startWait(WAIT, "s" + i));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        for (int i = 0; i < 20; i++) {
            assertTrue(zinit.status("s" + i).state().is(StateKind.RUNNING), "s" + i);
        }
        assertEquals(0, async.waitsInProgress());
        assertTrue(fake().requests().stream().anyMatch(r -> r.text().contains("\"service_list\"")),
                "many waits share list calls");
    }

    @Test
    void stopWaitThenRestartThenStartMultiple() throws Exception {
        add("web");
        zinit.startWait(WAIT, "web");
        async.stopWait(WAIT, "web").get(20, TimeUnit.SECONDS);
        assertTrue(zinit.status("web").state().exited());
        async.restart(WAIT, "web").get(20, TimeUnit.SECONDS);
        assertTrue(zinit.status("web").state().is(StateKind.RUNNING));
        zinit.addService("api", ServiceConfig.builder().exec("sleep 1000").build());
        async.startMultiple(WAIT, "web", "api").get(20, TimeUnit.SECONDS);
        assertTrue(zinit.status("api").state().is(StateKind.RUNNING));
        async.destroy(WAIT, "web", "api").get(20, TimeUnit.SECONDS);
        assertFalse(zinit.exists("web"));
        assertFalse(zinit.exists("api"));
    }

    @Test
    void aServiceThatCannotStartFailsItsWait() {
        fake().script("bad", Behavior.unstartable());
        add("bad");
        assertInstanceOf(ServiceFailedException.class, failure(async.startWait(WAIT, "bad")));
    }

    @Test
    void anUnknownServiceAndABadNameFailTheFuture() {
        assertInstanceOf(ServiceNotFoundException.class, failure(async.startWait(WAIT, "ghost")));
        assertInstanceOf(ServiceNotFoundException.class, failure(async.status("ghost")));
        assertInstanceOf(InvalidServiceNameException.class, failure(async.startWait(WAIT, "../etc")));
    }

    @Test
    void aStopWaitOnAServiceIgnoringSigtermEndsWithSigkill() throws Exception {
        fake().script("stubborn", Behavior.longRunning().ignoring(Signal.SIGTERM));
        add("stubborn");
        zinit.startWait(WAIT, "stubborn");
        async.stopWait(Duration.ofMillis(100), "stubborn").get(20, TimeUnit.SECONDS);
        assertTrue(zinit.status("stubborn").state().exited());
        assertTrue(fake().requests().stream().anyMatch(r -> r.text().contains("SIGKILL")));
    }

    @Test
    void aWaitThatNeverEndsTimesOutWithWhatItLastSaw() {
        fake().script("slow", Behavior.longRunning().withSpawnTime(Duration.ofHours(1)));
        add("slow"); // held in Spawned
        Throwable t = failure(async.startWait(Duration.ofMillis(200), "slow"));
        WaitTimeoutException e = assertInstanceOf(WaitTimeoutException.class, t);
        assertTrue(e.lastSeen().containsKey("slow"), e.getMessage());
    }

    @Test
    void cancellingAWaitStopsItsPolling() throws Exception {
        fake().script("slow", Behavior.longRunning().withSpawnTime(Duration.ofHours(1)));
        add("slow"); // held in Spawned
        CompletableFuture<Void> f = async.startWait(WAIT, "slow");
        // wait until it polls, so that the cancel ends a wait in progress, not one about to begin
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (async.waitsInProgress() == 0 && !f.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(1, async.waitsInProgress());
        assertTrue(f.cancel(true));
        assertEquals(0, async.waitsInProgress(), "nothing left to poll");
        assertTrue(f.isCancelled());
    }

    @Test
    void closingFailsWaitsInProgress() throws Exception {
        fake().script("slow", Behavior.longRunning().withSpawnTime(Duration.ofHours(1)));
        add("slow"); // held in Spawned
        CompletableFuture<Void> f = async.startWait(WAIT, "slow");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (async.waitsInProgress() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        async.close();
        assertInstanceOf(ZinitException.class, failure(f));
        assertInstanceOf(ZinitException.class, failure(async.startWait(WAIT, "slow")));
    }

    /** The async client's requests are the blocking client's: its listener hears them, on the scheduler's thread. */
    @Test
    void theBlockingClientsListenerHearsTheAsyncRequestsOnTheSchedulersThread() throws Exception {
        add("web");
        ZinitClientContract.Recorder heard = new ZinitClientContract.Recorder();
        try (ZinitClient listened = ZinitClient.builder().socket(fake().socket()).configDir(fake().configDir())
                .eventListener(heard).build();
             ZinitAsyncClient a = ZinitAsyncClient.builder(listened).scheduler(scheduler).build()) {
            a.startWait(WAIT, "web").get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        }
        Thread schedulerThread = scheduler.submit(Thread::currentThread).get();
        assertFalse(heard.calls().isEmpty());
        for (ZinitClientContract.Heard h : heard.calls()) {
            assertEquals(schedulerThread, h.thread(), h.describe());
        }
        assertTrue(heard.callKinds().contains("callEnd start web"), heard.callKinds().toString());
        assertEquals(List.of(), heard.polls(), "async waits poll with list and status calls, heard as calls");
    }
}
