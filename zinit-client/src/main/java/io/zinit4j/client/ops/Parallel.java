package io.zinit4j.client.ops;

import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.internal.concurrent.FanOut;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one call per item on the client's fan-out pool ({@link FanOut}, closed with the client) and collects every
 * outcome, failures included, so that one failing item never hides the others.
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
     * {@return each item's outcome, in the items' order}
     *
     * @param client the client whose pool runs the calls (a client of another kind: threads made for the occasion)
     * @param items  the items, in the order the result keeps
     * @param call   the call for one item
     */
    static <T, R> Map<T, Outcome<R>> each(ZinitClient client, List<T> items, Function<T, R> call) {
        List<FanOut.Outcome<R>> outcomes = FanOut.each(FanOut.of(client), items, MAX_THREADS, call);
        Map<T, Outcome<R>> out = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            FanOut.Outcome<R> o = outcomes.get(i);
            out.put(items.get(i), new Outcome<>(o.value(), o.error()));
        }
        return out;
    }
}
