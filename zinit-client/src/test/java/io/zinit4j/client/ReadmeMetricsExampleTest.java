package io.zinit4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Generation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The README's metrics example ("Observing calls"), compiled and run against a fake zinit of each generation. The
 * text between each pair of markers is the README's text: change both together.
 */
class ReadmeMetricsExampleTest {

    // README-METRICS-CLASS-START
    /** Calls, failures and a latency histogram per operation, and reconnects, from a client's events. */
    static final class ZinitMetrics implements ZinitEventListener {
        /** Upper bounds of the latency buckets in milliseconds; one more bucket takes everything slower. */
        static final long[] BOUNDS_MS = {1, 5, 25, 100, 500, 2_500};

        // filled once here and only read afterwards, so plain EnumMaps are safe to share between threads
        private final Map<Operation, LongAdder> calls = new EnumMap<>(Operation.class);
        private final Map<Operation, LongAdder> failures = new EnumMap<>(Operation.class);
        private final Map<Operation, LongAdder[]> latency = new EnumMap<>(Operation.class);
        private final LongAdder reconnects = new LongAdder();

        ZinitMetrics() {
            for (Operation op : Operation.values()) {
                calls.put(op, new LongAdder());
                failures.put(op, new LongAdder());
                LongAdder[] buckets = new LongAdder[BOUNDS_MS.length + 1];
                Arrays.setAll(buckets, i -> new LongAdder());
                latency.put(op, buckets);
            }
        }

        @Override
        public void callEnd(CallEvent call) {
            record(call);
        }

        @Override
        public void callFailed(CallEvent call) {
            failures.get(call.operation()).increment();
            record(call);
        }

        @Override
        public void connectionReopened(ConnectionEvent connection) {
            reconnects.increment();
        }

        private void record(CallEvent call) {
            calls.get(call.operation()).increment();
            long ms = call.duration().toMillis();
            int bucket = 0;
            while (bucket < BOUNDS_MS.length && ms > BOUNDS_MS[bucket]) {
                bucket++;
            }
            latency.get(call.operation())[bucket].increment();
        }

        long calls(Operation op) {
            return calls.get(op).sum();
        }

        long failures(Operation op) {
            return failures.get(op).sum();
        }

        long reconnects() {
            return reconnects.sum();
        }

        /** {@return the histogram as text, e.g. {@code "<=1ms:3 <=5ms:1 ... >2500ms:0"}} */
        String histogram(Operation op) {
            StringBuilder out = new StringBuilder();
            LongAdder[] buckets = latency.get(op);
            for (int i = 0; i < buckets.length; i++) {
                out.append(i == 0 ? "" : " ")
                        .append(i < BOUNDS_MS.length ? "<=" + BOUNDS_MS[i] : ">" + BOUNDS_MS[BOUNDS_MS.length - 1])
                        .append("ms:").append(buckets[i].sum());
            }
            return out.toString();
        }
    }
    // README-METRICS-CLASS-END

    @ParameterizedTest
    @EnumSource(Generation.class)
    void theMetricsExampleCountsEveryRequest(Generation generation) {
        try (FakeZinitServer fake = FakeZinitServer.builder().generation(generation).build().start()) {
            Path socket = fake.socket();
            // README-METRICS-START
            ZinitMetrics metrics = new ZinitMetrics();
            try (ZinitClient zinit = ZinitClient.builder().socket(socket).eventListener(metrics).build()) {
                zinit.list();
                zinit.exists("web"); // a status call answered "not found": a failed call, though exists() is false
            }
            System.out.println(metrics.calls(Operation.STATUS) + " status calls, "
                    + metrics.failures(Operation.STATUS) + " failed; " + metrics.histogram(Operation.STATUS));
            // README-METRICS-END

            assertEquals(1, metrics.calls(Operation.LIST));
            assertEquals(0, metrics.failures(Operation.LIST));
            assertEquals(1, metrics.calls(Operation.STATUS));
            assertEquals(1, metrics.failures(Operation.STATUS));
            assertEquals(0, metrics.reconnects());
            String histogram = metrics.histogram(Operation.STATUS);
            long counted = Arrays.stream(histogram.split(" ")).mapToLong(b -> Long.parseLong(b.split(":")[1])).sum();
            assertEquals(1, counted, histogram);
            assertTrue(histogram.startsWith("<=1ms:") && histogram.contains(" >2500ms:"), histogram);
        }
    }
}
