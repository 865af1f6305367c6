package io.zinit4j.client.internal.protocol;

import io.zinit4j.client.LogStream;
import io.zinit4j.client.internal.transport.SocketConnection;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import io.zinit4j.model.LogLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * zinit's log over one legacy connection ({@code log snapshot} or {@code log}), parsed line by line and filtered by
 * service on the client, since the line protocol cannot filter.
 *
 * <p>A snapshot must keep arriving: silence longer than the read timeout throws {@link ZinitTimeoutException}. A
 * followed log may be silent for any time: reads wait in short slices and check whether the stream was closed, so
 * {@link #close()} from another thread ends a blocked {@link #next()} (which then returns {@code null}) within about
 * {@link #POLL_SLICE}, even where closing a socket does not wake its reader.
 */
public final class LegacyLogStream implements LogStream {
    /** The longest log line accepted. */
    public static final int MAX_LINE_BYTES = 1024 * 1024;
    /** How long one read of a followed log waits before it checks whether the stream was closed. */
    public static final Duration POLL_SLICE = Duration.ofMillis(100);

    private final SocketConnection connection;
    private final String service;
    private final boolean follow;
    private final byte[] buf = new byte[8192];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private int pos;
    private int limit;
    private boolean first = true;
    private boolean ended;
    private volatile boolean closed;

    /**
     * @param connection a connection on which the log command was sent; owned by this stream from now on
     * @param service    only this service's lines (and its test's), or {@code null} for all
     * @param follow     whether the server keeps the connection open for new lines
     */
    public LegacyLogStream(SocketConnection connection, String service, boolean follow) {
        this.connection = connection;
        this.service = service;
        this.follow = follow;
        Duration read = connection.settings().readTimeout();
        connection.readTimeout(follow && read.compareTo(POLL_SLICE) > 0 ? POLL_SLICE : read);
    }

    @Override
    public LogLine next() {
        while (true) {
            String text = nextLine();
            if (text == null) {
                return null;
            }
            if (first) {
                first = false;
                if (text.startsWith("{\"state\":")) {
                    // zinit answered the log command itself with an error object instead of log lines
                    LegacyCodec.parseAnswer(follow ? "log" : "log snapshot", text.getBytes(StandardCharsets.UTF_8));
                }
            }
            LogLine parsed = LogLine.parse(text);
            if (service == null || parsed.belongsTo(service)) {
                return parsed;
            }
        }
    }

    private String nextLine() {
        while (true) {
            if (closed || ended && pos >= limit) {
                if (!closed && line.size() > 0) {
                    String last = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    return last;
                }
                return null;
            }
            while (pos < limit) {
                byte b = buf[pos++];
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    return text;
                }
                if (line.size() >= MAX_LINE_BYTES) {
                    close();
                    throw new ZinitProtocolException("a log line from zinit exceeds " + MAX_LINE_BYTES + " bytes");
                }
                line.write(b);
            }
            if (!ended) {
                fill();
            }
        }
    }

    private void fill() {
        try {
            int n = connection.read(buf);
            if (n < 0) {
                ended = true;
                connection.close();
            } else {
                pos = 0;
                limit = n;
            }
        } catch (ZinitTimeoutException e) {
            if (!follow) {
                close();
                throw e;
            }
            // a followed log may be quiet for ever: loop and look at the closed flag again
        } catch (ZinitConnectionException e) {
            if (closed) {
                return;
            }
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        connection.close();
    }
}
