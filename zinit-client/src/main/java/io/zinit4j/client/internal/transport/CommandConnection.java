package io.zinit4j.client.internal.transport;

/**
 * A connection that carries one request and its answer and is then closed: what the line protocol opens for every
 * command. The small seam between the line protocol and the socket library beneath it; {@link
 * UnixSocketConnector#connectForCommand()} picks the implementation ({@link SocketConnection} on junixsocket, or {@link
 * JdkSocketConnection} on the JDK's own Unix-domain {@code SocketChannel}).
 *
 * <p>Reads are bounded by a deadline for the whole answer rather than a timeout per read. A read that reaches the
 * deadline throws {@link io.zinit4j.error.ZinitTimeoutException}, after which the connection may be closed (it is on
 * the JDK's channels): a command connection is not used again after a timeout anyway. Not thread-safe for concurrent
 * reads or writes, but {@link #close()} may be called from any thread.
 */
public interface CommandConnection extends AutoCloseable {
    /** {@return the settings this connection was opened with} */
    SocketSettings settings();

    /** {@return who hears of this connection's loss} */
    ConnectionEvents events();

    /**
     * Writes all bytes.
     *
     * @param bytes what to send
     * @throws io.zinit4j.error.ZinitConnectionException when the write fails
     */
    void write(byte[] bytes);

    /** Half-closes the sending side, telling a line-protocol server that the command is complete. */
    void shutdownOutput();

    /**
     * Reads some bytes, waiting at most until the deadline.
     *
     * @param buf           where to put them
     * @param deadlineNanos a {@link System#nanoTime()} value; the read gives up then
     * @return how many were read, or -1 at the end of the stream
     * @throws io.zinit4j.error.ZinitTimeoutException    when nothing arrives before the deadline
     * @throws io.zinit4j.error.ZinitConnectionException when the connection fails or was closed
     */
    int read(byte[] buf, long deadlineNanos);

    /** Closes the connection; safe to call more than once and from any thread. */
    @Override
    void close();
}
