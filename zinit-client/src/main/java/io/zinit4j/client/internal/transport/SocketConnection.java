package io.zinit4j.client.internal.transport;

import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * One open connection on junixsocket. Reads honour the read timeout set at connect (changeable with {@link
 * #readTimeout(Duration)}); a read that times out throws {@link ZinitTimeoutException} and leaves the connection
 * usable, which is what connections that stay open need (JSON-RPC, followed logs). Not thread-safe for concurrent
 * reads or concurrent writes, but {@link #close()} may be called from any thread to unblock a reader.
 *
 * <p>The socket's timeout is a system call to change (junixsocket sets both {@code SO_RCVTIMEO} and {@code
 * SO_SNDTIMEO}), so the value last set is remembered and set again only when it differs.
 */
public final class SocketConnection implements CommandConnection {
    private final AFUNIXSocket socket;
    private final SocketSettings settings;
    private final InputStream in;
    private final OutputStream out;
    private final ConnectionEvents events;
    /** The socket's timeout as last set, in ms; only the reading thread changes it. */
    private int soTimeoutMillis;

    SocketConnection(AFUNIXSocket socket, SocketSettings settings, int soTimeoutMillis, ConnectionEvents events)
            throws IOException {
        this.socket = socket;
        this.settings = settings;
        this.soTimeoutMillis = soTimeoutMillis;
        this.events = events;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects, with the connect timeout, and sets the read timeout on the new connection.
     *
     * @param settings where and how
     * @param events   who hears of this connection's later events (its loss)
     * @return the open connection
     * @throws ZinitConnectionException when the socket is missing, refuses, or may not be opened
     * @throws ZinitTimeoutException    when the connect takes longer than the connect timeout
     */
    static SocketConnection open(SocketSettings settings, ConnectionEvents events) {
        Path path = settings.socket();
        AFUNIXSocket socket = null;
        try {
            socket = AFUNIXSocket.newInstance();
            socket.connect(AFUNIXSocketAddress.of(path), settings.connectTimeoutMillis());
            socket.setSoTimeout(settings.readTimeoutMillis());
            return new SocketConnection(socket, settings, settings.readTimeoutMillis(), events);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new ZinitTimeoutException("connecting to zinit at " + path + " took longer than "
                    + settings.connectTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw UnixSocketConnector.connectionFailure(path, e);
        }
    }

    private static void closeQuietly(AFUNIXSocket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the connect already failed; that failure is the one to report
            }
        }
    }

    /** @return the settings this connection was opened with */
    @Override
    public SocketSettings settings() {
        return settings;
    }

    /** {@return who hears of this connection's loss (the connector's listener)} */
    @Override
    public ConnectionEvents events() {
        return events;
    }

    /**
     * Writes all bytes and flushes.
     *
     * @param bytes what to send
     */
    @Override
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
    @Override
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
     * Reads with what is left until the deadline as the read timeout, rounded up to whole milliseconds. The timeout is
     * set again only when that rounded value differs from the current one: the reads of an answer that arrives within
     * a millisecond of the connect cost no system call beyond the read itself.
     */
    @Override
    public int read(byte[] buf, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new ZinitTimeoutException("zinit at " + settings.socket() + " sent nothing before the deadline");
        }
        setSoTimeout((int) Math.min(Integer.MAX_VALUE, (left + 999_999L) / 1_000_000L));
        return read(buf);
    }

    /**
     * Changes the read timeout for the following reads.
     *
     * @param timeout the new timeout, positive
     */
    public void readTimeout(Duration timeout) {
        setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    }

    private void setSoTimeout(int millis) {
        if (millis == soTimeoutMillis) {
            return;
        }
        try {
            socket.setSoTimeout(millis);
            soTimeoutMillis = millis;
        } catch (IOException e) {
            throw new ZinitConnectionException(settings.socket(), "cannot set the read timeout: " + e.getMessage(), e);
        }
    }

    /** @return whether {@link #close()} was called or the socket is otherwise closed */
    public boolean isClosed() {
        return socket.isClosed();
    }

    private int socketTimeoutMillis() {
        return soTimeoutMillis;
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
