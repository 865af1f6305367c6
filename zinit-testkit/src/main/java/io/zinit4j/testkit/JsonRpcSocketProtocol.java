package io.zinit4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * zinit 0.2.28's wire format on the Unix socket: JSON-RPC 2.0 requests one after another on a connection (found by
 * {@link JsonValueSplitter}), each answer followed by {@code \n}. Answers may overtake each other, as on the server:
 * a held answer (see {@link JsonRpcDispatcher.Held}) comes from another thread while the connection reads on.
 */
final class JsonRpcSocketProtocol implements WireProtocol {
    private static final int MAX_REQUEST = 1024 * 1024;
    /** Methods after which zinit in container mode exits instead of answering. */
    private static final Set<String> EXITS = Set.of("system_shutdown", "system_reboot");

    private final JsonRpcDispatcher dispatcher;
    private final LogBuffer logs;
    private final Executor background;

    /**
     * @param dispatcher the methods
     * @param logs       the log a subscription follows
     * @param background where held answers wait, each on a thread of its own
     */
    JsonRpcSocketProtocol(JsonRpcDispatcher dispatcher, LogBuffer logs, Executor background) {
        this.dispatcher = dispatcher;
        this.logs = logs;
        this.background = background;
    }

    @Override
    public void serve(SocketConnection c) throws IOException {
        // answers from the reading thread and from held answers share the stream: one message at a time
        Object writes = new Object();
        InputStream in = c.socket().getInputStream();
        JsonValueSplitter splitter = new JsonValueSplitter(MAX_REQUEST);
        byte[] buf = new byte[8192];
        while (c.serving()) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                return;
            }
            if (n < 0 || !splitter.feed(buf, n, request -> handle(c, request, writes))) {
                return;
            }
        }
    }

    /** {@return whether the connection stays usable} */
    private boolean handle(SocketConnection c, byte[] request, Object writes) throws IOException {
        Fault fault = dispatcher.received(c.id(), request);
        JsonNode root = RpcMessages.parse(request);
        if (JsonRpcDispatcher.isSubscribe(root)) {
            LogFollower subscription = logs.follow();
            Object answer = dispatcher.subscribe(root, subscription);
            if (answer != null && !RpcMessages.isError(answer)) {
                if (!send(c, writes, answer, fault)) {
                    subscription.close();
                    return false;
                }
                dispatcher.streamLogs(c.socket().getOutputStream(), subscription, root, answer);
                return false;
            }
            subscription.close();
            return answer == null || send(c, writes, answer, fault);
        }
        if (root != null && root.isObject()) {
            if (EXITS.contains(root.path("method").asText())) {
                Object refused = dispatcher.answerTo(root);
                if (refused == null || !RpcMessages.isError(refused)) {
                    return false; // in container mode zinit exits before it answers: the client sees the close
                }
                return send(c, writes, refused, fault);
            }
            JsonRpcDispatcher.Held held = dispatcher.callHeld(root);
            if (!held.ready()) {
                sendLater(c, writes, held, fault);
                return true;
            }
            Object answer = held.await();
            return answer == null || send(c, writes, answer, fault);
        }
        Object answer = dispatcher.answerTo(root);
        return answer == null || send(c, writes, answer, fault);
    }

    private void sendLater(SocketConnection c, Object writes, JsonRpcDispatcher.Held held, Fault fault) {
        try {
            background.execute(() -> {
                Object late = held.await();
                if (late != null) {
                    try {
                        send(c, writes, late, fault);
                    } catch (IOException e) {
                        // the client left
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: nobody waits for the answer
        }
    }

    private static boolean send(SocketConnection c, Object writes, Object answer, Fault fault) throws IOException {
        synchronized (writes) {
            return c.send(RpcMessages.bytes(answer), fault);
        }
    }
}
