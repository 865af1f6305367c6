package io.zinit4j.client.internal.protocol;

import io.zinit4j.client.LogStream;
import io.zinit4j.client.Operation;
import io.zinit4j.client.Protocol;
import io.zinit4j.client.ServiceStats;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.Signal;
import java.util.Map;

/**
 * One protocol generation's way of carrying each zinit operation. The typed API never branches on the generation
 * except through this interface. Implementations are thread-safe; service names reach them already validated, and they
 * check again what their wire format cannot carry. Operations the generation lacks throw {@link
 * io.zinit4j.error.UnsupportedByServerException}.
 */
public interface ZinitCodec extends AutoCloseable {

    /** @return {@link Protocol#LEGACY} or {@link Protocol#JSON_RPC} */
    Protocol generation();

    // One method per Operation; what each does is said once, on its Operation constant.

    /** {@return what {@link Operation#LIST} answers} */
    Map<String, ServiceState> list();

    /**
     * {@link Operation#STATUS}.
     *
     * @param name a service
     * @return its status
     */
    ServiceStatus status(String name);

    /** @param name a service; {@link Operation#START} */
    void start(String name);

    /** @param name a service; {@link Operation#STOP} */
    void stop(String name);

    /** @param name a service; {@link Operation#MONITOR} */
    void monitor(String name);

    /** @param name a service; {@link Operation#FORGET} */
    void forget(String name);

    /**
     * {@link Operation#KILL}.
     *
     * @param name   a service
     * @param signal the signal
     */
    void kill(String name, Signal signal);

    /** {@link Operation#SHUTDOWN}. */
    void shutdown();

    /** {@link Operation#REBOOT}. */
    void reboot();

    /**
     * {@link Operation#LOGS}, or {@link Operation#FOLLOW_LOGS} when following.
     *
     * @param service only this service's lines (and its test's), or {@code null} for all
     * @param follow  {@code false} for the buffered lines only, {@code true} to follow new lines until closed
     * @return the lines
     */
    LogStream logs(String service, boolean follow);

    /**
     * {@link Operation#CREATE_SERVICE}.
     *
     * @param name   the service
     * @param config its file
     */
    void createService(String name, ServiceConfig config);

    /** @param name the service; {@link Operation#DELETE_SERVICE} */
    void deleteService(String name);

    /**
     * {@link Operation#LOAD_SERVICE}.
     *
     * @param name the service
     * @return its file
     */
    ServiceConfig loadService(String name);

    /**
     * {@link Operation#STATS}.
     *
     * @param name a running service
     * @return its resource use
     */
    ServiceStats stats(String name);

    /**
     * {@link Operation#START_HTTP_SERVER}.
     *
     * @param address where zinit's HTTP proxy should listen, e.g. {@code 127.0.0.1:8080}
     * @return the server's confirmation text
     */
    String startHttpServer(String address);

    /** {@link Operation#STOP_HTTP_SERVER}. */
    void stopHttpServer();

    /** {@return what {@link Operation#DISCOVER} answers: the OpenRPC document as JSON text} */
    String discover();

    /** Releases connections; idempotent. */
    @Override
    void close();
}
