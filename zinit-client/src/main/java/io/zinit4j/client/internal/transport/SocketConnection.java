package io.zinit4j.client.internal.transport;

import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.newsclub.net.unix.AFUNIXSocket;

/**
 * One open connection. Reads honour the read timeout set at connect (changeable with {@link #readTimeout(Duration)});
 * a read that times out throws {@link ZinitTimeoutException}. Not thread-safe for concurrent reads or concurrent
 * writes, but {@link #close()} may be called from any thread to unblock a reader.
 */
public final class SocketConnection implements AutoCloseable {
    private final AFUNIXSocket socket;
    private final SocketSettings settings;
    private final InputStream in;
    private final OutputStream out;
    private final ConnectionEvents events;

    SocketConnection(AFUNIXSocket socket, SocketSettings settings, ConnectionEvents events) throws IOException {
        this.socket = socket;
        this.settings = settings;
        this.events = events;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** @return the settings this connection was opened with */
    public SocketSettings settings() {
        return settings;
    }

    /** {@return who hears of this connection's loss (the connector's listener)} */
    public ConnectionEvents events() {
        return events;
    }

    /**
     * Writes all bytes and flushes.
     *
     * @param bytes what to send
     */
    public void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new ZinitConnectionException(settings.socket(), "writing to zinit at " + settings.socket()
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** Half-closes the sending side, telling a line-protocol server that the command is complete. */
    public void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            // some peers close first; the read that follows reports what really happened
        }
    }

    /**
     * Reads some bytes, waiting at most the read timeout.
     *
     * @param buf where to put them
     * @return how many were read, or -1 at the end of the stream
     * @throws ZinitTimeoutException    when nothing arrives within the read timeout
     * @throws ZinitConnectionException when the connection fails or was closed
     */
    public int read(byte[] buf) {
        try {
            return in.read(buf);
        } catch (SocketTimeoutException e) {
            throw new ZinitTimeoutException("zinit at " + settings.socket() + " sent nothing for "
                    + socketTimeoutMillis() + " ms", e);
        } catch (IOException e) {
            throw new ZinitConnectionException(settings.socket(), "reading from zinit at " + settings.socket()
                    + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Changes the read timeout for the following reads.
     *
     * @param timeout the new timeout, positive
     */
    public void readTimeout(Duration timeout) {
        try {
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        } catch (IOException e) {
            throw new ZinitConnectionException(settings.socket(), "cannot set the read timeout: " + e.getMessage(), e);
        }
    }

    /** @return whether {@link #close()} was called or the socket is otherwise closed */
    public boolean isClosed() {
        return socket.isClosed();
    }

    private int socketTimeoutMillis() {
        try {
            return socket.getSoTimeout();
        } catch (IOException e) {
            return settings.readTimeoutMillis();
        }
    }

    /** Closes the connection; safe to call more than once and from any thread. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing useful to do: the connection is gone either way
        }
    }
}
