package io.zinit4j.client;

import io.zinit4j.client.internal.concurrent.FanOut;
import io.zinit4j.client.internal.protocol.CodecFactory;
import io.zinit4j.client.internal.protocol.JsonRpcCodec;
import io.zinit4j.client.internal.protocol.ZinitCodec;
import io.zinit4j.client.internal.transport.HttpSettings;
import io.zinit4j.client.internal.transport.SocketSettings;
import io.zinit4j.client.internal.transport.UnixSocketConnector;
import io.zinit4j.client.lifecycle.Lifecycle;
import io.zinit4j.client.lifecycle.LifecycleClock;
import io.zinit4j.client.lifecycle.PollPolicy;
import io.zinit4j.client.lifecycle.ServiceControl;
import io.zinit4j.client.lifecycle.ServiceWatch;
import io.zinit4j.error.ServiceConfigRejectedException;
import io.zinit4j.error.ServiceFileFormatException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.model.Filter;
import io.zinit4j.model.LogLine;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceFiles;
import io.zinit4j.model.ServiceNames;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.Signal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of {@link ZinitClient}: validates names, picks the codec (once), routes service files to the
 * server or the config directory, and hands waits to {@link Lifecycle}.
 */
final class DefaultZinitClient implements ZinitClient, ServiceControl, FanOut.Owner {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultZinitClient.class);
    private static final int MAX_PARALLEL_READS = 8;

    private final SocketChoice socketChoice; // null over HTTP
    private final HttpSettings http; // null on the socket
    private final Protocol requested;
    private final UnixSocketConnector connector; // null over HTTP
    private final ServiceFiles files;
    private final VersionProbe versionProbe;
    private final Lifecycle lifecycle;
    /** A lock, not a monitor: detection does socket I/O, which must not pin a virtual thread's carrier (JDK < 24). */
    private final ReentrantLock codecLock = new ReentrantLock();
    private volatile ZinitCodec codec;
    /**
     * The one pool of every fan-out of this client (matches, bulk commands, the ops classes); made at once, so that no
     * fan-out can race close() into making one that nobody shuts down, and holding no thread while idle.
     */
    private final ExecutorService fanOut = FanOut.newPool("zinit4j-fan-out");
    private volatile boolean closed;
    private final Set<LogStream> openLogs = ConcurrentHashMap.newKeySet();
    private final GuardedListener events;

    DefaultZinitClient(SocketChoice socketChoice, Path configDir, Protocol protocol, Duration connectTimeout,
                       Duration readTimeout, SocketTransport transport, Path zinitBinary, PollPolicy pollPolicy,
                       LifecycleClock clock, ZinitEventListener listener) {
        this.socketChoice = socketChoice;
        this.http = null;
        this.requested = protocol;
        this.events = GuardedListener.of(listener);
        this.connector = new UnixSocketConnector(new SocketSettings(socketChoice.path(), connectTimeout, readTimeout,
                transport), events);
        this.files = new ServiceFiles(configDir);
        this.versionProbe = new VersionProbe(zinitBinary);
        this.lifecycle = new Lifecycle(this, pollPolicy, clock, pollListener(), fanOut);
        LOG.debug("zinit client on socket {}", socketChoice);
    }

    DefaultZinitClient(HttpSettings http, Path configDir, Protocol protocol, Path zinitBinary, PollPolicy pollPolicy,
                       LifecycleClock clock, ZinitEventListener listener) {
        this.socketChoice = null;
        this.http = http;
        this.requested = protocol;
        this.events = GuardedListener.of(listener);
        this.connector = null;
        this.files = new ServiceFiles(configDir);
        this.versionProbe = new VersionProbe(zinitBinary);
        this.lifecycle = new Lifecycle(this, pollPolicy, clock, pollListener(), fanOut);
        LOG.debug("zinit client on {}", http.url());
    }

    /**
     * Makes one request to zinit, told to the event listener as one call: its start, then its end or failure.
     *
     * @param operation which request
     * @param service   the service it is about, or {@code null}
     * @param request   sends it (getting the codec, so detecting the protocol if needed, is part of the call)
     * @return what the request returned
     */
    private <T> T call(Operation operation, String service, Supplier<T> request) {
        if (events.silent()) {
            return request.get();
        }
        events.callStart(new ZinitEventListener.CallEvent(operation, service, protocolSoFar(), Duration.ZERO, null));
        long started = System.nanoTime();
        T result;
        try {
            result = request.get();
        } catch (RuntimeException e) {
            events.callFailed(new ZinitEventListener.CallEvent(operation, service, protocolSoFar(),
                    Duration.ofNanos(System.nanoTime() - started), e));
            throw e;
        }
        events.callEnd(new ZinitEventListener.CallEvent(operation, service, protocolSoFar(),
                Duration.ofNanos(System.nanoTime() - started), null));
        return result;
    }

    /** {@return what the waits tell of their polls: NONE without a listener, so that they build no events} */
    private ZinitEventListener pollListener() {
        return events.silent() ? ZinitEventListener.NONE : events;
    }

    private void run(Operation operation, String service, Runnable request) {
        call(operation, service, () -> {
            request.run();
            return null;
        });
    }

    /** {@return the generation in use, else the one asked for: AUTO until detection has found one} */
    private Protocol protocolSoFar() {
        ZinitCodec c = codec;
        return c != null ? c.generation() : requested;
    }

    /** {@return where the server is, for messages} */
    private String where() {
        return http != null ? http.url().toString() : socketChoice.path().toString();
    }

    private ZinitCodec codec() {
        return codec(null);
    }

    /**
     * {@return the codec, detected now if needed}
     *
     * @param probed when not {@code null} and this call detects a JSON-RPC server, receives the services the
     *               detection probe listed; taken before the codec is shared, so no other request can come in between
     */
    private ZinitCodec codec(AtomicReference<Map<String, ServiceState>> probed) {
        if (closed) {
            throw new IllegalStateException("the zinit client for " + where() + " is closed");
        }
        ZinitCodec c = codec;
        if (c == null) {
            codecLock.lock();
            try {
                if (closed) {
                    throw new IllegalStateException("the zinit client is closed");
                }
                c = codec;
                if (c == null) {
                    c = http != null ? CodecFactory.create(requested, http) : CodecFactory.create(requested, connector);
                    LOG.debug("zinit at {} speaks {}", where(), c.generation());
                    if (probed != null && c instanceof JsonRpcCodec rpc) {
                        rpc.takeDetectionList().ifPresent(probed::set);
                    }
                    codec = c;
                }
            } finally {
                codecLock.unlock();
            }
        }
        return c;
    }

    @Override
    public SocketChoice socketChoice() {
        if (socketChoice == null) {
            throw new IllegalStateException("this zinit client talks HTTP to " + http.url() + ", not to a socket");
        }
        return socketChoice;
    }

    @Override
    public Optional<URI> url() {
        return http == null ? Optional.empty() : Optional.of(http.url());
    }

    @Override
    public Path configDir() {
        return files.dir();
    }

    @Override
    public Protocol protocol() {
        return codec().generation();
    }

    @Override
    public Map<String, ServiceState> list() {
        if (codec == null) {
            // if this call detects the protocol, the probe (a service_list) is sent during this call, so its answer
            // is this call's answer and a second round trip would add nothing
            return call(Operation.LIST, null, () -> {
                AtomicReference<Map<String, ServiceState>> probed = new AtomicReference<>();
                ZinitCodec c = codec(probed);
                Map<String, ServiceState> listed = probed.get();
                return listed != null ? listed : c.list();
            });
        }
        return call(Operation.LIST, null, () -> codec().list());
    }

    // Every name is checked into a local before codec() is called: as a receiver, codec() is evaluated before the
    // arguments, and on a client that has not detected its protocol yet it would send the detection probe first.

    @Override
    public ServiceStatus status(String name) {
        String checked = ServiceNames.validate(name);
        return call(Operation.STATUS, checked, () -> codec().status(checked));
    }

    @Override
    public boolean exists(String name) {
        try {
            status(name);
            return true;
        } catch (ServiceNotFoundException e) {
            return false;
        }
    }

    @Override
    public ServiceConfig get(String name) {
        status(name);
        return loadService(name);
    }

    @Override
    public void start(String name) {
        String checked = ServiceNames.validate(name);
        run(Operation.START, checked, () -> codec().start(checked));
    }

    @Override
    public void stop(String name) {
        String checked = ServiceNames.validate(name);
        run(Operation.STOP, checked, () -> codec().stop(checked));
    }

    @Override
    public void monitor(String name) {
        String checked = ServiceNames.validate(name);
        run(Operation.MONITOR, checked, () -> codec().monitor(checked));
    }

    @Override
    public void forget(String name) {
        String checked = ServiceNames.validate(name);
        run(Operation.FORGET, checked, () -> codec().forget(checked));
    }

    @Override
    public void kill(String name, Signal signal) {
        if (signal == null) {
            throw new IllegalArgumentException("a signal is required");
        }
        String checked = ServiceNames.validate(name);
        run(Operation.KILL, checked, () -> codec().kill(checked, signal));
    }

    @Override
    public void shutdown() {
        run(Operation.SHUTDOWN, null, () -> codec().shutdown());
    }

    @Override
    public void reboot() {
        run(Operation.REBOOT, null, () -> codec().reboot());
    }

    @Override
    public LogStream logs(String service) {
        String checked = service == null ? null : ServiceNames.validate(service);
        return track(call(Operation.LOGS, checked, () -> codec().logs(checked, false)));
    }

    @Override
    public LogStream followLogs(String service) {
        String checked = service == null ? null : ServiceNames.validate(service);
        return track(call(Operation.FOLLOW_LOGS, checked, () -> codec().logs(checked, true)));
    }

    /**
     * Keeps a log stream until it ends or is closed, so that {@link #close()} can end it: a followed log has its own
     * connection, which the server never closes, and a reader blocked on it would otherwise outlive the client.
     */
    private LogStream track(LogStream stream) {
        LogStream tracked = new LogStream() {
            @Override
            public LogLine next() {
                LogLine line = stream.next();
                if (line == null) {
                    openLogs.remove(this);
                }
                return line;
            }

            @Override
            public void close() {
                openLogs.remove(this);
                stream.close();
            }
        };
        openLogs.add(tracked);
        if (closed) {
            // close() ran while the stream was being opened and may have missed it
            tracked.close();
        }
        return tracked;
    }

    private boolean filesThroughServer() {
        return codec().generation() == Protocol.JSON_RPC;
    }

    @Override
    public boolean addService(String name, ServiceConfig config) {
        ServiceNames.validate(name);
        if (config == null) {
            throw new IllegalArgumentException("a service file is required");
        }
        if (!filesThroughServer()) {
            return files.add(name, config);
        }
        ZinitCodec c = codec();
        ServiceConfig previous = null;
        try {
            previous = call(Operation.LOAD_SERVICE, name, () -> c.loadService(name));
            if (previous.equals(config)) {
                return false;
            }
            run(Operation.DELETE_SERVICE, name, () -> c.deleteService(name));
        } catch (ServiceNotFoundException e) {
            // no file yet: create it below
        } catch (ServiceConfigRejectedException e) {
            // the file there is unreadable, so it is not ours: replace it, as the config-dir path does
            run(Operation.DELETE_SERVICE, name, () -> c.deleteService(name));
        }
        try {
            run(Operation.CREATE_SERVICE, name, () -> c.createService(name, config));
        } catch (ZinitException e) {
            // JSON-RPC has no replace: put the old file back rather than leave none (best effort)
            restore(c, name, previous, e);
            throw e;
        }
        return true;
    }

    private void restore(ZinitCodec c, String name, ServiceConfig previous, ZinitException failure) {
        if (previous == null) {
            return;
        }
        try {
            run(Operation.CREATE_SERVICE, name, () -> c.createService(name, previous));
        } catch (ZinitException again) {
            failure.addSuppressed(again);
        }
    }

    @Override
    public boolean removeService(String name) {
        ServiceNames.validate(name);
        if (!filesThroughServer()) {
            return files.remove(name);
        }
        try {
            run(Operation.DELETE_SERVICE, name, () -> codec().deleteService(name));
            return true;
        } catch (ServiceNotFoundException e) {
            return false;
        }
    }

    @Override
    public ServiceConfig loadService(String name) {
        ServiceNames.validate(name);
        return filesThroughServer() ? serverFile(name) : files.load(name);
    }

    /**
     * Reads a file through the server, failing as reading it from the config directory fails: zinit answers an
     * unreadable file with a config error (-32005), which becomes the {@link ServiceFileFormatException} the YAML
     * parser throws on legacy servers, so that callers catch one type whatever the generation.
     */
    private ServiceConfig serverFile(String name) {
        try {
            return call(Operation.LOAD_SERVICE, name, () -> codec().loadService(name));
        } catch (ServiceConfigRejectedException e) {
            throw new ServiceFileFormatException("service file of '" + name + "' cannot be read by zinit: "
                    + e.serverMessage(), e);
        }
    }

    @Override
    public List<String> matches(Filter... filters) {
        Filter filter = Filter.all(List.of(filters));
        Set<Filter.Input> inputs = filter.inputs();
        // list() carries every state, so a state filter costs no status call at all
        Map<String, ServiceState> services = list();
        List<String> names = new ArrayList<>(services.keySet());
        names.sort(null);
        if (!inputs.contains(Filter.Input.CONFIG)) {
            List<String> out = new ArrayList<>();
            for (String n : names) {
                if (filter.test(new Filter.Candidate(n, null, services.get(n)))) {
                    out.add(n);
                }
            }
            return out;
        }
        List<String> out = new ArrayList<>();
        for (String n : FanOut.all(fanOut, names, MAX_PARALLEL_READS, name -> {
            ServiceConfig config = findService(name);
            return filter.test(new Filter.Candidate(name, config, services.get(name))) ? name : null;
        })) {
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    private ServiceConfig findService(String name) {
        if (!ServiceNames.isValid(name)) {
            return null;
        }
        if (filesThroughServer()) {
            try {
                return serverFile(name);
            } catch (ServiceNotFoundException e) {
                return null;
            }
        }
        return files.find(name).orElse(null);
    }

    @Override
    public Executor fanOut() {
        return fanOut;
    }

    @Override
    public ServiceStats stats(String name) {
        String checked = ServiceNames.validate(name);
        return call(Operation.STATS, checked, () -> codec().stats(checked));
    }

    @Override
    public String startHttpServer(String address) {
        if (address == null || address.isBlank() || address.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("an address such as 127.0.0.1:8080 is required, got: " + address);
        }
        return call(Operation.START_HTTP_SERVER, null, () -> codec().startHttpServer(address));
    }

    @Override
    public void stopHttpServer() {
        run(Operation.STOP_HTTP_SERVER, null, () -> codec().stopHttpServer());
    }

    @Override
    public String discover() {
        return call(Operation.DISCOVER, null, () -> codec().discover());
    }

    @Override
    public ServerVersion version() {
        return versionProbe.version(codec().generation());
    }

    @Override
    public void startWait(Duration timeout, String name) {
        checkOpen();
        lifecycle.startWait(timeout, ServiceNames.validate(name));
    }

    @Override
    public void stopWait(Duration timeout, String name) {
        checkOpen();
        lifecycle.stopWait(timeout, ServiceNames.validate(name));
    }

    @Override
    public void startMultiple(Duration timeout, String... names) {
        checkOpen();
        lifecycle.startMultiple(timeout, validateAll(names));
    }

    @Override
    public void stopMultiple(Duration timeout, String... names) {
        checkOpen();
        lifecycle.stopMultiple(timeout, validateAll(names));
    }

    @Override
    public void destroy(Duration timeout, String... names) {
        checkOpen();
        lifecycle.destroy(timeout, validateAll(names));
    }

    @Override
    public void restart(Duration timeout, String name) {
        checkOpen();
        lifecycle.restart(timeout, ServiceNames.validate(name));
    }

    @Override
    public void pause(String name) {
        checkOpen();
        lifecycle.pause(ServiceNames.validate(name));
    }

    @Override
    public void resume(String name) {
        checkOpen();
        lifecycle.resume(ServiceNames.validate(name));
    }

    @Override
    public ServiceWatch watch(String... names) {
        checkOpen();
        return lifecycle.watch(validateAll(names));
    }

    /** The lifecycle refuses work once closed too, but with a ZinitException; a closed client is a caller bug. */
    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the zinit client for " + where() + " is closed");
        }
    }

    private static String[] validateAll(String... names) {
        for (String n : names) {
            ServiceNames.validate(n);
        }
        return names.clone();
    }

    @Override
    public void close() {
        codecLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            codecLock.unlock();
        }
        lifecycle.close();
        for (LogStream s : List.copyOf(openLogs)) {
            s.close();
        }
        fanOut.shutdownNow();
        ZinitCodec c = codec;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public String toString() {
        return "ZinitClient[" + (http != null ? http.url() : socketChoice) + ", "
                + (codec == null ? requested : codec.generation()) + "]";
    }
}
