package io.zinit4j.client.internal.transport;

/** Which socket library carries the line protocol's one-command connections. */
public enum CommandTransport {
    /**
     * The JDK's own Unix-domain {@code SocketChannel}: the fewest system calls and the least CPU per command
     * (docs/BENCHMARKS.md, "Per-call cost"), and a virtual thread blocked in it parks instead of holding its carrier.
     */
    JDK,
    /** junixsocket, as for the connections that stay open. */
    JUNIXSOCKET;

    /** What a client uses unless told otherwise: {@link #JDK}, which the per-call benchmark found better on every figure. */
    public static final CommandTransport DEFAULT = JDK;
}
