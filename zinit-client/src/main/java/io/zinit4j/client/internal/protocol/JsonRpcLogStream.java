package io.zinit4j.client.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.LogStream;
import io.zinit4j.client.internal.transport.SocketConnection;
import io.zinit4j.client.internal.transport.UnixSocketConnector;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import io.zinit4j.model.LogLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A followed log over JSON-RPC {@code stream_subscribeLogs}, on a connection of its own: the answer to the subscribe
 * request carries the subscription id, then each notification for that id carries one line.
 *
 * <p>{@link #next()} is for one reading thread; {@link #close()} may be called from any thread, closes the socket and
 * makes a blocked {@link #next()} return {@code null}. Reads wake at least every read timeout, so nothing waits on a
 * closed stream.
 */
public final class JsonRpcLogStream implements LogStream {
    private static final String METHOD = LogSubscription.METHOD;

    private final SocketConnection socket;
    private final JsonRpcFrameReader frames;
    private final ObjectMapper mapper;
    private final String service;
    private final String subscription;
    private volatile boolean closed;

    /**
     * Opens the connection, subscribes and waits (at most the read timeout) for the subscription id.
     *
     * @param connector how to reach the server
     * @param service   only this service's lines (and its test's), or {@code null} for all
     * @param maxBytes  the largest message accepted
     * @return the open stream
     * @throws ZinitException when the connection or the subscription fails
     */
    public static JsonRpcLogStream open(UnixSocketConnector connector, String service, int maxBytes) {
        ObjectMapper mapper = JsonRpcJson.mapper();
        SocketConnection socket = connector.connect();
        try {
            JsonRpcFrameReader frames = new JsonRpcFrameReader(socket::read, maxBytes);
            byte[] request = LogSubscription.request(mapper);
            byte[] line = java.util.Arrays.copyOf(request, request.length + 1);
            line[request.length] = '\n';
            socket.write(line);
            String subscription = null;
            while (subscription == null) {
                byte[] frame = frames.next();
                if (frame == null) {
                    throw new ZinitConnectionException(socket.settings().socket(), METHOD
                            + ": zinit closed the connection before confirming the subscription", null);
                }
                subscription = LogSubscription.subscriptionOf(parse(mapper, frame), service);
            }
            return new JsonRpcLogStream(socket, frames, mapper, service, subscription);
        } catch (ZinitException e) {
            socket.close();
            throw e;
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private JsonRpcLogStream(SocketConnection socket, JsonRpcFrameReader frames, ObjectMapper mapper, String service,
                             String subscription) {
        this.socket = socket;
        this.frames = frames;
        this.mapper = mapper;
        this.service = service;
        this.subscription = subscription;
    }

    /** @return the subscription id the server gave, as text */
    public String subscription() {
        return subscription;
    }

    /**
     * Blocks until the next matching line arrives.
     *
     * @return the line, or {@code null} once closed or when the server went away
     * @throws ZinitProtocolException when the server sends garbage (the stream is closed then)
     */
    @Override
    public LogLine next() {
        while (!closed) {
            byte[] frame;
            try {
                frame = frames.next();
            } catch (ZinitTimeoutException e) {
                continue; // a quiet log is normal; the loop rechecks closed
            } catch (ZinitConnectionException e) {
                close();
                return null;
            } catch (ZinitProtocolException e) {
                boolean wasClosed = closed;
                close();
                if (wasClosed) {
                    return null;
                }
                throw e;
            }
            if (frame == null) {
                close();
                return null;
            }
            JsonNode message;
            try {
                message = parse(mapper, frame);
            } catch (ZinitProtocolException e) {
                close();
                throw e;
            }
            LogLine wanted = LogSubscription.lineOf(message, subscription, service);
            if (wanted != null) {
                return wanted;
            }
        }
        return null;
    }

    /** Closes the connection; idempotent, callable from any thread. */
    @Override
    public void close() {
        closed = true;
        socket.close();
    }

    private static JsonNode parse(ObjectMapper mapper, byte[] frame) {
        try {
            return mapper.readTree(frame);
        } catch (IOException e) {
            throw new ZinitProtocolException(METHOD + ": zinit sent malformed JSON: "
                    + JsonRpcFrameReader.abbreviate(new String(frame, StandardCharsets.UTF_8)), e);
        }
    }
}
