package io.zinit4j.client.lifecycle;

import io.zinit4j.client.internal.concurrent.FanOut;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs one command per service with a bounded number in flight. zinit serves commands in parallel (0.2.28 holds each
 * stop answer 500 ms or more), so a bulk operation that sent them one after the other would take N stop times. The
 * threads come from the client's one fan-out pool ({@link FanOut}); a single command or a bound of one runs in the
 * calling thread.
 *
 * <p>Stateless; safe to call from any number of threads.
 */
final class CommandFanOut {
    private CommandFanOut() {
    }

    /**
     * Runs the action for every name, at most {@code inFlight} at once, and returns when all have ended.
     *
     * @throws RuntimeException the first failure (in the order of the names), the others added as suppressed; every
     *                          action runs even when one fails
     */
    static void run(Executor executor, List<String> names, int inFlight, Consumer<String> action) {
        FanOut.all(executor, names, inFlight, name -> {
            action.accept(name);
            return null;
        });
    }
}
