package io.zinit4j.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * zinit's HTTP server in front of a JSON-RPC {@link FakeZinitServer}, as {@code system_start_http_server} starts it on
 * zinit 0.2.15 and later: an HTTP/1.1 POST with {@code Content-Type: application/json} carries one JSON-RPC request
 * (or batch) and its answer is the response body; a WebSocket on the same port carries the same messages, including
 * the log subscription. Requests are recorded, faults applied and services simulated by the fake behind it, exactly as
 * for its socket, so a test may use both at once.
 *
 * <pre>{@code
 * try (FakeZinitServer zinit = FakeZinitServer.builder().generation(Generation.JSON_RPC).build().start();
 *      FakeZinitHttpServer http = FakeZinitHttpServer.serve(zinit)) {
 *     ZinitClient client = ZinitClient.builder().url(http.url()).build();
 * }
 * }</pre>
 *
 * <p>Faults over HTTP: {@link Fault#garbage} answers 200 with the garbage as body, {@link Fault#halfResponse} sends
 * the headers and half the body, {@link Fault#closeEarly} closes without answering, {@link Fault#neverAnswer} holds the
 * connection without answering. Other methods than POST get 405, other content types 415.
 *
 * <p>HTTP and WebSocket share one port, as on zinit, so both are served here on a plain server socket: the JDK's
 * {@code com.sun.net.httpserver} cannot hand a connection over for the WebSocket upgrade. The WebSocket side is the
 * part of RFC 6455 a client needs: the handshake, masked text frames (fragmented too), ping and close.
 *
 * <p>Listens on 127.0.0.1 only; closes with its fake. Thread-safe.
 */
public final class FakeZinitHttpServer implements AutoCloseable {
    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 1024 * 1024;
    /** How long an idle connection is kept. */
    private static final int IDLE_MILLIS = 30_000;

    private final FakeZinitServer zinit;
    private final JsonRpcDispatcher rpc;
    private final ServerSocket server;
    private final ExecutorService workers;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private FakeZinitHttpServer(FakeZinitServer zinit) throws IOException {
        this.zinit = zinit;
        this.rpc = zinit.rpc();
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-zinit-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.execute(this::acceptLoop);
    }

    /**
     * Starts serving HTTP for a running JSON-RPC fake, on a free port of 127.0.0.1.
     *
     * @param zinit a started fake of {@link Generation#JSON_RPC}
     * @return the running server; it closes when the fake closes
     * @throws IllegalArgumentException when the fake speaks the legacy protocol, which has no HTTP server
     * @throws UncheckedIOException     when no port can be bound
     */
    public static FakeZinitHttpServer serve(FakeZinitServer zinit) {
        if (zinit.generation() != Generation.JSON_RPC) {
            throw new IllegalArgumentException("only JSON-RPC zinit (0.2.15 and later) has an HTTP server");
        }
        FakeZinitHttpServer http;
        try {
            http = new FakeZinitHttpServer(zinit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the fake zinit's HTTP server", e);
        }
        zinit.whenClosed(http::close);
        return http;
    }

    /** {@return the address to POST to, {@code http://127.0.0.1:PORT}} */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** {@return the port listened on} */
    public int port() {
        return server.getLocalPort();
    }

    /** Stops listening and closes every connection; idempotent. The fake behind it keeps running. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            SocketConnection.closeQuietly(s);
        }
        workers.shutdownNow();
    }

    @Override
    public String toString() {
        return "FakeZinitHttpServer[" + url() + " for " + zinit + "]";
    }

    private boolean running() {
        return !closed && zinit.running();
    }

    private void acceptLoop() {
        while (running()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                continue;
            }
            open.add(s);
            try {
                workers.execute(() -> {
                    try {
                        s.setSoTimeout(IDLE_MILLIS);
                        s.setTcpNoDelay(true);
                        serve(s, zinit.newConnectionId());
                    } catch (IOException | RuntimeException e) {
                        // the client went away or broke the connection: nothing to answer
                    } finally {
                        open.remove(s);
                        SocketConnection.closeQuietly(s);
                    }
                });
            } catch (RejectedExecutionException e) {
                SocketConnection.closeQuietly(s);
            }
        }
    }

    // ---------------------------------------------------------------- HTTP/1.1

    /** A request's method, target and headers (names in lower case). */
    private record Head(String method, String target, Map<String, String> headers) {
        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        boolean wantsWebSocket() {
            return header("upgrade").equalsIgnoreCase("websocket") && !header("sec-websocket-key").isEmpty();
        }
    }

    private void serve(Socket s, long connection) throws IOException {
        InputStream in = new BufferedInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        while (running()) {
            Head head;
            try {
                head = readHead(in);
            } catch (SocketTimeoutException e) {
                return;
            }
            if (head == null) {
                return;
            }
            if (head.wantsWebSocket()) {
                serveWebSocket(s, in, out, head, connection);
                return;
            }
            if (!head.method().equals("POST")) {
                respond(out, 405, "Method Not Allowed", "text/plain", "Used HTTP Method is not allowed. POST is required"
                        .getBytes(StandardCharsets.UTF_8));
                continue;
            }
            String length = head.header("content-length");
            if (length.isEmpty()) {
                respond(out, 411, "Length Required", "text/plain", new byte[0]);
                return;
            }
            int n = Integer.parseInt(length.trim());
            if (n < 0 || n > MAX_BODY) {
                respond(out, 413, "Payload Too Large", "text/plain", new byte[0]);
                return;
            }
            byte[] body = in.readNBytes(n);
            if (body.length < n) {
                return;
            }
            if (!head.header("content-type").toLowerCase(Locale.ROOT).startsWith("application/json")) {
                respond(out, 415, "Unsupported Media Type", "text/plain",
                        "Supplied content type is not allowed. Content-Type: application/json is required"
                                .getBytes(StandardCharsets.UTF_8));
                continue;
            }
            JsonRpcDispatcher.Reply reply = rpc.reply(connection, body);
            if (!answer(s, out, reply)) {
                return;
            }
            if (head.header("connection").equalsIgnoreCase("close")) {
                return;
            }
        }
    }

    /** {@return whether the connection may be used further} */
    private boolean answer(Socket s, OutputStream out, JsonRpcDispatcher.Reply reply) throws IOException {
        byte[] body = reply.body() == null ? new byte[0] : reply.body();
        Fault fault = reply.fault();
        if (fault == null) {
            respond(out, 200, "OK", "application/json; charset=utf-8", body);
            return true;
        }
        switch (fault.kind()) {
            case GARBAGE:
                respond(out, 200, "OK", "application/json; charset=utf-8", fault.garbage());
                return false;
            case HALF_RESPONSE:
                out.write(headOf(200, "OK", "application/json; charset=utf-8", body.length));
                out.write(body, 0, body.length / 2);
                out.flush();
                return false;
            case NEVER_ANSWER:
                holdUntilClosed(s);
                return false;
            case CLOSE_EARLY:
            default:
                return false;
        }
    }

    private void holdUntilClosed(Socket s) {
        try {
            s.setSoTimeout(50);
            InputStream in = s.getInputStream();
            byte[] sink = new byte[1024];
            long deadline = System.nanoTime() + IDLE_MILLIS * 1_000_000L;
            while (running() && System.nanoTime() < deadline) {
                try {
                    if (in.read(sink) < 0) {
                        return;
                    }
                } catch (SocketTimeoutException e) {
                    // keep holding
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void respond(OutputStream out, int status, String reason, String type, byte[] body)
            throws IOException {
        // one write: a head and a body in two small segments would wait on Nagle and the peer's delayed ACK
        byte[] head = headOf(status, reason, type, body.length);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        out.write(all);
        out.flush();
    }

    private static byte[] headOf(int status, String reason, String type, int length) {
        return ("HTTP/1.1 " + status + " " + reason + "\r\ncontent-type: " + type + "\r\ncontent-length: " + length
                + "\r\naccess-control-allow-origin: *\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** {@return the request's head, or {@code null} at the end of the stream before one began} */
    private static Head readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (buf.size() == 0) {
                    return null;
                }
                throw new IOException("the request head broke off");
            }
            buf.write(b);
            if (buf.size() > MAX_HEAD) {
                throw new IOException("the request head is too long");
            }
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String[] lines = buf.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] request = lines[0].split(" ");
        if (request.length != 3) {
            throw new IOException("not an HTTP request line: " + lines[0]);
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new Head(request[0], request[1], headers);
    }

    // ---------------------------------------------------------------- WebSocket (RFC 6455, server side)

    private void serveWebSocket(Socket s, InputStream in, OutputStream out, Head head, long connection)
            throws IOException {
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((head.header("sec-websocket-key") + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: Upgrade\r\n"
                + "sec-websocket-accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // a subscription streams for as long as the connection lives: no idle limit then
        s.setSoTimeout(0);
        Frames frames = new Frames(out);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (running()) {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                return;
            }
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            long length = b1 & 0x7F;
            if (length == 126) {
                length = readUnsigned(in, 2);
            } else if (length == 127) {
                length = readUnsigned(in, 8);
            }
            if (length > MAX_BODY || (b1 & 0x80) == 0) {
                frames.close(1002);
                return; // too big, or not masked as every client frame must be
            }
            byte[] mask = in.readNBytes(4);
            byte[] payload = in.readNBytes((int) length);
            if (mask.length < 4 || payload.length < length) {
                return;
            }
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
            switch (opcode) {
                case 0x0: // continuation
                case 0x1: // text
                case 0x2: // binary: jsonrpsee reads it as JSON too
                    message.write(payload);
                    if (fin) {
                        byte[] whole = message.toByteArray();
                        message.reset();
                        rpc.onWebSocketMessage(connection, whole, frames);
                    }
                    break;
                case 0x8: // close: answer it and end
                    frames.close(1000);
                    return;
                case 0x9: // ping
                    frames.send(0xA, payload);
                    break;
                default: // pong and reserved opcodes: nothing to do
                    break;
            }
        }
    }

    private static long readUnsigned(InputStream in, int bytes) throws IOException {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the frame header broke off");
            }
            v = (v << 8) | b;
        }
        return v;
    }

    /** Server frames (unmasked); each {@link #write(byte[], int, int)} sends one text message. */
    private static final class Frames extends OutputStream {
        private final OutputStream out;

        Frames(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            byte[] payload = new byte[len];
            System.arraycopy(b, off, payload, 0, len);
            send(0x1, payload);
        }

        synchronized void send(int opcode, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
            frame.write(0x80 | opcode);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length <= 0xFFFF) {
                frame.write(126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xFF);
            } else {
                frame.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) (((long) payload.length >>> shift) & 0xFF));
                }
            }
            frame.write(payload, 0, payload.length);
            out.write(frame.toByteArray());
            out.flush();
        }

        void close(int code) throws IOException {
            send(0x8, new byte[] {(byte) (code >>> 8), (byte) (code & 0xFF)});
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
