package io.zinit4j.testkit;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The faults a test queued with {@link FakeZinitServer#fault}, one per coming request, whichever front end receives it.
 * Thread-safe.
 */
final class FaultQueue {
    private final Queue<Fault> pending = new ConcurrentLinkedQueue<>();

    /** Queues a fault for a coming request. */
    void add(Fault fault) {
        pending.add(Objects.requireNonNull(fault, "fault"));
    }

    /** {@return the fault for the request just received, or {@code null} when it is to be answered normally} */
    Fault next() {
        return pending.poll();
    }
}
