package io.zinit4j.client.internal.concurrent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one call per item, at most a given number at once, and collects every outcome in the items' order: the fan-out
 * of bulk commands, of {@code matches} and of the {@code ops} classes. The calling thread takes part, and helpers pull
 * the next item until none is left, so a bound of {@code n} costs {@code n - 1} helper threads. Thread-safe.
 */
public final class FanOut {
    /** Runs each helper on a new daemon thread: for callers that own no pool (tests, clients of other kinds). */
    public static final Executor NEW_THREADS = r -> {
        Thread t = new Thread(r, "zinit4j-fan-out");
        t.setDaemon(true);
        t.start();
    };

    private FanOut() {
    }

    /** A client that owns a fan-out pool, for the classes built on {@link io.zinit4j.client.ZinitClient}. */
    public interface Owner {
        /** {@return the client's pool; it refuses work once the client is closed} */
        Executor fanOut();
    }

    /**
     * @param client any object; a client that owns a pool
     * @return the client's pool, or {@link #NEW_THREADS} for a client of another kind
     */
    public static Executor of(Object client) {
        return client instanceof Owner o ? o.fanOut() : NEW_THREADS;
    }

    /**
     * The pool a client owns and shuts down when it closes: threads made on demand, daemons, gone after 30 s idle, so
     * an idle client holds none. It has no bound of its own; each fan-out bounds itself.
     *
     * @param name the threads' name prefix
     * @return a new pool
     */
    public static ExecutorService newPool(String name) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The outcome of one item.
     *
     * @param value the value, or {@code null} on failure (or when the call returned {@code null})
     * @param error what the call threw, or {@code null} on success; an item left out after an interrupt has an
     *              {@link InterruptedException} wrapped in a {@link io.zinit4j.error.ZinitException}
     * @param <R>   the value type
     */
    public record Outcome<R>(R value, RuntimeException error) {
        /** {@return whether the call returned} */
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * Runs the call for every item and waits for all. An interrupt of the calling thread stops handing out items; the
     * calls in progress (each bounded by the client's timeouts) are waited for, and the interrupt is restored.
     *
     * @param executor runs the helpers; when it refuses, the calling thread does the rest alone
     * @param items    the items
     * @param inFlight how many calls may run at once (1 or less: one after the other, in the calling thread)
     * @param call     the call for one item
     * @param <T>      the item type
     * @param <R>      the value type
     * @return each item's outcome, in the items' order
     * @throws Error an {@link Error} a call threw
     */
    public static <T, R> List<Outcome<R>> each(Executor executor, List<T> items, int inFlight, Function<T, R> call) {
        int size = items.size();
        @SuppressWarnings("unchecked")
        Outcome<R>[] out = new Outcome[size];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Error[] fatal = new Error[1];
        Runnable work = () -> {
            int i;
            while (!stop.get() && (i = next.getAndIncrement()) < size) {
                try {
                    out[i] = new Outcome<>(call.apply(items.get(i)), null);
                } catch (RuntimeException e) {
                    out[i] = new Outcome<>(null, e);
                } catch (Error e) {
                    synchronized (fatal) {
                        fatal[0] = e;
                    }
                    stop.set(true);
                }
            }
        };
        int helpers = Math.max(0, Math.min(inFlight, size) - 1);
        CountDownLatch done = new CountDownLatch(helpers);
        for (int h = 0; h < helpers; h++) {
            try {
                executor.execute(() -> {
                    try {
                        work.run();
                    } finally {
                        done.countDown();
                    }
                });
            } catch (RejectedExecutionException e) {
                done.countDown(); // a closed pool: this thread carries on alone
            }
        }
        work.run();
        boolean interrupted = Thread.currentThread().isInterrupted();
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                stop.set(true);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (fatal) {
            if (fatal[0] != null) {
                throw fatal[0];
            }
        }
        List<Outcome<R>> result = new ArrayList<>(size);
        for (Outcome<R> o : Arrays.asList(out)) {
            result.add(o != null ? o : new Outcome<>(null, new io.zinit4j.error.ZinitException(
                    "interrupted before this call was made", new InterruptedException())));
        }
        return result;
    }

    /**
     * {@link #each} for calls whose failures fail the whole: every call is made, then the first failure (in the
     * items' order) is thrown with the others added as suppressed.
     *
     * @param executor runs the helpers
     * @param items    the items
     * @param inFlight how many calls may run at once
     * @param call     the call for one item
     * @param <T>      the item type
     * @param <R>      the value type
     * @return the values, in the items' order
     */
    public static <T, R> List<R> all(Executor executor, List<T> items, int inFlight, Function<T, R> call) {
        RuntimeException first = null;
        List<R> values = new ArrayList<>(items.size());
        for (Outcome<R> o : each(executor, items, inFlight, call)) {
            if (o.ok()) {
                values.add(o.value());
            } else if (first == null) {
                first = o.error();
            } else if (first != o.error()) {
                first.addSuppressed(o.error());
            }
        }
        if (first != null) {
            throw first;
        }
        return values;
    }
}
