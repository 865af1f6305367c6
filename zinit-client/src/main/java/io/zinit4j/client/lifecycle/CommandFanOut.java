package io.zinit4j.client.lifecycle;

import io.zinit4j.error.ZinitException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one command per service with a bounded number in flight. zinit serves commands in parallel (0.2.28 holds each
 * stop answer 500 ms or more), so a bulk operation that sent them one after the other would take N stop times.
 * Threads live only for one fan-out and are daemons; a single command or a bound of one runs in the calling thread.
 *
 * <p>Stateless; safe to call from any number of threads (each call has its own threads).
 */
final class CommandFanOut {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private CommandFanOut() {
    }

    /**
     * Runs the action for every name, at most {@code inFlight} at once, and returns when all have ended.
     *
     * @throws RuntimeException the first failure (in the order of the names), the others added as suppressed; every
     *                          action runs even when one fails
     */
    static void run(List<String> names, int inFlight, Consumer<String> action) {
        if (names.size() <= 1 || inFlight <= 1) {
            RuntimeException first = null;
            for (String n : names) {
                try {
                    action.accept(n);
                } catch (RuntimeException e) {
                    first = keep(first, e);
                }
            }
            if (first != null) {
                throw first;
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(inFlight, names.size()), r -> {
            Thread t = new Thread(r, "zinit4j-bulk-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(names.size());
            for (String n : names) {
                futures.add(pool.submit(() -> action.accept(n)));
            }
            RuntimeException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    first = keep(first, unwrap(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(x -> x.cancel(true));
                    throw new ZinitException("interrupted while sending commands for " + names.size() + " services", e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static RuntimeException keep(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new ZinitException("a command failed", cause);
    }
}
