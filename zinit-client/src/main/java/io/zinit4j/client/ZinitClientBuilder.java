package io.zinit4j.client;

import io.zinit4j.client.lifecycle.LifecycleClock;
import io.zinit4j.client.internal.transport.HttpSettings;
import io.zinit4j.client.lifecycle.PollPolicy;
import io.zinit4j.model.ServiceFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Configures a {@link ZinitClient}. Every setting has a default; a builder is not thread-safe, the client it builds
 * is.
 */
public final class ZinitClientBuilder {
    /** The socket of zinit up to 0.2.14, and the Go client's default. */
    public static final Path LEGACY_SOCKET = Path.of("/var/run/zinit.sock");
    /** Where zinit 0.2.15 and later put their socket by default. */
    public static final Path RPC_SOCKET = Path.of("/tmp/zinit.sock");
    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default read timeout. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    private Path socket;
    private Path configDir = ServiceFiles.DEFAULT_DIR;
    private Protocol protocol = Protocol.AUTO;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Path zinitBinary;
    private PollPolicy pollPolicy = PollPolicy.defaults();
    private LifecycleClock clock = LifecycleClock.system();
    private Map<String, String> environment = System.getenv();
    private URI url;
    private final Map<String, String> fixedHeaders = new LinkedHashMap<>();
    private Supplier<Map<String, String>> headerHook = Map::of;
    private ZinitEventListener eventListener = ZinitEventListener.NONE;
    private SocketTransport socketTransport = SocketTransport.AUTO;

    ZinitClientBuilder() {
    }

    /**
     * Sets the Unix socket to connect to, instead of finding it.
     *
     * @param socket the zinit socket; unset means {@code ZINIT_SOCKET}, else the first existing of {@link
     *               #LEGACY_SOCKET} and {@link #RPC_SOCKET}, else {@link #LEGACY_SOCKET}
     * @return this builder
     */
    public ZinitClientBuilder socket(Path socket) {
        this.socket = Objects.requireNonNull(socket, "socket");
        return this;
    }

    /**
     * Talks to zinit's HTTP server instead of its Unix socket: every request is an HTTP POST of its JSON-RPC message
     * ({@code Content-Type: application/json}), and a followed log runs over a WebSocket on the same address. Only
     * zinit 0.2.15 and later have one, started with {@link ZinitClient#startHttpServer}; service files then always go
     * through the server. zinit's HTTP server has no authentication: reach it only through an SSH tunnel or a proxy
     * that authenticates (see {@link #httpHeader} for the credentials such a proxy wants).
     *
     * @param url {@code http://host:port} or {@code https://host:port/path}; requests are POSTed to it as is
     * @return this builder
     * @throws IllegalArgumentException when it is not an absolute http or https URL with a host
     */
    public ZinitClientBuilder url(URI url) {
        this.url = HttpSettings.requireHttp(Objects.requireNonNull(url, "url"));
        return this;
    }

    /**
     * Adds a header to every HTTP request and WebSocket handshake (only with {@link #url}), for example the
     * {@code Authorization} an authenticating proxy in front of zinit expects. Setting a name again replaces it.
     *
     * @param name  the header's name
     * @param value its value
     * @return this builder
     */
    public ZinitClientBuilder httpHeader(String name, String value) {
        fixedHeaders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Sets a hook asked before every HTTP request and WebSocket handshake for headers to add (only with {@link #url}),
     * for credentials that change, such as short-lived tokens; its headers win over those of {@link #httpHeader}. It
     * is called from the threads that make requests, so it must be thread-safe, and quick (it delays every call).
     *
     * @param hook returns the headers to add; may return an empty map
     * @return this builder
     */
    public ZinitClientBuilder httpHeaders(Supplier<Map<String, String>> hook) {
        this.headerHook = Objects.requireNonNull(hook, "hook");
        return this;
    }

    /**
     * Chooses the socket library under the Unix-socket connections (not used with {@link #url}). The default, {@link
     * SocketTransport#AUTO}, takes the JDK's own channel for the line protocol's one-command connections, and for
     * the JSON-RPC connection when the thread that opens it is a virtual thread; {@link SocketTransport#JDK} for a
     * client used from virtual threads whichever thread connects first.
     *
     * @param transport the choice
     * @return this builder
     */
    public ZinitClientBuilder socketTransport(SocketTransport transport) {
        this.socketTransport = Objects.requireNonNull(transport, "transport");
        return this;
    }

    /**
     * Sets where service files are read and written when the server cannot do it itself.
     *
     * @param configDir zinit's config directory, used for service files on legacy servers (default {@code /etc/zinit})
     * @return this builder
     */
    public ZinitClientBuilder configDir(Path configDir) {
        this.configDir = Objects.requireNonNull(configDir, "configDir");
        return this;
    }

    /**
     * Chooses the protocol generation to speak instead of detecting it at the first request.
     *
     * @param protocol force a protocol generation, or {@link Protocol#AUTO} (the default) to detect it
     * @return this builder
     */
    public ZinitClientBuilder protocol(Protocol protocol) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        return this;
    }

    /**
     * Sets how long opening a connection to zinit may take before it fails.
     *
     * @param timeout how long a connect may take (default 5 s)
     * @return this builder
     */
    public ZinitClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return this;
    }

    /**
     * Sets how long a request may wait for zinit's answer before it fails.
     *
     * @param timeout how long one request may wait for its answer (default 30 s)
     * @return this builder
     */
    public ZinitClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = positive(timeout, "readTimeout");
        return this;
    }

    /**
     * Sets the connect and the read timeout together.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public ZinitClientBuilder timeout(Duration timeout) {
        return connectTimeout(timeout).readTimeout(timeout);
    }

    /**
     * Names a local zinit binary to ask for its version when the server does not tell it.
     *
     * @param zinitBinary a local zinit binary that {@link ZinitClient#version()} may ask ({@code zinit -V}) when the
     *                    server cannot tell; unset means none is asked
     * @return this builder
     */
    public ZinitClientBuilder zinitBinary(Path zinitBinary) {
        this.zinitBinary = zinitBinary;
        return this;
    }

    /**
     * Sets how often and how fast the client's waits poll the status.
     *
     * @param pollPolicy how waits poll
     * @return this builder
     */
    public ZinitClientBuilder pollPolicy(PollPolicy pollPolicy) {
        this.pollPolicy = Objects.requireNonNull(pollPolicy, "pollPolicy");
        return this;
    }

    /**
     * Replaces the clock that waits measure time and sleep with.
     *
     * @param clock the time source of waits (tests pass a fake one)
     * @return this builder
     */
    public ZinitClientBuilder clock(LifecycleClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Sets who hears of every request, connection and wait poll of the client (see {@link ZinitEventListener} for
     * what comes when, and on which thread). One listener per client; to feed several, fan out in it.
     *
     * @param listener the listener, called on the requesting threads; it must be thread-safe and quick
     * @return this builder
     */
    public ZinitClientBuilder eventListener(ZinitEventListener listener) {
        this.eventListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Lets tests stand in for the process environment. */
    ZinitClientBuilder environment(Map<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        return this;
    }

    /**
     * {@return a new client; nothing is connected until the first operation}
     *
     * @throws IllegalStateException when both a socket and a URL were set, or a URL with {@link Protocol#LEGACY}
     */
    public ZinitClient build() {
        if (url != null) {
            if (socket != null) {
                throw new IllegalStateException("set either a socket or a URL, not both: " + socket + ", " + url);
            }
            if (protocol == Protocol.LEGACY) {
                throw new IllegalStateException("the legacy protocol (zinit 0.2.14 and earlier) has no HTTP server: "
                        + url + " needs Protocol.JSON_RPC or AUTO");
            }
            Map<String, String> fixed = Map.copyOf(fixedHeaders);
            Supplier<Map<String, String>> hook = headerHook;
            Supplier<Map<String, String>> headers = fixed.isEmpty() ? hook : () -> {
                Map<String, String> all = new LinkedHashMap<>(fixed);
                Map<String, String> more = hook.get();
                if (more != null) {
                    all.putAll(more);
                }
                return all;
            };
            return new DefaultZinitClient(new HttpSettings(url, connectTimeout, readTimeout, headers), configDir,
                    protocol, zinitBinary, pollPolicy, clock, eventListener);
        }
        return new DefaultZinitClient(chooseSocket(), configDir, protocol, connectTimeout, readTimeout,
                socketTransport, zinitBinary, pollPolicy, clock, eventListener);
    }

    SocketChoice chooseSocket() {
        if (socket != null) {
            return new SocketChoice(socket, "set explicitly");
        }
        String env = environment.get("ZINIT_SOCKET");
        if (env != null && !env.isBlank()) {
            return new SocketChoice(Path.of(env), "from ZINIT_SOCKET");
        }
        if (Files.exists(LEGACY_SOCKET)) {
            return new SocketChoice(LEGACY_SOCKET, "default " + LEGACY_SOCKET + " exists");
        }
        if (Files.exists(RPC_SOCKET)) {
            return new SocketChoice(RPC_SOCKET, "default of zinit 0.2.15 and later, " + RPC_SOCKET + " exists");
        }
        return new SocketChoice(LEGACY_SOCKET, "default; neither " + LEGACY_SOCKET + " nor " + RPC_SOCKET
                + " exists yet");
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }
}
