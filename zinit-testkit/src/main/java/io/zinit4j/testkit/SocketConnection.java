package io.zinit4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * One client connection on the fake's Unix socket, with the means to answer as a {@link Fault} dictates; shared by both
 * wire formats.
 */
final class SocketConnection {
    private final Socket socket;
    private final long id;
    private final Duration idleTimeout;
    private final BooleanSupplier serving;

    /**
     * @param socket      the accepted socket
     * @param id          its number, as recorded with each request
     * @param idleTimeout how long a held connection (a never-answered request) is kept at most
     * @param serving     whether the server still serves
     */
    SocketConnection(Socket socket, long id, Duration idleTimeout, BooleanSupplier serving) {
        this.socket = socket;
        this.id = id;
        this.idleTimeout = idleTimeout;
        this.serving = serving;
    }

    /** {@return the connection's number} */
    long id() {
        return id;
    }

    /** {@return the socket} */
    Socket socket() {
        return socket;
    }

    /** {@return whether the server still serves} */
    boolean serving() {
        return serving.getAsBoolean();
    }

    /**
     * Sends an answer as a fault dictates.
     *
     * @param answer the answer's bytes
     * @param fault  the misbehaviour instead of a normal answer, or {@code null}
     * @return whether the connection may be used further
     */
    boolean send(byte[] answer, Fault fault) throws IOException {
        OutputStream out = socket.getOutputStream();
        if (fault == null) {
            out.write(answer);
            out.flush();
            return true;
        }
        switch (fault.kind()) {
            case GARBAGE:
                out.write(fault.garbage());
                out.flush();
                return false;
            case HALF_RESPONSE:
                out.write(answer, 0, answer.length / 2);
                out.flush();
                return false;
            case NEVER_ANSWER:
                holdUntilClosed();
                return false;
            case CLOSE_EARLY:
            default:
                return false;
        }
    }

    private void holdUntilClosed() {
        // hold the connection open without answering until the server closes or the idle timeout passes; a client
        // that half-closed its side is still waiting for an answer, so its end of input does not end the wait
        long deadline = System.nanoTime() + idleTimeout.toNanos();
        try {
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(50);
            byte[] sink = new byte[1024];
            boolean eof = false;
            while (serving() && !socket.isClosed() && System.nanoTime() < deadline) {
                if (eof) {
                    Thread.sleep(50);
                    continue;
                }
                try {
                    eof = in.read(sink) < 0;
                } catch (SocketTimeoutException e) {
                    // keep waiting
                }
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes a socket, ignoring a failure: it is gone either way. */
    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // gone either way
        }
    }
}
