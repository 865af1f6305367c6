package io.zinit4j.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.internal.protocol.JsonRpcFrameReader;
import io.zinit4j.client.internal.transport.SocketConnection;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For the benchmark only: the round-1 design of {@code JsonRpcConnection}, kept so that one run can compare it with
 * the current one on the same server. One daemon reader thread reads every answer and hands it to the caller whose
 * request id it carries; callers wait on a {@link CompletableFuture}. So each call costs two thread hand-offs on the
 * client (reader thread woken by the socket, caller woken by the reader). Thread-safe.
 *
 * <p>When the connection fails (the server closes it, a read fails, or garbage arrives) every request still waiting
 * fails with a typed error, the socket is closed, and {@link #isOpen()} turns false so that the owner opens a new one.
 */
final class RoundOneConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoundOneConnection.class);
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final SocketConnection socket;
    private final JsonRpcFrameReader frames;
    private final ObjectMapper mapper;
    private final Path path;
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private final Thread reader;
    private volatile ZinitException failure;
    private volatile long lastReceivedNanos = System.nanoTime();

    /**
     * Takes over an open socket and starts its reader thread.
     *
     * @param socket the connection; owned by this object from now on
     * @param frames the reader of that socket's bytes (it may already hold bytes read during detection)
     * @param mapper the JSON mapper
     */
    RoundOneConnection(SocketConnection socket, JsonRpcFrameReader frames, ObjectMapper mapper) {
        this.socket = socket;
        this.frames = frames;
        this.mapper = mapper;
        this.path = socket.settings().socket();
        this.reader = new Thread(this::readLoop, "bench-round1-reader-" + SERIAL.incrementAndGet() + " " + path);
        reader.setDaemon(true);
        reader.start();
    }

    /** @return whether requests may still be sent on this connection */
    public boolean isOpen() {
        return failure == null;
    }

    /** @return {@link System#nanoTime()} when the last message arrived (or the connection opened) */
    public long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    /**
     * Sends one request and returns the future its response will complete.
     *
     * @param id      the request's id, as text (numbers in decimal)
     * @param request the whole request
     * @return completed with the response object, or exceptionally with a {@link ZinitException}
     */
    public CompletableFuture<JsonNode> send(String id, byte[] request) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        // checked after registering: a failure that raced with us has either failed this future or is visible here
        ZinitException f = failure;
        if (f != null) {
            pending.remove(id);
            answer.completeExceptionally(f);
            return answer;
        }
        try {
            synchronized (writeLock) {
                socket.write(request);
            }
        } catch (ZinitException e) {
            fail(e);
        }
        return answer;
    }

    /**
     * Stops waiting for a request (its caller gave up); a late answer is then dropped.
     *
     * @param id the request's id, as text
     */
    public void abandon(String id) {
        pending.remove(id);
    }

    /** Closes the socket and fails every waiting request; idempotent, callable from any thread. */
    @Override
    public void close() {
        fail(new ZinitConnectionException(path, "the connection to zinit at " + path + " was closed by the client",
                null));
    }

    /**
     * Marks the connection failed, closes it and fails every waiting request with the given error.
     *
     * @param why what happened
     */
    void fail(ZinitException why) {
        synchronized (this) {
            if (failure == null) {
                failure = why;
            }
        }
        socket.close();
        List<String> ids = new ArrayList<>(pending.keySet());
        for (String id : ids) {
            CompletableFuture<JsonNode> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(failure);
            }
        }
    }

    private void readLoop() {
        while (isOpen()) {
            byte[] frame;
            try {
                frame = frames.next();
            } catch (ZinitTimeoutException e) {
                continue; // an idle connection is normal; callers time out on their own futures
            } catch (ZinitException e) {
                if (isOpen()) {
                    fail(e instanceof ZinitProtocolException ? e : new ZinitConnectionException(path,
                            "the connection to zinit at " + path + " failed: " + e.getMessage(), e));
                }
                return;
            } catch (RuntimeException e) {
                // never let the reader die silently: callers would wait out their timeouts on a dead connection
                fail(new ZinitConnectionException(path, "reading from zinit at " + path + " failed: " + e, e));
                return;
            }
            if (frame == null) {
                fail(new ZinitConnectionException(path, "zinit at " + path + " closed the connection", null));
                return;
            }
            lastReceivedNanos = System.nanoTime();
            JsonNode message;
            try {
                message = mapper.readTree(frame);
            } catch (IOException e) {
                fail(new ZinitProtocolException("zinit sent malformed JSON: "
                        + abbreviate(new String(frame, java.nio.charset.StandardCharsets.UTF_8)),
                        e));
                return;
            }
            if (message.isArray()) {
                for (JsonNode one : message) {
                    dispatch(one);
                }
            } else {
                dispatch(message);
            }
        }
    }

    private void dispatch(JsonNode message) {
        if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asText(null))) {
            fail(new ZinitProtocolException("zinit sent something that is not a JSON-RPC 2.0 message: "
                    + abbreviate(message.toString())));
            return;
        }
        JsonNode id = message.get("id");
        if (id == null || id.isNull()) {
            if (message.has("method")) {
                LOG.debug("ignoring a notification on the request connection: {}", message.path("method"));
                return;
            }
            // an error without id: the server could not tell which request it belongs to, so nobody can trust the
            // rest of this stream
            fail(new ZinitProtocolException("zinit answered with an error for no request: "
                    + abbreviate(message.toString())));
            return;
        }
        String key = id.isTextual() ? id.textValue() : id.asText();
        CompletableFuture<JsonNode> waiting = pending.remove(key);
        if (waiting == null) {
            LOG.debug("dropping an answer nobody waits for (id {})", key);
            return;
        }
        waiting.complete(message);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
