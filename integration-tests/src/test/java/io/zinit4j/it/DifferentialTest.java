package io.zinit4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.zinit4j.client.Protocol;
import io.zinit4j.client.ZinitClient;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.ServiceTarget;
import io.zinit4j.model.Signal;
import io.zinit4j.model.StateKind;
import io.zinit4j.testkit.Generation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake against the real thing: when {@code ZINIT_BIN} names a zinit, the same scripted sequences run on it and on
 * the fake of its generation, and the normalised states seen at each checkpoint must be the same. A checkpoint waits
 * until a condition holds (on each server at its own pace) and notes the status then; pids are renamed {@code p1},
 * {@code p2}, ... per service in order of appearance, so only the shape of what happened is compared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialTest {
    private static final Logger LOG = LoggerFactory.getLogger(DifferentialTest.class);
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(46656, 1679616), 36);

    private LocalBinaryTarget real;
    private FakeTarget fake;
    private int seq;

    @BeforeAll
    void open() {
        real = LocalBinaryTarget.open();
        try (ZinitClient c = real.newClient()) {
            fake = FakeTarget.open(c.protocol() == Protocol.LEGACY ? Generation.LEGACY : Generation.JSON_RPC);
        }
    }

    @AfterAll
    void close() {
        if (fake != null) {
            fake.close();
        }
        if (real != null) {
            real.close();
        }
    }

    /** The scripted sequences, each one a small story zinit tells through its states. */
    enum Script {
        CRASH_AND_RESTART {
            @Override
            void run(Run r) {
                r.write("svc", ServiceConfig.builder().exec("sh -c 'sleep 0.3; exit 1'").build());
                r.monitor("svc");
                r.until("svc", s -> s.state().is(StateKind.RUNNING));
                r.until("svc", s -> s.state().is(StateKind.ERROR));
                r.until("svc", s -> s.state().is(StateKind.RUNNING) && s.pid() != r.firstPid("svc"));
                r.client.stop(r.name("svc"));
                r.until("svc", s -> s.pid() == 0 && s.target() == ServiceTarget.DOWN);
            }
        },
        ONESHOT_STARTED_AGAIN {
            @Override
            void run(Run r) {
                r.write("job", ServiceConfig.builder().exec("sh -c 'sleep 0.2; exit 3'").oneshot(true).build());
                r.monitor("job");
                r.until("job", s -> s.state().is(StateKind.ERROR));
                r.client.start(r.name("job"));
                r.until("job", s -> s.state().is(StateKind.RUNNING));
                r.until("job", s -> s.state().is(StateKind.ERROR));
            }
        },
        AFTER_A_ONESHOT {
            @Override
            void run(Run r) {
                r.write("dep", ServiceConfig.builder().exec("sh -c 'sleep 0.3'").oneshot(true).build());
                r.write("app", ServiceConfig.builder().exec("sleep 100000").after(r.name("dep")).build());
                r.monitor("app");
                r.until("app", s -> s.state().is(StateKind.BLOCKED));
                r.monitor("dep");
                r.until("dep", s -> s.state().is(StateKind.SUCCESS));
                r.until("app", s -> s.state().is(StateKind.RUNNING));
                r.client.stop(r.name("app"));
                r.until("app", s -> s.pid() == 0);
            }
        },
        STOP_IGNORED_THEN_KILL {
            @Override
            void run(Run r) {
                r.write("stubborn", ServiceConfig.builder().exec(ZinitScenarios.STUBBORN).build());
                r.monitor("stubborn");
                r.until("stubborn", s -> s.state().is(StateKind.RUNNING));
                ZinitScenarios.awaitTrap(r.client, r.name("stubborn"));
                r.client.stop(r.name("stubborn"));
                r.until("stubborn", s -> s.target() == ServiceTarget.DOWN);
                if (r.client.status(r.name("stubborn")).pid() != 0) {
                    r.client.kill(r.name("stubborn"), Signal.SIGKILL);
                }
                r.until("stubborn", s -> s.pid() == 0);
            }
        },
        START_DURING_THE_RESTART_PAUSE {
            @Override
            void run(Run r) {
                r.write("web", ServiceConfig.builder().exec("sleep 100000").build());
                r.monitor("web");
                r.until("web", s -> s.state().is(StateKind.RUNNING));
                r.client.stop(r.name("web"));
                r.until("web", s -> s.pid() == 0);
                r.client.start(r.name("web"));
                r.until("web", s -> s.target() == ServiceTarget.UP);
                r.until("web", s -> s.state().is(StateKind.RUNNING));
            }
        },
        FAILING_TEST_NEVER_RUNS {
            @Override
            void run(Run r) {
                r.write("gated", ServiceConfig.builder().exec("sleep 100000").test("false").build());
                r.monitor("gated");
                r.until("gated", s -> s.state().is(StateKind.SPAWNED));
                r.client.stop(r.name("gated"));
                r.until("gated", s -> s.pid() == 0);
            }
        };

        abstract void run(Run r);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Script.class)
    void theFakeTellsTheSameStoryAsZinit(Script script) {
        String prefix = "diff-" + RUN + "-" + (++seq);
        List<String> zinit = play(real, prefix + "-r", script);
        List<String> ours = play(fake, prefix + "-f", script);
        assertEquals(zinit, ours, () -> script + ": zinit went " + zinit + ", the fake went " + ours);
        LOG.info("{} on {} and the fake: {}", script, real.name(), zinit);
    }

    private static List<String> play(ZinitTarget target, String prefix, Script script) {
        try (ZinitClient client = target.newClient()) {
            Run r = new Run(target, client, prefix);
            try {
                script.run(r);
            } finally {
                r.cleanUp();
            }
            return r.checkpoints;
        }
    }

    /** One play of a script on one server. */
    static final class Run {
        final ZinitTarget target;
        final ZinitClient client;
        final String prefix;
        final List<String> checkpoints = new ArrayList<>();
        private final Map<String, Map<Integer, String>> pids = new HashMap<>();
        private final Map<String, Integer> first = new HashMap<>();

        Run(ZinitTarget target, ZinitClient client, String prefix) {
            this.target = target;
            this.client = client;
            this.prefix = prefix;
        }

        String name(String role) {
            return prefix + "-" + role;
        }

        int firstPid(String role) {
            return first.getOrDefault(role, -1);
        }

        void write(String role, ServiceConfig config) {
            target.writeService(client, name(role), config);
        }

        void monitor(String role) {
            client.monitor(name(role));
        }

        /** Waits until the condition holds and notes the normalised status, as {@code role: ...}. */
        void until(String role, Predicate<ServiceStatus> condition) {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            ServiceStatus last = null;
            while (System.nanoTime() - deadline < 0) {
                last = client.status(name(role));
                if (condition.test(last)) {
                    if (last.pid() != 0) {
                        first.putIfAbsent(role, last.pid());
                    }
                    checkpoints.add(role + ": " + normalise(role, last));
                    return;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            fail(role + " on " + target.name() + " never got there after " + checkpoints + "; last " + last);
        }

        private String normalise(String role, ServiceStatus s) {
            Map<Integer, String> renames = pids.computeIfAbsent(role, k -> new HashMap<>());
            ServiceState st = s.state();
            StringBuilder b = new StringBuilder(st.kind().toString());
            st.processId().ifPresent(p -> b.append(" of ").append(rename(renames, p)));
            st.exitCode().ifPresent(c -> b.append(" code ").append(c));
            st.signal().ifPresent(sig -> b.append(" by ").append(sig));
            b.append(", pid ").append(s.pid() == 0 ? "0" : rename(renames, s.pid()));
            b.append(", ").append(s.target());
            Map<String, String> after = new TreeMap<>();
            s.after().forEach((dep, state) -> after.put(dep.substring(prefix.length() + 1), state.kind().toString()));
            if (!after.isEmpty()) {
                b.append(", after ").append(after);
            }
            return b.toString();
        }

        private static String rename(Map<Integer, String> renames, int pid) {
            return renames.computeIfAbsent(pid, k -> "p" + (renames.size() + 1));
        }

        void cleanUp() {
            List<String> names = new ArrayList<>();
            for (String role : List.of("svc", "job", "dep", "app", "stubborn", "web", "gated")) {
                names.add(name(role));
            }
            try {
                client.destroy(Duration.ofSeconds(5), names.toArray(String[]::new));
            } catch (RuntimeException e) {
                // names are unique to this run; a leftover does not change another script's story
            }
        }
    }
}
