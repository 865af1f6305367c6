package io.zinit4j.client.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.LogStream;
import io.zinit4j.client.internal.transport.HttpEndpoint;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import io.zinit4j.model.LogLine;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A followed log over a WebSocket to zinit's HTTP server: the subscribe request goes as one text message, the answer
 * names the subscription, and each notification carries one line (the same messages as on the Unix socket, see
 * {@link LogSubscription}).
 *
 * <p>{@link #next()} is for one reading thread; {@link #close()} may be called from any thread and makes a blocked
 * {@link #next()} return {@code null}.
 */
final class WebSocketLogStream implements LogStream {
    /** How long one wait for a message lasts before {@link #next()} checks again whether it was closed. */
    private static final long SLICE_MILLIS = 100;
    /**
     * After this many silent slices a ping goes out: a server that vanished without a close frame is noticed only by a
     * write (the JDK's WebSocket may not report the end of the input on its own), and a log can be quiet for hours.
     */
    private static final int SLICES_BEFORE_PING = 10;
    /** Put in the queue when the WebSocket ends; never a message the server sent. */
    private static final String END = new String("end of stream");

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final ObjectMapper mapper;
    private final String service;
    private volatile WebSocket socket;
    private volatile boolean closed;
    private volatile boolean ended;
    private String subscription;

    private WebSocketLogStream(ObjectMapper mapper, String service) {
        this.mapper = mapper;
        this.service = service;
    }

    /**
     * Opens the WebSocket, subscribes and waits (at most the read timeout) for the subscription id.
     *
     * @param endpoint the server
     * @param service  only this service's lines (and its test's), or {@code null} for all
     * @return the open stream
     * @throws ZinitException when the connection or the subscription fails
     */
    static WebSocketLogStream open(HttpEndpoint endpoint, String service) {
        ObjectMapper mapper = JsonRpcJson.mapper();
        WebSocketLogStream stream = new WebSocketLogStream(mapper, service);
        String what = LogSubscription.METHOD;
        WebSocket ws = endpoint.openWebSocket(stream.new Listener(), what);
        stream.socket = ws;
        try {
            ws.sendText(new String(LogSubscription.request(mapper), StandardCharsets.UTF_8), true);
            long deadline = System.nanoTime() + endpoint.settings().readTimeout().toNanos();
            while (stream.subscription == null) {
                long left = deadline - System.nanoTime();
                String m = left <= 0 ? null : stream.messages.poll(left, TimeUnit.NANOSECONDS);
                if (m == null) {
                    throw new ZinitTimeoutException(what + ": zinit at " + endpoint.settings().url()
                            + " did not confirm the subscription within "
                            + endpoint.settings().readTimeout().toMillis() + " ms");
                }
                if (m == END) {
                    throw new ZinitConnectionException(null, what + ": zinit at " + endpoint.settings().url()
                            + " closed the WebSocket before confirming the subscription", null);
                }
                stream.subscription = LogSubscription.subscriptionOf(stream.parse(m), service);
            }
            return stream;
        } catch (InterruptedException e) {
            stream.close();
            Thread.currentThread().interrupt();
            throw new ZinitException(what + ": interrupted while subscribing", e);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Blocks until the next matching line arrives.
     *
     * @return the line, or {@code null} once closed or when the server went away
     * @throws ZinitProtocolException when the server sends garbage (the stream is closed then)
     */
    @Override
    public LogLine next() {
        int silent = 0;
        while (!closed) {
            String m;
            try {
                m = messages.poll(SLICE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                return null;
            }
            if (m == null) {
                if (++silent >= SLICES_BEFORE_PING) {
                    silent = 0;
                    ping();
                }
                continue;
            }
            silent = 0;
            if (m == END) {
                close();
                return null;
            }
            JsonNode message;
            try {
                message = parse(m);
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

    /** Sends a ping; a failed send means the connection is gone, and ends the stream as a close would. */
    private void ping() {
        WebSocket ws = socket;
        if (ws == null) {
            return;
        }
        if (ws.isInputClosed()) {
            listenerEnded();
            return;
        }
        try {
            ws.sendPing(java.nio.ByteBuffer.allocate(0)).whenComplete((sent, failure) -> {
                if (failure != null) {
                    listenerEnded();
                }
            });
        } catch (RuntimeException e) {
            listenerEnded();
        }
    }

    private void listenerEnded() {
        if (!ended) {
            ended = true;
            messages.offer(END);
        }
    }

    /** Closes the WebSocket; idempotent, callable from any thread. */
    @Override
    public void close() {
        closed = true;
        WebSocket ws = socket;
        if (ws != null) {
            // abort rather than a close handshake: the server may be gone, and nobody waits for its goodbye
            ws.abort();
        }
        messages.offer(END);
    }

    private JsonNode parse(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new ZinitProtocolException(LogSubscription.METHOD + ": zinit sent malformed JSON: "
                    + JsonRpcFrameReader.abbreviate(text), e);
        }
    }

    /** Collects whole text messages; called by the HTTP client's threads, one event at a time. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.offer(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            // jsonrpsee sends text; binary would be a JSON message too, but one we have no use for
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended();
        }

        private void ended() {
            listenerEnded();
        }
    }
}
