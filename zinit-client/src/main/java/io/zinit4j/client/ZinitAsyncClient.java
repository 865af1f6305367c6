package io.zinit4j.client;

import io.zinit4j.client.lifecycle.AsyncLifecycle;
import io.zinit4j.client.lifecycle.PollPolicy;
import io.zinit4j.client.lifecycle.ServiceControl;
import io.zinit4j.model.Filter;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceNames;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A {@link ZinitClient} whose operations return {@link CompletableFuture}s. The waits ({@link #startWait}, {@link
 * #stopWait}, {@link #startMultiple}, {@link #stopMultiple}, {@link #destroy}, {@link #restart}) block no thread: one
 * {@link ScheduledExecutorService}, which may be shared by many async clients, polls for all of them, looking at many
 * services of one server with a single {@code list} call (see {@link AsyncLifecycle}). Cancelling a wait's future
 * stops its polling.
 *
 * <pre>{@code
 * ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
 * try (ZinitClient zinit = ZinitClient.builder().url(URI.create("http://10.0.0.7:8080")).build();
 *      ZinitAsyncClient async = ZinitAsyncClient.builder(zinit).scheduler(scheduler).build()) {
 *     async.startWait(Duration.ofSeconds(10), "web").join();
 * }
 * }</pre>
 *
 * <p>The requests themselves are those of the blocking client, run on the scheduler's threads: each takes a thread
 * for one round trip (at most the read timeout), never for a whole wait. Futures complete exceptionally with the
 * {@link io.zinit4j.error.ZinitException}s the blocking client throws (a bad service name included).
 *
 * <p>Thread-safe. {@link #close()} fails the waits in progress and shuts down a scheduler this client made itself; it
 * does not close the blocking client, nor a scheduler passed in.
 */
public final class ZinitAsyncClient implements AutoCloseable {
    private final ZinitClient client;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final AsyncLifecycle lifecycle;

    private ZinitAsyncClient(Builder b) {
        this.client = b.client;
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = ownsScheduler ? defaultScheduler() : b.scheduler;
        ZinitClient c = client;
        ServiceControl control = new ServiceControl() {
            @Override
            public Map<String, ServiceState> list() {
                return c.list();
            }

            @Override
            public ServiceStatus status(String name) {
                return c.status(name);
            }

            @Override
            public ServiceConfig loadService(String name) {
                return c.loadService(name);
            }

            @Override
            public void start(String name) {
                c.start(name);
            }

            @Override
            public void stop(String name) {
                c.stop(name);
            }

            @Override
            public void monitor(String name) {
                c.monitor(name);
            }

            @Override
            public void forget(String name) {
                c.forget(name);
            }

            @Override
            public void kill(String name, Signal signal) {
                c.kill(name, signal);
            }

            @Override
            public boolean removeService(String name) {
                return c.removeService(name);
            }
        };
        this.lifecycle = new AsyncLifecycle(control, b.pollPolicy, scheduler);
    }

    /**
     * {@return a builder: a scheduler of its own (up to 4 daemon threads), the default poll policy}
     *
     * @param client the blocking client to build on; the async client does not close it
     */
    public static Builder builder(ZinitClient client) {
        return new Builder(client);
    }

    private static ScheduledExecutorService defaultScheduler() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newScheduledThreadPool(Math.min(4, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "zinit4j-async-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** {@return the blocking client the operations run on} */
    public ZinitClient blocking() {
        return client;
    }

    /** {@return how many services the waits in progress still poll} */
    public int waitsInProgress() {
        return lifecycle.inProgress();
    }

    private <T> CompletableFuture<T> run(Supplier<T> op) {
        try {
            return CompletableFuture.supplyAsync(op, scheduler);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new io.zinit4j.error.ZinitException(
                    "the scheduler of the async client refused work", e));
        }
    }

    private CompletableFuture<Void> runVoid(Runnable op) {
        return run(() -> {
            op.run();
            return null;
        });
    }

    /** Checks names before anything is sent, as the blocking client does, failing the future instead of throwing. */
    private static <T> CompletableFuture<T> checked(Supplier<CompletableFuture<T>> op, String... names) {
        try {
            for (String n : names) {
                ServiceNames.validate(n);
            }
            return op.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** {@return as {@link ZinitClient#protocol()}} */
    public CompletableFuture<Protocol> protocol() {
        return run(client::protocol);
    }

    /** {@return as {@link ZinitClient#list()}} */
    public CompletableFuture<Map<String, ServiceState>> list() {
        return run(client::list);
    }

    /**
     * {@return a future of what {@link ZinitClient#status} returns}
     *
     * @param name a service
     */
    public CompletableFuture<ServiceStatus> status(String name) {
        return run(() -> client.status(name));
    }

    /**
     * {@return a future of what {@link ZinitClient#exists} returns}
     *
     * @param name a service
     */
    public CompletableFuture<Boolean> exists(String name) {
        return run(() -> client.exists(name));
    }

    /**
     * {@return a future of what {@link ZinitClient#get} returns}
     *
     * @param name a service
     */
    public CompletableFuture<ServiceConfig> get(String name) {
        return run(() -> client.get(name));
    }

    /**
     * {@return a future that completes once zinit accepted the start, as {@link ZinitClient#start}}
     *
     * @param name a monitored service
     */
    public CompletableFuture<Void> start(String name) {
        return runVoid(() -> client.start(name));
    }

    /**
     * {@return a future that completes once zinit accepted the stop, as {@link ZinitClient#stop}}
     *
     * @param name a monitored service
     */
    public CompletableFuture<Void> stop(String name) {
        return runVoid(() -> client.stop(name));
    }

    /**
     * {@return a future of what {@link ZinitClient#monitor} returns}
     *
     * @param name a service with a file
     */
    public CompletableFuture<Void> monitor(String name) {
        return runVoid(() -> client.monitor(name));
    }

    /**
     * {@return a future of what {@link ZinitClient#forget} returns}
     *
     * @param name a stopped service
     */
    public CompletableFuture<Void> forget(String name) {
        return runVoid(() -> client.forget(name));
    }

    /**
     * {@return a future of what {@link ZinitClient#kill} returns}
     *
     * @param name   a service
     * @param signal the signal
     */
    public CompletableFuture<Void> kill(String name, Signal signal) {
        return runVoid(() -> client.kill(name, signal));
    }

    /** {@return as {@link ZinitClient#shutdown()}} */
    public CompletableFuture<Void> shutdown() {
        return runVoid(client::shutdown);
    }

    /** {@return as {@link ZinitClient#reboot()}} */
    public CompletableFuture<Void> reboot() {
        return runVoid(client::reboot);
    }

    /**
     * {@return a future of what {@link ZinitClient#logs} returns; reading the stream is up to the caller}
     *
     * @param service a service, or {@code null} for all
     */
    public CompletableFuture<LogStream> logs(String service) {
        return run(() -> client.logs(service));
    }

    /**
     * {@return a future of what {@link ZinitClient#followLogs} returns, once subscribed; {@link LogStream#next()}
     * blocks its reader}
     *
     * @param service a service, or {@code null} for all
     */
    public CompletableFuture<LogStream> followLogs(String service) {
        return run(() -> client.followLogs(service));
    }

    /**
     * {@return a future of what {@link ZinitClient#addService} returns}
     *
     * @param name   the service
     * @param config its file
     */
    public CompletableFuture<Boolean> addService(String name, ServiceConfig config) {
        return run(() -> client.addService(name, config));
    }

    /**
     * {@return a future of what {@link ZinitClient#removeService} returns}
     *
     * @param name the service
     */
    public CompletableFuture<Boolean> removeService(String name) {
        return run(() -> client.removeService(name));
    }

    /**
     * {@return a future of what {@link ZinitClient#loadService} returns}
     *
     * @param name the service
     */
    public CompletableFuture<ServiceConfig> loadService(String name) {
        return run(() -> client.loadService(name));
    }

    /**
     * {@return a future of what {@link ZinitClient#matches} returns}
     *
     * @param filters filters that must all match
     */
    public CompletableFuture<List<String>> matches(Filter... filters) {
        Filter[] copy = filters.clone();
        return run(() -> client.matches(copy));
    }

    /**
     * {@return a future of what {@link ZinitClient#stats} returns}
     *
     * @param name a running service
     */
    public CompletableFuture<ServiceStats> stats(String name) {
        return run(() -> client.stats(name));
    }

    /**
     * {@return a future of what {@link ZinitClient#startHttpServer} returns}
     *
     * @param address where zinit's HTTP server should listen
     */
    public CompletableFuture<String> startHttpServer(String address) {
        return run(() -> client.startHttpServer(address));
    }

    /** {@return as {@link ZinitClient#stopHttpServer()}} */
    public CompletableFuture<Void> stopHttpServer() {
        return runVoid(client::stopHttpServer);
    }

    /** {@return as {@link ZinitClient#discover()}} */
    public CompletableFuture<String> discover() {
        return run(client::discover);
    }

    /** {@return as {@link ZinitClient#version()}} */
    public CompletableFuture<ServerVersion> version() {
        return run(client::version);
    }

    /**
     * {@return a future of what {@link ZinitClient#pause} returns}
     *
     * @param name a service
     */
    public CompletableFuture<Void> pause(String name) {
        return runVoid(() -> client.pause(name));
    }

    /**
     * {@return a future of what {@link ZinitClient#resume} returns}
     *
     * @param name a service
     */
    public CompletableFuture<Void> resume(String name) {
        return runVoid(() -> client.resume(name));
    }

    /**
     * {@return a future that completes once it runs, as {@link ZinitClient#startWait} returns}
     *
     * @param timeout how long to wait; zero sends start and completes
     * @param name    the service
     */
    public CompletableFuture<Void> startWait(Duration timeout, String name) {
        return checked(() -> lifecycle.startWait(timeout, name), name);
    }

    /**
     * {@return a future that completes once it exited, as {@link ZinitClient#stopWait} returns}
     *
     * @param timeout how long to wait before SIGKILL
     * @param name    the service
     */
    public CompletableFuture<Void> stopWait(Duration timeout, String name) {
        return checked(() -> lifecycle.stopWait(timeout, name), name);
    }

    /**
     * {@return a future that completes once all run, as {@link ZinitClient#startMultiple} returns}
     *
     * @param timeout how long to wait for all
     * @param names   the services
     */
    public CompletableFuture<Void> startMultiple(Duration timeout, String... names) {
        String[] copy = names.clone();
        return checked(() -> lifecycle.startMultiple(timeout, copy), copy);
    }

    /**
     * {@return a future that completes once all exited, as {@link ZinitClient#stopMultiple} returns}
     *
     * @param timeout how long to wait for all before SIGKILL
     * @param names   the services
     */
    public CompletableFuture<Void> stopMultiple(Duration timeout, String... names) {
        String[] copy = names.clone();
        return checked(() -> lifecycle.stopMultiple(timeout, copy), copy);
    }

    /**
     * {@return a future that completes once all are gone, as {@link ZinitClient#destroy} returns}
     *
     * @param timeout how long to wait for them to stop before SIGKILL
     * @param names   the services
     */
    public CompletableFuture<Void> destroy(Duration timeout, String... names) {
        String[] copy = names.clone();
        return checked(() -> lifecycle.destroy(timeout, copy), copy);
    }

    /**
     * {@return a future that completes once it runs again, as {@link ZinitClient#restart} returns}
     *
     * @param timeout how long each half may take
     * @param name    the service
     */
    public CompletableFuture<Void> restart(Duration timeout, String name) {
        return checked(() -> lifecycle.restart(timeout, name), name);
    }

    /** Fails the waits in progress; shuts down the scheduler if this client made it. Idempotent. */
    @Override
    public void close() {
        lifecycle.close();
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "ZinitAsyncClient[" + client + "]";
    }

    /** Configures a {@link ZinitAsyncClient}; not thread-safe. */
    public static final class Builder {
        private final ZinitClient client;
        private ScheduledExecutorService scheduler;
        private PollPolicy pollPolicy = PollPolicy.defaults();

        private Builder(ZinitClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /**
         * Sets the executor that runs the requests and times the waits, instead of the client's own.
         *
         * @param scheduler runs the requests and drives the waits; may be shared by many async clients, and is not
         *                  shut down by them
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Sets how often and how fast the async waits poll the status.
         *
         * @param pollPolicy how waits poll (default {@link PollPolicy#defaults()})
         * @return this builder
         */
        public Builder pollPolicy(PollPolicy pollPolicy) {
            this.pollPolicy = Objects.requireNonNull(pollPolicy, "pollPolicy");
            return this;
        }

        /** {@return the async client} */
        public ZinitAsyncClient build() {
            return new ZinitAsyncClient(this);
        }
    }
}
