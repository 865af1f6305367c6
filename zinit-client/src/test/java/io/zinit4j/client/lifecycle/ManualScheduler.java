package io.zinit4j.client.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A scheduler on a {@link FakeClock}, run by the test's own thread: {@link #runUntil} runs the tasks in time order,
 * moving the clock to each one's time, so that async waits run instantly and deterministically. Only {@code execute},
 * {@code schedule} and what {@link AbstractExecutorService} builds on them; no periodic tasks.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final FakeClock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private boolean shutdown;
    /** How many tasks ran, to tell a loop that keeps polling from one that went idle. */
    int ran;

    ManualScheduler(FakeClock clock) {
        this.clock = clock;
    }

    /**
     * Runs tasks until the condition holds, no task is left, or the fake clock passed the limit.
     *
     * @return whether the condition holds
     */
    boolean runUntil(BooleanSupplier condition, long maxMillis) {
        long end = clock.nanoTime() + maxMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            Task<?> t;
            synchronized (this) {
                t = queue.poll();
            }
            if (t == null || t.at - end > 0) {
                if (t != null) {
                    synchronized (this) {
                        queue.add(t);
                    }
                }
                return condition.getAsBoolean();
            }
            if (t.isCancelled()) {
                continue;
            }
            long wait = t.at - clock.nanoTime();
            if (wait > 0) {
                clock.advanceNanos(wait);
            }
            ran++;
            t.run();
        }
        return true;
    }

    /** {@return how many tasks wait, not counting cancelled ones} */
    synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.isCancelled()).count();
    }

    private synchronized <V> Task<V> add(Task<V> t) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        queue.add(t);
        return t;
    }

    @Override
    public void execute(Runnable command) {
        add(new Task<>(Executors.callable(command), clock.nanoTime()));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(new Task<>(Executors.callable(command), clock.nanoTime() + unit.toNanos(Math.max(0, delay))));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(new Task<>(callable, clock.nanoTime() + unit.toNanos(Math.max(0, delay))));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        final long at;
        final long seq = sequence.incrementAndGet();

        Task(Callable<V> callable, long at) {
            super(callable);
            this.at = at;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - clock.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task<?> other = (Task<?>) o;
            int c = Long.compare(at - other.at, 0);
            return c != 0 ? c : Long.compare(seq, other.seq);
        }
    }
}
