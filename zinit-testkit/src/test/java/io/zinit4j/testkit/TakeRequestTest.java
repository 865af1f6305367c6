package io.zinit4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link FakeZinitServer#takeRequest}: blocks for the next request, hands them out in order, gives up with null. */
class TakeRequestTest {
    /** Long enough never to run out on a loaded machine: every take below is expected to return early. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(Generation.class)
    void blocksUntilARequestArrives(Generation generation) throws Exception {
        try (FakeZinitServer zinit = FakeZinitServer.builder().generation(generation).build().start()) {
            AtomicReference<Thread> taker = new AtomicReference<>();
            CompletableFuture<RecordedRequest> taken = CompletableFuture.supplyAsync(() -> {
                taker.set(Thread.currentThread());
                return take(zinit, PATIENCE);
            });
            // the taker parked in the wait is proof that it blocks; a state, not a clock, so no timed assertion
            while (taker.get() == null || taker.get().getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            assertFalse(taken.isDone(), "nothing was sent yet");
            send(zinit, "list");
            assertEquals(zinit.requests().get(0), taken.get());
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void answersNullWhenNoRequestArrivesInTime(Generation generation) throws Exception {
        try (FakeZinitServer zinit = FakeZinitServer.builder().generation(generation).build().start()) {
            assertNull(zinit.takeRequest(Duration.ofMillis(20)));
            assertNull(zinit.takeRequest(Duration.ZERO));
            send(zinit, "list");
            zinit.takeRequest(PATIENCE);
            assertNull(zinit.takeRequest(Duration.ZERO), "each request is taken once");
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void takesInOrderOfArrivalAndKeepsTheHistory(Generation generation) throws Exception {
        try (FakeZinitServer zinit = FakeZinitServer.builder().generation(generation).build().start()) {
            for (String name : List.of("a", "b", "c")) {
                send(zinit, "status " + name);
            }
            for (int i = 1; i <= 3; i++) {
                RecordedRequest r = zinit.takeRequest(PATIENCE);
                assertEquals(i, r.sequence());
                assertEquals(zinit.requests().get(i - 1), r);
            }
            assertEquals(3, zinit.requests().size(), "taking does not remove a request from requests()");
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void clearingDropsTheRequestsNotTakenYet(Generation generation) throws Exception {
        try (FakeZinitServer zinit = FakeZinitServer.builder().generation(generation).build().start()) {
            send(zinit, "status a");
            zinit.clearRequests();
            assertNull(zinit.takeRequest(Duration.ZERO));
            send(zinit, "status b");
            assertEquals(2, zinit.takeRequest(PATIENCE).sequence(), "numbering goes on after a clear");
        }
    }

    /** Sends a legacy command, or its JSON-RPC equivalent, on a connection of its own and reads the answer. */
    private static void send(FakeZinitServer zinit, String command) throws IOException {
        if (zinit.generation() == Generation.LEGACY) {
            Raw.legacy(zinit.socket(), command);
            return;
        }
        String[] words = command.split(" ");
        String params = words.length > 1 ? "[\"" + words[1] + "\"]" : "[]";
        // half-closed, so that the fake ends the connection after its answer and readAll returns
        Raw.exchange(zinit.socket(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"service_" + words[0]
                + "\",\"params\":" + params + "}\n", true);
    }

    private static RecordedRequest take(FakeZinitServer zinit, Duration timeout) {
        try {
            return zinit.takeRequest(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
