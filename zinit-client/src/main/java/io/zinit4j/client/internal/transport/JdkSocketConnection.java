package io.zinit4j.client.internal.transport;

import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.error.ZinitTimeoutException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A connection on the JDK's own Unix-domain {@link SocketChannel} (JDK 16 and later), in blocking mode. Per
 * call it makes the system calls a hand-written client makes (socket, connect, write, shutdown, the reads, close) and
 * no more, where junixsocket adds getpeername, getsockname, four timeout options and two more shutdowns; and a virtual
 * thread blocked in its reads or connect parks instead of holding its carrier (JDK 21 and later).
 *
 * <p>The channel has no read timeout, so connect and reads are bounded by {@link SocketDeadlines}: at the deadline
 * the channel is closed and the blocked call throws {@link ZinitTimeoutException}. An interrupt of the calling thread
 * also closes the channel (that is how the JDK's channels answer interrupts); the call then throws a {@link
 * ZinitException} saying so, with the interrupt flag kept.
 */
public final class JdkSocketConnection implements CommandConnection {
    private final SocketChannel channel;
    private final SocketSettings settings;
    private final ConnectionEvents events;

    private JdkSocketConnection(SocketChannel channel, SocketSettings settings, ConnectionEvents events) {
        this.events = events;
        this.channel = channel;
        this.settings = settings;
    }

    /**
     * Connects within the connect timeout.
     *
     * @param settings where and how
     * @param events   who hears of this connection's later events (its loss)
     * @return the open connection
     * @throws ZinitConnectionException when the socket is missing, refuses, or may not be opened
     * @throws ZinitTimeoutException    when the connect takes longer than the connect timeout
     */
    public static JdkSocketConnection open(SocketSettings settings, ConnectionEvents events) {
        Path path = settings.socket();
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            throw UnixSocketConnector.connectionFailure(path, e);
        }
        // a connect to a socket whose backlog is full blocks: that is what the deadline is for
        SocketDeadlines.Guard guard = SocketDeadlines.arm(ch, System.nanoTime() + settings.connectTimeout().toNanos());
        boolean ok = false;
        try {
            ch.connect(UnixDomainSocketAddress.of(path));
            ok = true;
        } catch (ClosedByInterruptException e) {
            throw interrupted("connecting to zinit at " + path, e);
        } catch (IOException | RuntimeException e) {
            if (guard.fired()) {
                throw new ZinitTimeoutException("connecting to zinit at " + path + " took longer than "
                        + settings.connectTimeout().toMillis() + " ms", e);
            }
            if (e instanceof IOException) {
                throw UnixSocketConnector.connectionFailure(path, (IOException) e);
            }
            // UnixDomainSocketAddress refuses a path it cannot carry (InvalidPathException)
            throw new ZinitConnectionException(path, ZinitConnectionException.Reason.NOT_LISTENING,
                    "cannot connect to zinit at " + path + ": " + e.getMessage(), e);
        } finally {
            boolean fired = guard.disarm();
            if (!ok || fired) {
                closeQuietly(ch);
            }
        }
        if (guard.fired()) {
            throw new ZinitTimeoutException("connecting to zinit at " + path + " took longer than "
                    + settings.connectTimeout().toMillis() + " ms");
        }
        return new JdkSocketConnection(ch, settings, events);
    }

    @Override
    public SocketSettings settings() {
        return settings;
    }

    @Override
    public ConnectionEvents events() {
        return events;
    }

    @Override
    public void write(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (ClosedByInterruptException e) {
            throw interrupted("writing to zinit at " + settings.socket(), e);
        } catch (IOException e) {
            throw new ZinitConnectionException(settings.socket(), "writing to zinit at " + settings.socket()
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            // some peers close first; the read that follows reports what really happened
        }
    }

    @Override
    public int read(byte[] buf, long deadlineNanos) {
        if (deadlineNanos - System.nanoTime() <= 0) {
            throw timedOut(null);
        }
        SocketDeadlines.Guard guard = SocketDeadlines.arm(channel, deadlineNanos);
        int n;
        try {
            n = channel.read(ByteBuffer.wrap(buf));
        } catch (ClosedByInterruptException e) {
            guard.disarm();
            throw interrupted("reading from zinit at " + settings.socket(), e);
        } catch (AsynchronousCloseException e) {
            if (guard.disarm()) {
                throw timedOut(e);
            }
            throw new ZinitConnectionException(settings.socket(), "the connection to zinit at " + settings.socket()
                    + " was closed", e);
        } catch (IOException e) {
            guard.disarm();
            throw new ZinitConnectionException(settings.socket(), "reading from zinit at " + settings.socket()
                    + " failed: " + e.getMessage(), e);
        }
        if (guard.disarm()) {
            throw timedOut(null);
        }
        return n;
    }

    /**
     * Reads with no deadline: for a reader thread that waits for whatever comes, on a connection whose callers keep
     * their own deadlines. Ends when bytes arrive, the peer closes, or {@link #close()} is called.
     *
     * @param buf where to put the bytes
     * @return how many were read, or -1 at the end of the stream
     * @throws ZinitConnectionException when the connection fails or was closed
     */
    public int readUntimed(byte[] buf) {
        try {
            return channel.read(ByteBuffer.wrap(buf));
        } catch (ClosedByInterruptException e) {
            throw interrupted("reading from zinit at " + settings.socket(), e);
        } catch (IOException e) {
            throw new ZinitConnectionException(settings.socket(), "reading from zinit at " + settings.socket()
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** {@return whether {@link #close()} was called or the channel is otherwise closed} */
    public boolean isClosed() {
        return !channel.isOpen();
    }

    private ZinitTimeoutException timedOut(Throwable cause) {
        return new ZinitTimeoutException("zinit at " + settings.socket() + " sent nothing before the deadline", cause);
    }

    private static ZinitException interrupted(String what, Throwable cause) {
        // the JDK closed the channel and kept the interrupt flag set
        return new ZinitException(what + ": interrupted", cause);
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing useful to do: the connection is gone either way
        }
    }
}
