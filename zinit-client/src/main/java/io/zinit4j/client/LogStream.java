package io.zinit4j.client;

import io.zinit4j.model.LogLine;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * zinit's log as a stream of parsed lines: a snapshot ends after the buffered lines; a followed log goes on until
 * {@link #close()}. Close it (try-with-resources) to release the connection. {@link #next()} is for one reading thread;
 * {@link #close()} may be called from any thread and makes a blocked {@link #next()} return {@code null}.
 */
public interface LogStream extends AutoCloseable, Iterable<LogLine> {

    /**
     * Blocks until the next line arrives.
     *
     * @return the next line, or {@code null} at the end (a snapshot is done, the stream was closed, or the server went
     *         away)
     */
    LogLine next();

    /** Releases the connection; idempotent. */
    @Override
    void close();

    /** {@return the remaining lines as an iterator (for a followed log, until the stream is closed)} */
    @Override
    default Iterator<LogLine> iterator() {
        return new Iterator<>() {
            private LogLine pending;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (pending == null && !done) {
                    pending = LogStream.this.next();
                    done = pending == null;
                }
                return pending != null;
            }

            @Override
            public LogLine next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                LogLine l = pending;
                pending = null;
                return l;
            }
        };
    }

    /** {@return the remaining lines as a sequential stream; closing the stream closes this} */
    default Stream<LogLine> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false)
                .onClose(this::close);
    }
}
