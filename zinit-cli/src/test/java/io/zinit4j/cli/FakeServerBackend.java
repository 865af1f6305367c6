package io.zinit4j.cli;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Generation;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the CLI tests against a {@link FakeZinitServer} of one generation, through the standard client factory: every
 * run gets {@code -s <fake socket> --config-dir <fake config dir> --protocol <protocol>}. The fake's own timers are
 * short (a few milliseconds) so that waits on simulated transitions end quickly.
 */
final class FakeServerBackend implements CliBackend {
    final FakeZinitServer zinit;
    private final Generation generation;
    private final ClientFactory factory;
    private final Map<String, Deque<ServiceState>> scripts = new HashMap<>();
    private final java.util.Queue<Runnable> onTick = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** The value of {@code --protocol} for every run: {@code auto} unless a test forces one. */
    String protocol = "auto";
    /** When set, every run reaches the fake through this HTTP front ({@code --url}) instead of {@code -s}. */
    io.zinit4j.testkit.FakeZinitHttpServer http;

    FakeServerBackend(Generation generation, io.zinit4j.client.lifecycle.LifecycleClock clock) {
        this.generation = generation;
        this.zinit = FakeZinitServer.builder().generation(generation).spawnTime(Duration.ofMillis(5))
                .oneshotTime(Duration.ofMillis(5)).stopTime(Duration.ofMillis(1)).restartDelay(Duration.ofMillis(20))
                .stopAnswerDelay(Duration.ZERO).statsDelay(Duration.ZERO)
                .build().start();
        this.factory = ClientFactory.standard(clock);
    }

    /** @return the {@code --protocol} value naming this fake's own generation */
    String ownProtocol() {
        return generation == Generation.LEGACY ? "legacy" : "json-rpc";
    }

    @Override
    public ClientFactory factory() {
        return factory;
    }

    @Override
    public List<String> globalArgs() {
        if (http != null) {
            return List.of("--url", http.url().toString(), "--config-dir", zinit.configDir().toString(),
                    "--protocol", protocol);
        }
        return List.of("-s", zinit.socket().toString(), "--config-dir", zinit.configDir().toString(), "--protocol",
                protocol);
    }

    @Override
    public void service(String name, ServiceConfig config, StateKind kind) {
        file(name, config);
        try (ZinitClient c = ZinitClient.builder().socket(zinit.socket()).configDir(zinit.configDir())
                .protocol(generation == Generation.LEGACY ? Protocol.LEGACY : Protocol.JSON_RPC).build()) {
            c.monitor(name);
        }
        zinit.setState(name, ServiceState.of(kind));
    }

    @Override
    public void file(String name, ServiceConfig config) {
        zinit.writeService(name, config.toYaml());
    }

    @Override
    public void log(String... rawLines) {
        for (String l : rawLines) {
            zinit.addLog(l);
        }
    }

    @Override
    public void script(String name, ServiceState... states) {
        Deque<ServiceState> queue = new ArrayDeque<>(List.of(states));
        zinit.setState(name, queue.poll());
        synchronized (scripts) {
            scripts.put(name, queue);
        }
    }

    /**
     * Runs an action on the waiting thread at its next scripted sleep, so that a test can change the server "while
     * the command waits" without racing a real-time thread against simulated time.
     */
    void atNextTick(Runnable action) {
        onTick.add(action);
    }

    @Override
    public void tick() {
        for (Runnable action; (action = onTick.poll()) != null; ) {
            action.run();
        }
        synchronized (scripts) {
            scripts.forEach((name, queue) -> {
                if (!queue.isEmpty()) {
                    zinit.setState(name, queue.poll());
                }
            });
        }
        try {
            // the fake's transitions run on its own timer in real time; a scripted sleep gives them a moment
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean received(String request) {
        switch (request.toLowerCase(Locale.ROOT)) {
            case "shutdown":
                return zinit.shutdownRequested() && !zinit.rebootRequested();
            case "reboot":
                return zinit.rebootRequested();
            default:
                throw new IllegalArgumentException(request);
        }
    }

    @Override
    public void stopServer() {
        zinit.close();
    }

    @Override
    public void close() {
        zinit.close();
    }
}
