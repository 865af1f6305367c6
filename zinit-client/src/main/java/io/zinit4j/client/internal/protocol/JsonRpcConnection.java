package io.zinit4j.client.internal.protocol;

import io.zinit4j.client.internal.transport.CommandConnection;
import io.zinit4j.client.internal.transport.JdkSocketConnection;
import io.zinit4j.client.internal.transport.SocketConnection;
import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open JSON-RPC connection shared by many callers: requests are written under a lock, and each response goes to
 * the caller whose request id it carries, whatever the order the server answers in. Thread-safe.
 *
 * <p>Who reads the socket (leader/follower): a caller waiting in {@link #await} reads it itself when nobody else does,
 * and hands every answer that is not its own to the caller it belongs to; when it has its own answer it wakes one
 * other waiting caller to take over. So a lone caller reads its own answer with no thread hand-off at all. A daemon
 * reader thread reads only when the connection has been quiet for a moment: it notices a server that closes an idle
 * connection (so that the owner opens a new one before the next request rather than lose it), and drops
 * notifications.
 *
 * <p>When the connection fails (the server closes it, a read fails, or garbage arrives) every request still waiting
 * fails with a typed error, the socket is closed, and {@link #isOpen()} turns false so that the owner opens a new one.
 */
public final class JsonRpcConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcConnection.class);
    private static final AtomicInteger SERIAL = new AtomicInteger();
    /**
     * How long the connection must be quiet (no request sent) before the reader thread reads: callers in a busy
     * stretch read for themselves, without the reader thread in the way.
     */
    private static final long QUIET_NANOS = 20_000_000L;
    /**
     * The longest a caller reading for itself blocks in one socket read: a blocking read does not notice
     * {@link Thread#interrupt()}, so it is cut into slices between which the interrupt is checked.
     */
    private static final long LEADER_SLICE_MILLIS = 50;

    private final CommandConnection socket;
    /**
     * Whether waiting callers read the socket themselves (leader/follower). Only on junixsocket, whose reads time out
     * and leave the connection usable; on the JDK's channel a read has no timeout, so the reader thread reads every
     * answer and callers wait for theirs with their own deadlines (parked, which a virtual thread does without
     * holding its carrier).
     */
    private final boolean callersRead;
    private final JsonRpcFrameReader frames;
    private final Path path;

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** A lock, not a monitor: a virtual thread blocked in a write under a monitor would pin its carrier (JDK < 24). */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Held by whoever reads the socket; guards {@link #frames} and {@link #soTimeoutMillis}. */
    private final ReentrantLock readLock = new ReentrantLock();
    private final long idleReadMillis;
    private final long quietNanos;
    private final Thread reader;
    private int soTimeoutMillis = -1;
    private volatile ZinitException failure;
    /** Set by {@link #close()}, so that the end the client asked for is not reported as a lost connection. */
    private volatile boolean closedByOwner;
    private volatile long lastReceivedNanos = System.nanoTime();
    private volatile long lastSentNanos = System.nanoTime();

    /** A request waiting for its answer, and the thread to wake when the answer arrives. */
    private record Pending(CompletableFuture<RpcAnswer> answer, Thread waiter) {
        void complete(RpcAnswer message) {
            answer.complete(message);
            // a leader that read its own answer is not parked: unparking it would only leave a stale permit
            if (waiter != Thread.currentThread()) {
                LockSupport.unpark(waiter);
            }
        }

        void fail(ZinitException why) {
            answer.completeExceptionally(why);
            LockSupport.unpark(waiter);
        }
    }

    /**
     * Takes over an open socket and starts its reader thread.
     *
     * @param socket the connection; owned by this object from now on
     * @param frames the reader of that socket's bytes (it may already hold bytes read during detection)
     */
    public JsonRpcConnection(SocketConnection socket, JsonRpcFrameReader frames) {
        this(socket, frames, QUIET_NANOS);
    }

    /**
     * Takes over an open JDK channel and starts its reader thread, which reads every answer.
     *
     * @param socket the connection; owned by this object from now on
     * @param maxMessageBytes the largest message accepted
     */
    public JsonRpcConnection(JdkSocketConnection socket, int maxMessageBytes) {
        this(socket, new JsonRpcFrameReader(socket::readUntimed, maxMessageBytes), 0);
    }

    /**
     * For tests: a connection whose reader thread waits for a quiet stretch of the given length before it reads. A
     * very long one keeps the reader thread out of the way, so that a test can tell who read an answer.
     *
     * @param socket     the connection; owned by this object from now on
     * @param frames     the reader of that socket's bytes
     * @param quietNanos how long no request may have been sent before the reader thread reads
     */
    JsonRpcConnection(CommandConnection socket, JsonRpcFrameReader frames, long quietNanos) {
        this.quietNanos = quietNanos;
        this.socket = socket;
        this.callersRead = socket instanceof SocketConnection;
        this.frames = frames;
        this.path = socket.settings().socket();
        this.idleReadMillis = Math.max(1, socket.settings().readTimeout().toMillis());
        this.reader = new Thread(this::readLoop, "zinit4j-jsonrpc-reader-" + SERIAL.incrementAndGet() + " " + path);
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
     * Sends one request and returns the future its response will complete. The calling thread must then collect the
     * answer with {@link #await} (it may have to read the socket for it); the future only holds the outcome.
     *
     * @param id      the request's id, as text (numbers in decimal)
     * @param request the whole request
     * @return completed with the response object, or exceptionally with a {@link ZinitException}
     */
    public CompletableFuture<RpcAnswer> send(String id, byte[] request) {
        CompletableFuture<RpcAnswer> answer = new CompletableFuture<>();
        lastSentNanos = System.nanoTime();
        pending.put(id, new Pending(answer, Thread.currentThread()));
        // checked after registering: a failure that raced with us has either failed this future or is visible here
        ZinitException f = failure;
        if (f != null) {
            pending.remove(id);
            answer.completeExceptionally(f);
            return answer;
        }
        if (!callersRead && Thread.currentThread().isInterrupted()) {
            // the JDK's channel answers a write by an interrupted thread by closing itself, which would cost every
            // caller the shared connection: this request alone fails, and the interrupt flag stays for the caller
            pending.remove(id);
            answer.completeExceptionally(new ZinitException("interrupted before the request was sent"));
            return answer;
        }
        try {
            writeLock.lock();
            try {
                socket.write(request);
            } finally {
                writeLock.unlock();
            }
        } catch (ZinitException e) {
            fail(e);
        }
        return answer;
    }

    /**
     * Waits for the answer to a request this thread {@linkplain #send sent}, reading the socket itself whenever no
     * other thread does.
     *
     * @param answer       the future {@link #send} returned
     * @param timeoutNanos how long to wait at most
     * @return the response
     * @throws TimeoutException     when no answer came in time (the request stays registered: call {@link #abandon})
     * @throws ExecutionException   when the connection failed; the cause is a {@link ZinitException}
     * @throws InterruptedException when the thread was interrupted (the request stays registered)
     */
    public RpcAnswer await(CompletableFuture<RpcAnswer> answer, long timeoutNanos)
            throws TimeoutException, ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!answer.isDone()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (callersRead && isOpen() && readLock.tryLock()) {
                try {
                    lead(answer, deadline);
                } finally {
                    readLock.unlock();
                }
                // someone else's answer may still be outstanding, and nobody may be reading for it
                wakeAnotherWaiter();
            } else {
                // woken by our answer, by a reader that stepped down, or at the deadline
                LockSupport.parkNanos(this, left);
            }
        }
        return answer.get();
    }

    /**
     * Reads and dispatches messages until the given answer arrived, the deadline passed, the thread was interrupted or
     * the connection failed.
     */
    private void lead(CompletableFuture<RpcAnswer> own, long deadline) {
        while (!own.isDone() && isOpen() && !Thread.currentThread().isInterrupted()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            // rounded up: a zero would spin until the deadline
            readOne(Math.min(LEADER_SLICE_MILLIS, (left + 999_999L) / 1_000_000L));
        }
    }

    /** Wakes one caller that still waits, so that it reads the socket if nobody does. */
    private void wakeAnotherWaiter() {
        Thread me = Thread.currentThread();
        for (Pending p : pending.values()) {
            if (p.waiter() != me && !p.answer().isDone()) {
                LockSupport.unpark(p.waiter());
                return;
            }
        }
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
        closedByOwner = true;
        fail(new ZinitConnectionException(path, "the connection to zinit at " + path + " was closed by the client",
                null));
    }

    /**
     * Marks the connection failed, closes it and fails every waiting request with the given error.
     *
     * @param why what happened
     */
    void fail(ZinitException why) {
        boolean first = false;
        synchronized (this) {
            if (failure == null) {
                failure = why;
                first = true;
            }
        }
        if (first && !closedByOwner) {
            // reported once, by whichever thread saw the failure first: the owner only notices at its next request
            socket.events().lost(path.toString(), why);
        }
        socket.close();
        List<String> ids = new ArrayList<>(pending.keySet());
        for (String id : ids) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.fail(failure);
            }
        }
        LockSupport.unpark(reader);
    }

    private void readLoop() {
        while (isOpen()) {
            // callers in a busy stretch read for themselves: stay out of their way until the connection is quiet
            long sinceSent = System.nanoTime() - lastSentNanos;
            if (callersRead && sinceSent < quietNanos) {
                LockSupport.parkNanos(this, quietNanos - sinceSent);
                continue;
            }
            if (!readLock.tryLock()) {
                LockSupport.parkNanos(this, quietNanos);
                continue;
            }
            try {
                if (isOpen()) {
                    readOne(idleReadMillis);
                }
            } finally {
                readLock.unlock();
            }
            // a caller that arrived while we read may be parked, waiting for someone to read (only callers that
            // read for themselves: the others wait for this thread, and waking them would only cost a switch)
            if (callersRead) {
                wakeAnotherWaiter();
            }
        }
    }

    /**
     * Reads one message (waiting at most the given time) and dispatches it; a read timeout is not an error here.
     * Called with {@link #readLock} held.
     */
    private void readOne(long timeoutMillis) {
        int wanted = (int) Math.max(1, Math.min(Math.min(timeoutMillis, idleReadMillis), Integer.MAX_VALUE));
        // setting the socket timeout is a system call: only when the current one is too long, or far too short; the
        // JDK's channel has none (its reader thread waits for whatever comes)
        if (callersRead && (soTimeoutMillis < 0 || wanted < soTimeoutMillis || soTimeoutMillis < wanted / 2)) {
            try {
                ((SocketConnection) socket).readTimeout(Duration.ofMillis(wanted));
            } catch (ZinitException e) {
                fail(e);
                return;
            }
            soTimeoutMillis = wanted;
        }
        byte[] frame;
        try {
            frame = frames.next();
        } catch (ZinitTimeoutException e) {
            return; // an idle connection is normal; callers time out on their own deadlines
        } catch (ZinitException e) {
            if (isOpen()) {
                fail(e instanceof ZinitProtocolException ? e : new ZinitConnectionException(path,
                        "the connection to zinit at " + path + " failed: " + e.getMessage(), e));
            }
            return;
        } catch (RuntimeException e) {
            // never let a failure go unreported: callers would wait out their timeouts on a dead connection
            fail(new ZinitConnectionException(path, "reading from zinit at " + path + " failed: " + e, e));
            return;
        }
        if (frame == null) {
            fail(new ZinitConnectionException(path, "zinit at " + path + " closed the connection", null));
            return;
        }
        lastReceivedNanos = System.nanoTime();
        try {
            // one streaming pass: the id decides who gets the answer, and its result stays bytes for the caller to
            // read straight into its type (no tree of the answer on the call path)
            RpcAnswer.readFrame(frame, this::dispatch);
        } catch (IOException e) {
            fail(new ZinitProtocolException("zinit sent malformed JSON: "
                    + JsonRpcFrameReader.abbreviate(new String(frame, java.nio.charset.StandardCharsets.UTF_8)),
                    e));
        } catch (ZinitProtocolException e) {
            fail(e);
        }
    }

    private void dispatch(RpcAnswer message) {
        if (!message.isVersion2()) {
            fail(new ZinitProtocolException("zinit sent something that is not a JSON-RPC 2.0 message: "
                    + JsonRpcFrameReader.abbreviate(message.text())));
            return;
        }
        String key = message.id();
        if (key == null) {
            if (message.hasMethod()) {
                LOG.debug("ignoring a notification on the request connection: {}",
                        JsonRpcFrameReader.abbreviate(message.text()));
                return;
            }
            // an error without id: the server could not tell which request it belongs to, so nobody can trust the
            // rest of this stream
            fail(new ZinitProtocolException("zinit answered with an error for no request: "
                    + JsonRpcFrameReader.abbreviate(message.text())));
            return;
        }
        Pending waiting = pending.remove(key);
        if (waiting == null) {
            LOG.debug("dropping an answer nobody waits for (id {})", key);
            return;
        }
        waiting.complete(message);
    }
}
