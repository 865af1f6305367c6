package io.zinit4j.client.internal.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one fan-out: bound, order of outcomes, failures, and a pool that was shut down. */
class FanOutTest {

    @Test
    void everyItemRunsWithinTheBoundAndOutcomesKeepTheItemsOrder() {
        ExecutorService pool = FanOut.newPool("test-fan-out");
        try {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            List<Integer> items = IntStream.range(0, 50).boxed().toList();
            List<FanOut.Outcome<Integer>> out = FanOut.each(pool, items, 3, i -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.yield();
                running.decrementAndGet();
                if (i == 7) {
                    throw new IllegalStateException("seven");
                }
                return i * 2;
            });
            assertEquals(50, out.size());
            assertTrue(most.get() <= 3, "at most 3 at once, saw " + most.get());
            for (int i = 0; i < 50; i++) {
                if (i == 7) {
                    assertEquals("seven", out.get(i).error().getMessage());
                    assertNull(out.get(i).value());
                } else {
                    assertEquals(i * 2, out.get(i).value());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void allThrowsTheFirstFailureWithTheOthersSuppressedAfterRunningEveryItem() {
        Set<Integer> ran = ConcurrentHashMap.newKeySet();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FanOut.all(FanOut.NEW_THREADS,
                List.of(1, 2, 3, 4), 4, i -> {
                    ran.add(i);
                    if (i % 2 == 0) {
                        throw new IllegalStateException("item " + i);
                    }
                    return i;
                }));
        assertEquals("item 2", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals(Set.of(1, 2, 3, 4), ran);
    }

    @Test
    void aPoolThatWasShutDownLeavesTheWorkToTheCallingThread() {
        ExecutorService pool = FanOut.newPool("test-closed");
        pool.shutdownNow();
        Thread caller = Thread.currentThread();
        List<Thread> threads = FanOut.all(pool, List.of(1, 2, 3), 3, i -> Thread.currentThread());
        for (Thread t : threads) {
            assertSame(caller, t);
        }
    }
}
