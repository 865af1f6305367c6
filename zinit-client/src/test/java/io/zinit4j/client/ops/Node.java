package io.zinit4j.client.ops;

import io.zinit4j.client.ZinitClient;
import io.zinit4j.client.lifecycle.PollPolicy;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Generation;
import java.time.Duration;

/** A fake zinit of one generation and a client on it, closed together. */
final class Node implements AutoCloseable {
    /** Generous: only reached when something is broken; nothing asserts how long an operation took. */
    static final Duration WAIT = Duration.ofSeconds(10);

    final FakeZinitServer fake;
    final ZinitClient client;

    private Node(FakeZinitServer fake, ZinitClient client) {
        this.fake = fake;
        this.client = client;
    }

    static Node start(Generation generation) {
        FakeZinitServer fake = FakeZinitServer.builder().generation(generation).restartDelay(Duration.ofMillis(30))
                .stopAnswerDelay(Duration.ZERO).statsDelay(Duration.ZERO)
                .build().start();
        // a failure already there ends a start wait after 200 ms (the fake restarts crashed services quickly)
        PollPolicy policy = PollPolicy.defaults().toBuilder().failureGrace(Duration.ofMillis(200)).build();
        ZinitClient client = ZinitClient.builder().socket(fake.socket()).configDir(fake.configDir())
                .readTimeout(Duration.ofSeconds(5)).pollPolicy(policy).build();
        return new Node(fake, client);
    }

    static ServiceConfig sleeper() {
        return ServiceConfig.builder().exec("sleep 1000").build();
    }

    static ServiceConfig sleeper(String... after) {
        return ServiceConfig.builder().exec("sleep 1000").after(after).build();
    }

    /** Adds, monitors and waits for a service, through the client only. */
    void running(String name, ServiceConfig config) {
        client.addService(name, config);
        client.monitor(name);
        client.startWait(WAIT, name);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            fake.close();
        }
    }
}
