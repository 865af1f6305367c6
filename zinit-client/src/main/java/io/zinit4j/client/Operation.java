package io.zinit4j.client;

/**
 * The requests a client makes to zinit: the one list of them, with one name each, shared by the protocol codecs (which
 * carry each one in their generation's wire format) and by the {@link ZinitEventListener} events (which say which one
 * a call was). Operations of {@link ZinitClient} that are built from several requests ({@code get}, {@code exists},
 * {@code addService}, {@code matches}, the waits) show up as the requests they make.
 *
 * <p>Each constant knows its JSON-RPC method (zinit 0.2.15 and later) and its command of the legacy line protocol
 * (zinit up to 0.2.14), or {@code null} where that generation has none.
 */
public enum Operation {
    /** Every monitored service and its state. */
    LIST("list", "service_list", "list"),
    /** One service's status. */
    STATUS("status", "service_status", "status"),
    /** Sets a service's target up. */
    START("start", "service_start", "start"),
    /** Sets a service's target down and sends its stop signal. */
    STOP("stop", "service_stop", "stop"),
    /** Loads a service file and starts the service. */
    MONITOR("monitor", "service_monitor", "monitor"),
    /** Forgets a stopped service. */
    FORGET("forget", "service_forget", "forget"),
    /** Sends a signal to a service's process. */
    KILL("kill", "service_kill", "kill"),
    /** Stops every service and ends zinit. */
    SHUTDOWN("shutdown", "system_shutdown", "shutdown"),
    /** Stops every service and reboots. */
    REBOOT("reboot", "system_reboot", "reboot"),
    /** The log lines zinit holds now. */
    LOGS("logs", "stream_currentLogs", "log snapshot"),
    /** Opens a followed log: the lines zinit holds, then new ones as they come. */
    FOLLOW_LOGS("followLogs", "stream_subscribeLogs", "log"),
    /** Writes a service file through the server. */
    CREATE_SERVICE("createService", "service_create", null),
    /** Deletes a service file through the server. */
    DELETE_SERVICE("deleteService", "service_delete", null),
    /** Reads a service file through the server. */
    LOAD_SERVICE("loadService", "service_get", null),
    /** A running service's memory and CPU use. */
    STATS("stats", "service_stats", null),
    /** Starts zinit's HTTP proxy. */
    START_HTTP_SERVER("startHttpServer", "system_start_http_server", null),
    /** Stops zinit's HTTP proxy. */
    STOP_HTTP_SERVER("stopHttpServer", "system_stop_http_server", null),
    /** The server's OpenRPC document. */
    DISCOVER("discover", "rpc.discover", null);

    private final String displayName;
    private final String rpcMethod;
    private final String legacyCommand;

    Operation(String displayName, String rpcMethod, String legacyCommand) {
        this.displayName = displayName;
        this.rpcMethod = rpcMethod;
        this.legacyCommand = legacyCommand;
    }

    /** {@return the operation's name in Java style, e.g. {@code "followLogs"}: stable, for metric names and logs} */
    public String displayName() {
        return displayName;
    }

    /** {@return the JSON-RPC method that carries it, e.g. {@code "service_status"}} */
    public String rpcMethod() {
        return rpcMethod;
    }

    /**
     * {@return the legacy command line that carries it, before its arguments (e.g. {@code "log snapshot"}), or {@code
     * null} when the legacy generation has no such command}
     */
    public String legacyCommand() {
        return legacyCommand;
    }

    /** {@return the {@link #displayName()}} */
    @Override
    public String toString() {
        return displayName;
    }
}
