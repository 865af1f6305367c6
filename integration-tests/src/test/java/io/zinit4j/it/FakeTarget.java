package io.zinit4j.it;

import io.zinit4j.client.ZinitClient;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ShellWords;
import io.zinit4j.model.Signal;
import io.zinit4j.testkit.Behavior;
import io.zinit4j.testkit.FakeZinitServer;
import io.zinit4j.testkit.Generation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link FakeZinitServer} as a scenario target, in either protocol generation; always available.
 *
 * <p>The fake runs no commands, so {@link #writeService} also scripts the simulated process after what the service's
 * {@code exec} and {@code test} lines would do on a real zinit. Only the few command shapes the scenarios use are read
 * (see {@link #behaviorOf}); anything else runs until stopped, or succeeds at once for a oneshot. The fake's delays are
 * short but not zero, so the scenarios still see every intermediate state a real zinit shows.
 */
final class FakeTarget implements ZinitTarget {
    private static final Pattern EXIT = Pattern.compile("exit (\\d+)");
    private static final Pattern SLEEP = Pattern.compile("sleep (\\d+(?:\\.\\d+)?)");
    private static final Pattern ECHO = Pattern.compile("echo (\\S+)( >&2| 1>&2)?");
    private static final Pattern TICKER = Pattern.compile("echo (\\S+?)\\$i");
    /** How long a simulated {@code sleep} of the scenarios takes at most: keeps the suite fast. */
    private static final Duration MAX_SLEEP = Duration.ofMillis(300);
    private static final Duration RESTART_PAUSE = Duration.ofMillis(500);

    private final FakeZinitServer server;

    private FakeTarget(FakeZinitServer server) {
        this.server = server;
    }

    /**
     * @param generation the protocol the fake speaks
     * @return the started fake
     */
    static FakeTarget open(Generation generation) {
        return new FakeTarget(builder(generation).build().start());
    }

    /**
     * zinit's delays, shortened where they only make the suite slow: restarts and test retries after a few hundred
     * milliseconds instead of 2 s, a JSON-RPC stop's wait before its SIGKILL and the stats sampling 50 ms instead of
     * 500. Every intermediate state stays observable.
     *
     * @param generation the protocol the fake speaks
     * @return the builder of the suite's fakes
     */
    static FakeZinitServer.Builder builder(Generation generation) {
        return FakeZinitServer.builder().generation(generation).restartDelay(RESTART_PAUSE)
                .testRetryDelay(Duration.ofMillis(300)).stopAnswerDelay(Duration.ofMillis(50))
                .statsDelay(Duration.ofMillis(50));
    }

    @Override
    public Duration restartPause() {
        return RESTART_PAUSE;
    }

    @Override
    public boolean disposable() {
        return true;
    }

    @Override
    public ZinitTarget another() {
        return open(server.generation());
    }

    /** @return the fake, for assertions on what it received */
    FakeZinitServer server() {
        return server;
    }

    @Override
    public String name() {
        return "fake zinit (" + server.generation() + ")";
    }

    @Override
    public Path socket() {
        return server.socket();
    }

    @Override
    public Path configDir() {
        return server.configDir();
    }

    @Override
    public void writeService(ZinitClient client, String name, ServiceConfig config) {
        server.script(name, behaviorOf(config));
        ZinitTarget.super.writeService(client, name, config);
    }

    /**
     * What a real zinit would see the service's process do, for the command shapes of {@link ZinitScenarios}: a
     * binary that does not exist fails to start; a test command {@code false} never passes (Spawned for good, the test
     * run again and again); in
     * {@code sh -c '...'} scripts, {@code trap "" TERM} ignores SIGTERM, {@code echo x} and {@code echo x >&2} print,
     * a loop echoing {@code prefix$i} ticks, {@code sleep s} runs that long and {@code exit n} ends with that code.
     *
     * @param config the service file
     * @return the simulated process
     */
    static Behavior behaviorOf(ServiceConfig config) {
        List<String> words = ShellWords.split(config.exec()).orElse(List.of());
        Behavior b = Behavior.longRunning();
        if (!words.isEmpty() && words.get(0).startsWith("/nonexistent")) {
            return Behavior.unstartable();
        }
        if (words.size() == 3 && words.get(0).equals("sh") && words.get(1).equals("-c")) {
            b = script(words.get(2), config.oneshot());
        } else if (config.oneshot()) {
            b = Behavior.exitsAfter(Duration.ofMillis(20), words.equals(List.of("false")) ? 1 : 0);
        }
        Optional<String> test = config.test();
        if (test.isPresent() && test.get().strip().equals("false")) {
            b = b.withFailingTests(Integer.MAX_VALUE);
        }
        return b;
    }

    private static Behavior script(String script, boolean oneshot) {
        Duration runs = Duration.ZERO;
        Integer exit = null;
        boolean ignoresTerm = false;
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();
        Matcher ticker = TICKER.matcher(script);
        if (script.startsWith("i=0; while true;") && ticker.find()) {
            return Behavior.longRunning().ticking(Duration.ofMillis(20), ticker.group(1));
        }
        for (String statement : script.split(";")) {
            String st = statement.strip();
            Matcher m;
            if (exit != null) {
                break; // nothing after an exit runs
            } else if (st.equals("trap \"\" TERM")) {
                ignoresTerm = true;
            } else if ((m = EXIT.matcher(st)).matches()) {
                exit = Integer.parseInt(m.group(1));
            } else if ((m = SLEEP.matcher(st)).matches()) {
                Duration d = Duration.ofMillis((long) (Double.parseDouble(m.group(1)) * 1000));
                runs = runs.plus(d.compareTo(MAX_SLEEP) > 0 ? MAX_SLEEP : d);
            } else if ((m = ECHO.matcher(st)).matches()) {
                (m.group(2) == null ? out : err).add(m.group(1));
            }
        }
        Behavior b;
        if (exit == null && !oneshot) {
            b = Behavior.longRunning();
        } else {
            // a script ends after its sleeps; give it a moment so that Running is observable
            b = Behavior.exitsAfter(runs.plus(Duration.ofMillis(20)), exit == null ? 0 : exit);
        }
        if (ignoresTerm) {
            b = b.ignoring(Signal.SIGTERM);
        }
        return b.printing(out.toArray(String[]::new)).printingToStderr(err.toArray(String[]::new));
    }

    @Override
    public void close() {
        server.close();
    }
}
