package io.zinit4j.client;

import io.zinit4j.client.lifecycle.ServiceWatch;
import io.zinit4j.model.Filter;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A client for one zinit server: every operation zinit offers, over whichever protocol generation answers, plus waits
 * and bulk lifecycle operations built on them.
 *
 * <pre>{@code
 * try (ZinitClient zinit = ZinitClient.defaultClient()) {
 *     zinit.addService("redis", ServiceConfig.builder().exec("redis-server --port 6379").build());
 *     zinit.monitor("redis");
 *     zinit.startWait(Duration.ofSeconds(20), "redis");
 * }
 * }</pre>
 *
 * <p>Build one with {@link #builder()} or {@link #defaultClient()} and share it: implementations are immutable in
 * their configuration and safe for concurrent use by many threads. Every socket read has a timeout. Names are checked
 * with {@link io.zinit4j.model.ServiceNames} before anything is sent. Errors are unchecked {@link
 * io.zinit4j.error.ZinitException}s: {@link io.zinit4j.error.ServiceNotFoundException} and its siblings for the
 * server's answers, {@link io.zinit4j.error.ZinitConnectionException} when the socket cannot be reached, {@link
 * io.zinit4j.error.ZinitTimeoutException} and {@link io.zinit4j.error.ZinitProtocolException} when the server does not
 * answer properly. Operations the server's protocol generation lacks throw {@link
 * io.zinit4j.error.UnsupportedByServerException} unless a faithful fallback exists (service files through the config
 * directory).
 */
public interface ZinitClient extends AutoCloseable {

    /**
     * A client with the defaults: the socket named by {@code ZINIT_SOCKET}, else {@code /var/run/zinit.sock}, else
     * {@code /tmp/zinit.sock} (where zinit 0.2.15 and later put it); config directory {@code /etc/zinit}; protocol
     * detected on first use. {@link #socketChoice()} says which socket was chosen and why.
     *
     * @return a new client; close it when done
     */
    static ZinitClient defaultClient() {
        return builder().build();
    }

    /** {@return a builder with the defaults of {@link #defaultClient()}} */
    static ZinitClientBuilder builder() {
        return new ZinitClientBuilder();
    }

    /**
     * {@return the socket this client talks to, and why it was chosen}
     *
     * @throws IllegalStateException when the client talks HTTP ({@link #url()})
     */
    SocketChoice socketChoice();

    /** {@return the HTTP address this client talks to, when it was built with {@link ZinitClientBuilder#url}} */
    java.util.Optional<java.net.URI> url();

    /**
     * The directory named when the client was built ({@code /etc/zinit} by default). Legacy servers read service files
     * from it, and this client writes them there; JSON-RPC servers keep their own files, so on those this is only a
     * fallback and may have nothing to do with the server.
     *
     * @return the config directory service files go to on legacy servers
     */
    Path configDir();

    /**
     * {@return the protocol generation the server speaks ({@link Protocol#LEGACY} or {@link Protocol#JSON_RPC}),
     * detecting it now if needed}
     */
    Protocol protocol();

    /** {@return every monitored service and its state} */
    Map<String, ServiceState> list();

    /**
     * {@return its status}
     *
     * @param name a service
     * @throws io.zinit4j.error.ServiceNotFoundException when zinit does not monitor it
     */
    ServiceStatus status(String name);

    /**
     * {@return whether zinit monitors it}
     *
     * @param name a service
     */
    boolean exists(String name);

    /**
     * The service file of a monitored service, as the Go client's {@code Get} and {@code zinitctl get}: {@link
     * #status} first, so that a service zinit does not monitor fails with
     * {@link io.zinit4j.error.ServiceNotFoundException}, then {@link #loadService}. To read a file whether or not its
     * service is monitored, call {@link #loadService} alone: it is the one read of a service file.
     *
     * @param name a service
     * @return its file
     */
    ServiceConfig get(String name);

    /**
     * Sets the service's target up so that zinit starts it; returns without waiting (see {@link #startWait}).
     *
     * @param name a monitored service to start (target up)
     */
    void start(String name);

    /**
     * Sets the service's target down so that zinit stops it; returns without waiting (see {@link #stopWait}).
     *
     * @param name a monitored service to stop (target down; zinit sends the stop signal)
     */
    void stop(String name);

    /**
     * Loads {@code <name>.yaml} and starts it. Throws {@link io.zinit4j.error.ServiceAlreadyMonitoredException} when it is
     * already monitored.
     *
     * @param name a service with a file in the config directory
     */
    void monitor(String name);

    /**
     * Makes zinit stop monitoring a stopped service; its file stays in the config directory.
     *
     * @param name a stopped service zinit should forget (its file stays)
     */
    void forget(String name);

    /**
     * Sends a signal to the service's process; its target stays as it is.
     *
     * @param name   a service
     * @param signal the signal for its process
     */
    void kill(String name, Signal signal);

    /** Stops every service and ends zinit; the machine powers off when zinit is PID 1 outside container mode. */
    void shutdown();

    /** Stops every service and reboots the machine (ends zinit in container mode). */
    void reboot();

    /**
     * {@return the lines zinit holds now; the stream ends after them}
     *
     * @param service only this service's lines (and its test's), or {@code null} for all
     */
    LogStream logs(String service);

    /**
     * {@return the lines zinit holds, then new ones as they come, until closed}
     *
     * @param service only this service's lines (and its test's), or {@code null} for all
     */
    LogStream followLogs(String service);

    /**
     * Writes a service file, through the server on JSON-RPC servers (which read only their own directory) and through
     * the config directory on legacy ones. Idempotent: nothing is rewritten when the same content is there. A file
     * that cannot be read is replaced.
     *
     * @param name   the service
     * @param config its file
     * @return whether anything changed
     */
    boolean addService(String name, ServiceConfig config);

    /**
     * Deletes a service file (through the server or the config directory, as {@link #addService}).
     *
     * @param name the service
     * @return whether a file was deleted
     */
    boolean removeService(String name);

    /**
     * Reads a service file (through the server or the config directory, as {@link #addService}), whether or not the
     * service is monitored.
     *
     * @param name the service
     * @return its file
     * @throws io.zinit4j.error.ServiceNotFoundException      when there is no file
     * @throws io.zinit4j.error.ServiceFileFormatException when the file cannot be read (in both generations)
     */
    ServiceConfig loadService(String name);

    /**
     * The monitored services that pass every filter. Reads only what the filters need (no status call unless a filter
     * needs the state, no file read unless one needs the file) and reads in parallel.
     *
     * @param filters filters that must all match; none matches every service
     * @return the matching names, sorted
     */
    List<String> matches(Filter... filters);

    /**
     * {@return its memory and CPU use (zinit 0.2.15 and later)}
     *
     * @param name a running service
     */
    ServiceStats stats(String name);

    /**
     * {@return the server's confirmation}
     *
     * @param address where zinit's HTTP proxy should listen, e.g. {@code 127.0.0.1:8080} (zinit 0.2.15 and later)
     */
    String startHttpServer(String address);

    /** Stops zinit's HTTP proxy (zinit 0.2.15 and later). */
    void stopHttpServer();

    /** {@return the server's OpenRPC document as JSON text (zinit 0.2.15 and later)} */
    String discover();

    /** {@return the server's version and where that knowledge came from; never a silent guess} */
    ServerVersion version();

    /**
     * Starts a service and waits until it runs (or, for a oneshot, succeeded). Fails early with {@link
     * io.zinit4j.error.ServiceFailedException} when it fails, and with {@link io.zinit4j.error.WaitTimeoutException} when
     * time runs out.
     *
     * @param timeout how long to wait
     * @param name    the service
     */
    void startWait(Duration timeout, String name);

    /**
     * Stops a service and waits until it has exited; at the deadline sends SIGKILL and confirms.
     *
     * @param timeout how long to wait before SIGKILL
     * @param name    the service
     */
    void stopWait(Duration timeout, String name);

    /**
     * {@link #startWait} for several services at once, concurrently.
     *
     * @param timeout how long to wait for all
     * @param names   the services
     */
    void startMultiple(Duration timeout, String... names);

    /**
     * {@link #stopWait} for several services at once, concurrently.
     *
     * @param timeout how long to wait for all before SIGKILL
     * @param names   the services
     */
    void stopMultiple(Duration timeout, String... names);

    /**
     * Stops, forgets and deletes the files of services, whatever it takes; services that do not exist are skipped.
     *
     * @param timeout how long to wait for them to stop before SIGKILL
     * @param names   the services
     */
    void destroy(Duration timeout, String... names);

    /**
     * Stops (as {@link #stopWait}) then starts (as {@link #startWait}) a service.
     *
     * @param timeout how long each half may take
     * @param name    the service
     */
    void restart(Duration timeout, String name);

    /**
     * Suspends the service's process with SIGSTOP, until {@link #resume}.
     *
     * @param name a service whose process to suspend (SIGSTOP)
     */
    void pause(String name);

    /**
     * Lets a paused service's process go on with SIGCONT.
     *
     * @param name a suspended service to resume (SIGCONT)
     */
    void resume(String name);

    /**
     * Watches services for state changes, polling with this client's poll policy.
     *
     * @param names the services
     * @return a watch; close it to stop polling
     */
    ServiceWatch watch(String... names);

    /**
     * Releases connections, ends the log streams this client opened (a blocked {@link LogStream#next()} returns
     * {@code null}) and shuts down the threads its parallel reads and bulk commands run on; idempotent. The client
     * must not be used afterwards.
     */
    @Override
    void close();
}
