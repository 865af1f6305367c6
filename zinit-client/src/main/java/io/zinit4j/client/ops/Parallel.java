package io.zinit4j.client.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one call per item on a few threads made for the occasion and collects every outcome, failures included, so
 * that one failing item never hides the others. No thread outlives a call: the operations here are occasional, and a
 * pool kept between calls would need a close the public classes do not otherwise need.
 */
final class Parallel {
    /** At most this many calls at once: enough to hide round trips, few enough not to flood the server. */
    static final int MAX_THREADS = 8;

    private Parallel() {
    }

    /**
     * The outcome of one item: a value or the exception its call threw.
     *
     * @param value the value, or {@code null} on failure (or when the call returned {@code null})
     * @param error the exception, or {@code null} on success
     * @param <R> the value type
     */
    record Outcome<R>(R value, RuntimeException error) {
        boolean ok() {
            return error == null;
        }
    }

    /**
     * @param items the items, in the order the result keeps
     * @param call  the call for one item
     * @return each item's outcome, in the items' order
     */
    static <T, R> Map<T, Outcome<R>> each(List<T> items, Function<T, R> call) {
        Map<T, Outcome<R>> out = new LinkedHashMap<>();
        if (items.isEmpty()) {
            return out;
        }
        if (items.size() == 1) {
            T only = items.get(0);
            out.put(only, run(call, only));
            return out;
        }
        int threads = Math.min(MAX_THREADS, items.size());
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "zinit-ops-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<Outcome<R>>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> run(call, item)));
            }
            for (int i = 0; i < items.size(); i++) {
                out.put(items.get(i), join(futures.get(i)));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T, R> Outcome<R> run(Function<T, R> call, T item) {
        try {
            return new Outcome<>(call.apply(item), null);
        } catch (RuntimeException e) {
            return new Outcome<>(null, e);
        }
    }

    private static <R> Outcome<R> join(Future<Outcome<R>> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    // Every call is bounded by the client's own timeouts, so finishing the wait is safe; the
                    // interrupt is restored for the caller.
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Error) {
                        throw (Error) cause;
                    }
                    throw new IllegalStateException("unexpected failure in a parallel call", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
