package io.zinit4j.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The requests a fake received, shared by every front end of one {@link FakeZinitServer}: the whole history for
 * {@link FakeZinitServer#requests()} and, beside it, a queue of those not yet taken by
 * {@link FakeZinitServer#takeRequest}. Thread-safe.
 */
final class RequestRecorder {
    private final List<RecordedRequest> history = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
    private long sequence;

    /**
     * Records one request.
     *
     * @param connection the number of the connection it came on
     * @param raw        its bytes
     * @return the record
     */
    synchronized RecordedRequest record(long connection, byte[] raw) {
        // numbered and queued under one lock, so that the history, the queue and the sequence numbers agree on the
        // order when requests arrive on several connections at once
        RecordedRequest r = new RecordedRequest(++sequence, connection, raw, Instant.now());
        history.add(r);
        untaken.add(r);
        return r;
    }

    /** {@return every request recorded since the last {@link #clear()}, in order of arrival} */
    List<RecordedRequest> history() {
        return List.copyOf(history);
    }

    /**
     * Waits for the oldest request not taken yet.
     *
     * @param timeout how long to wait at most
     * @return the request, or {@code null} when none came in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    RecordedRequest take(Duration timeout) throws InterruptedException {
        return untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Forgets the history and the requests not taken yet; numbering goes on. */
    synchronized void clear() {
        history.clear();
        untaken.clear();
    }
}
