package io.zinit4j.client.internal.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.client.internal.transport.SocketSettings;
import io.zinit4j.client.internal.transport.UnixSocketConnector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A scripted server on a real Unix socket for the JSON-RPC tests: each accepted connection runs the given {@link
 * Session} on its own thread. Records every connection and every failure inside a session, so tests can assert both
 * what the client sent and that the script held.
 */
final class RpcScriptedServer implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** What the server does with one connection. */
    @FunctionalInterface
    interface Session {
        void run(Peer peer) throws Exception;
    }

    private final Path socket;
    private final AFUNIXServerSocket server;
    private final Session session;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Peer> peers = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    RpcScriptedServer(Path dir, Session session) throws IOException {
        this.socket = dir.resolve("zinit-" + System.nanoTime() + ".sock");
        this.session = session;
        this.server = AFUNIXServerSocket.newInstance();
        server.bind(AFUNIXSocketAddress.of(socket));
        acceptor = new Thread(this::acceptLoop, "rpc-scripted-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    Path socket() {
        return socket;
    }

    int connections() {
        return connections.get();
    }

    UnixSocketConnector connector(Duration readTimeout) {
        return new UnixSocketConnector(new SocketSettings(socket, Duration.ofSeconds(2), readTimeout));
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                AFUNIXSocket s = server.accept();
                connections.incrementAndGet();
                Peer peer = new Peer(s);
                peers.add(peer);
                Thread t = new Thread(() -> {
                    try {
                        session.run(peer);
                    } catch (Throwable e) {
                        if (!peer.closedByClient) {
                            failures.add(e);
                        }
                    } finally {
                        peer.close();
                    }
                }, "rpc-scripted-session-" + connections.get());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Peer p : peers) {
            p.close();
        }
        Files.deleteIfExists(socket);
    }

    /** One accepted connection, as the session sees it. */
    static final class Peer {
        private final AFUNIXSocket socket;
        private final InputStream in;
        private final OutputStream out;
        private JsonParser parser;
        volatile boolean closedByClient;

        Peer(AFUNIXSocket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(10_000); // a broken test fails instead of hanging
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** @return the next JSON value the client sent, or {@code null} when it closed the connection */
        JsonNode read() throws IOException {
            if (parser == null) {
                parser = MAPPER.getFactory().createParser(in);
            }
            try {
                JsonToken t = parser.nextToken();
                if (t == null) {
                    closedByClient = true;
                    return null;
                }
                return MAPPER.readTree(parser);
            } catch (SocketException e) {
                closedByClient = true;
                return null;
            }
        }

        /** @return the bytes up to and without the next newline (or up to the end), or {@code null} at once-closed */
        String readLine() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                b.write(c);
            }
            if (c < 0 && b.size() == 0) {
                return null;
            }
            return b.toString(StandardCharsets.UTF_8);
        }

        void send(String raw) throws IOException {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Answers a request with a result. */
        void result(JsonNode request, Object result) throws IOException {
            var answer = MAPPER.createObjectNode();
            answer.put("jsonrpc", "2.0");
            answer.set("id", request.get("id"));
            answer.set("result", MAPPER.valueToTree(result));
            send(MAPPER.writeValueAsString(answer) + "\n");
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a test connection: nothing to do
            }
        }
    }
}
