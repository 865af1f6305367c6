package io.zinit4j.client;

/**
 * Which socket library carries a client's Unix-socket connections ({@link ZinitClientBuilder#socketTransport}).
 * zinit4j has two: junixsocket, whose reads time out and leave the connection usable, and the JDK's own Unix-domain
 * {@code SocketChannel} (JDK 16 and later), which makes fewer system calls and on which a blocked virtual thread
 * (JDK 21 and later) parks instead of holding its carrier thread, but whose reads have no timeout of their own (zinit4j
 * closes the channel at the deadline, which ends the connection).
 */
public enum SocketTransport {
    /**
     * The default: the JDK's channel for the line protocol's one-command connections (the fewest system calls and
     * the least time per call); for the JSON-RPC connection, the JDK's channel when the thread that opens it is a
     * virtual thread, junixsocket otherwise (protocol detection goes where that connection would, so that a JSON-RPC
     * server's probe connection is kept). Followed logs stay on junixsocket.
     */
    AUTO,
    /** junixsocket for every connection. */
    JUNIXSOCKET,
    /**
     * The JDK's channel for every connection except logs that need reads that time out without ending the connection
     * (followed logs, which wait in slices of a poll interval, and log snapshots on the line protocol): for a client used from virtual threads, whichever thread
     * connects first, and for a short-lived process: protocol detection goes on the JDK's channel too, so a client
     * that follows no log loads no junixsocket class (its JNI library and native set-up cost tens of milliseconds of
     * a cold start). On JSON-RPC a reader thread then reads every answer and wakes its caller, which costs a thread
     * hand-off per call on platform threads.
     */
    JDK
}
