package io.zinit4j.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/** One client following the {@link LogBuffer}, as {@code log} or {@code stream_subscribeLogs} do; close to stop. */
final class LogFollower implements AutoCloseable {
    private final LogBuffer buffer;
    private final BlockingQueue<String> queue;

    LogFollower(LogBuffer buffer, BlockingQueue<String> queue) {
        this.buffer = buffer;
        this.queue = queue;
    }

    /**
     * Writes the new lines until the server stops or the client leaves (the write fails).
     *
     * @param out     the connection
     * @param keep    which lines to send
     * @param encode  a line's bytes on the wire
     * @param serving whether the server still serves; looked at between lines
     */
    void pump(OutputStream out, Predicate<String> keep, Function<String, byte[]> encode, BooleanSupplier serving)
            throws IOException {
        while (serving.getAsBoolean()) {
            String line;
            try {
                // a short poll, so that a closing server is noticed without a line to wake the follower
                line = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (line != null && keep.test(line)) {
                out.write(encode.apply(line));
                out.flush();
            }
        }
    }

    @Override
    public void close() {
        buffer.unfollow(queue);
    }
}
