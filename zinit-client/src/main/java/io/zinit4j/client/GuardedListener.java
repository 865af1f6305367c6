package io.zinit4j.client;

import io.zinit4j.client.internal.transport.ConnectionEvents;
import io.zinit4j.error.ZinitException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's {@link ZinitEventListener} as the client calls it: an exception from the listener is logged and dropped,
 * because observing a call must never change its outcome. Also the socket layer's {@link ConnectionEvents}, turned
 * into the listener's connection events. Thread-safe when the listener is.
 */
final class GuardedListener implements ZinitEventListener, ConnectionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ZinitEventListener.class);

    private final ZinitEventListener listener;

    private GuardedListener(ZinitEventListener listener) {
        this.listener = listener;
    }

    /** {@return the listener guarded; an already guarded one as is} */
    static GuardedListener of(ZinitEventListener listener) {
        return listener instanceof GuardedListener g ? g : new GuardedListener(listener);
    }

    /** {@return whether no listener was set, so that the client can skip making events nobody hears} */
    boolean silent() {
        return listener == ZinitEventListener.NONE;
    }

    private <E> void deliver(String what, Consumer<E> method, E event) {
        try {
            method.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("the zinit event listener {} threw in {}; the call goes on", listener, what, e);
        }
    }

    @Override
    public void callStart(CallEvent call) {
        deliver("callStart", listener::callStart, call);
    }

    @Override
    public void callEnd(CallEvent call) {
        deliver("callEnd", listener::callEnd, call);
    }

    @Override
    public void callFailed(CallEvent call) {
        deliver("callFailed", listener::callFailed, call);
    }

    @Override
    public void connectionOpened(ConnectionEvent connection) {
        deliver("connectionOpened", listener::connectionOpened, connection);
    }

    @Override
    public void connectionLost(ConnectionEvent connection) {
        deliver("connectionLost", listener::connectionLost, connection);
    }

    @Override
    public void connectionReopened(ConnectionEvent connection) {
        deliver("connectionReopened", listener::connectionReopened, connection);
    }

    @Override
    public void waitPoll(WaitPollEvent poll) {
        deliver("waitPoll", listener::waitPoll, poll);
    }

    @Override
    public void opened(String address) {
        connectionOpened(new ConnectionEvent(address, null));
    }

    @Override
    public void lost(String address, ZinitException cause) {
        connectionLost(new ConnectionEvent(address, cause));
    }

    @Override
    public void reopened(String address) {
        connectionReopened(new ConnectionEvent(address, null));
    }
}
