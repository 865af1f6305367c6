package io.zinit4j.cli;

import io.zinit4j.client.SocketTransport;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.lifecycle.LifecycleClock;
import java.util.Objects;

/**
 * Makes the {@link ZinitClient} a command talks to from the parsed global options. {@link #standard()} builds a real
 * client; tests pass one that returns a test double or a client of a fake server.
 */
@FunctionalInterface
public interface ClientFactory {

    /**
     * {@return a new client; the caller closes it}
     *
     * @param options the global options as parsed
     */
    ZinitClient create(GlobalOptions options);

    /**
     * {@return the time source the clients of this factory wait with, so that a command measuring its own deadline
     * agrees with them (the system clock unless made by {@link #standard(LifecycleClock)})}
     */
    default LifecycleClock clock() {
        return LifecycleClock.system();
    }

    /**
     * {@return the factory {@code zinitctl} uses: {@link ZinitClient#builder()} configured from the options, on the
     * JDK's own socket channel ({@link SocketTransport#JDK})}
     */
    static ClientFactory standard() {
        return standard(LifecycleClock.system());
    }

    /**
     * The standard factory with another time source for waits ({@code wait}, {@code start --wait}, ...): tests pass a
     * scripted clock so that no wait sleeps for real.
     *
     * @param clock the time source of the clients' waits and watches
     * @return a factory like {@link #standard()}
     */
    static ClientFactory standard(LifecycleClock clock) {
        Objects.requireNonNull(clock, "clock");
        return new ClientFactory() {
            @Override
            public ZinitClient create(GlobalOptions options) {
                // zinitctl is a short-lived process on platform threads: the JDK's channel spares it junixsocket's JNI
                // library and native set-up (tens of ms of a cold start), detection included; only logs (followed ones,
                // and snapshots on the line protocol), which read with timeouts that leave the connection open, still
                // open junixsocket
                var builder = ZinitClient.builder().protocol(options.protocol()).clock(clock)
                        .socketTransport(SocketTransport.JDK);
                if (options.socket() != null) {
                    builder.socket(options.socket());
                }
                if (options.url() != null) {
                    builder.url(options.url());
                }
                if (options.configDir() != null) {
                    builder.configDir(options.configDir());
                }
                if (options.timeout() != null) {
                    builder.timeout(options.timeout());
                }
                return builder.build();
            }

            @Override
            public LifecycleClock clock() {
                return clock;
            }
        };
    }
}
