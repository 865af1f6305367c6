package io.zinit4j.client.internal.transport;

import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitTimeoutException;
import io.zinit4j.client.SocketTransport;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens connections to a zinit socket: {@link #connect()} on junixsocket for connections that stay open (their reads
 * time out without ending them), {@link #connectForCommand()} for one command each, on the JDK's channels or
 * junixsocket as the settings say. Thread-safe: each call opens its own connection.
 */
public final class UnixSocketConnector {
    private final SocketSettings settings;
    private final ConnectionEvents events;

    /** @param settings where and how to connect */
    public UnixSocketConnector(SocketSettings settings) {
        this(settings, ConnectionEvents.NONE);
    }

    /**
     * @param settings where and how to connect
     * @param events   told of every connection opened, and handed to each for its later events
     */
    public UnixSocketConnector(SocketSettings settings, ConnectionEvents events) {
        this.settings = settings;
        this.events = java.util.Objects.requireNonNull(events, "events");
    }

    /** {@return who hears of this connector's connections} */
    public ConnectionEvents events() {
        return events;
    }

    /** @return the settings */
    public SocketSettings settings() {
        return settings;
    }

    /**
     * Connects, with the connect timeout, and sets the read timeout on the new connection.
     *
     * @return an open connection; the caller closes it
     * @throws ZinitConnectionException when the socket is missing, refuses, or may not be opened
     * @throws ZinitTimeoutException    when the connect takes longer than the connect timeout
     */
    public SocketConnection connect() {
        // junixsocket's types stay in SocketConnection: verifying this class would otherwise load them (the address
        // passed to its connect), in a process that then never opens a junixsocket connection
        SocketConnection open = SocketConnection.open(settings, events);
        events.opened(settings.socket().toString());
        return open;
    }

    /**
     * Connects for one command and its answer (the line protocol): on the JDK's channel unless the settings ask for
     * junixsocket.
     *
     * @return an open connection; the caller closes it
     * @throws ZinitConnectionException when the socket is missing, refuses, or may not be opened
     * @throws ZinitTimeoutException    when the connect takes longer than the connect timeout
     */
    public CommandConnection connectForCommand() {
        return settings.transport() == SocketTransport.JUNIXSOCKET ? connect() : connectOnJdk();
    }

    /**
     * Connects on the JDK's channel, with the connect timeout; its reads time out by the deadlines of the calls.
     *
     * @return an open connection; the caller closes it
     * @throws ZinitConnectionException when the socket is missing, refuses, or may not be opened
     * @throws ZinitTimeoutException    when the connect takes longer than the connect timeout
     */
    public JdkSocketConnection connectOnJdk() {
        JdkSocketConnection open = JdkSocketConnection.open(settings, events);
        events.opened(settings.socket().toString());
        return open;
    }

    /**
     * {@return whether a connection that stays open (JSON-RPC), opened now on this thread, goes on the JDK's channel:
     * always with {@link SocketTransport#JDK}, with {@link SocketTransport#AUTO} when this thread is virtual}
     */
    public boolean streamsOnJdk() {
        return switch (settings.transport()) {
            case JDK -> true;
            case JUNIXSOCKET -> false;
            case AUTO -> isVirtual(Thread.currentThread());
        };
    }

    /** {@code Thread.isVirtual()}, found at run time: this code is compiled for Java 17, which has no virtual threads. */
    private static final MethodHandle IS_VIRTUAL = findIsVirtual();

    private static MethodHandle findIsVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /**
     * @param t a thread
     * @return whether it is a virtual thread (never on JDK 17 to 20)
     */
    public static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * Turns a failed connect into an error that names the socket and says what to check.
     *
     * @param path the socket path
     * @param e    the failure
     * @return the error to throw
     */
    public static ZinitConnectionException connectionFailure(Path path, IOException e) {
        ZinitConnectionException.Reason reason;
        String hint;
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            reason = ZinitConnectionException.Reason.NO_SOCKET;
            hint = "no socket at " + path + ": is zinit running, and is this its socket (zinit -s)? "
                    + "Pass the path to ZinitClient.builder().socket(..) or set ZINIT_SOCKET";
        } else if (!Files.isWritable(path)) {
            reason = ZinitConnectionException.Reason.PERMISSION_DENIED;
            hint = "permission denied on " + path + ": run as a user that may write to the socket (often root)";
        } else {
            reason = ZinitConnectionException.Reason.NOT_LISTENING;
            hint = "zinit is not listening on " + path + " (" + e.getMessage() + ")";
        }
        return new ZinitConnectionException(path, reason, "cannot connect to zinit: " + hint, e);
    }
}
