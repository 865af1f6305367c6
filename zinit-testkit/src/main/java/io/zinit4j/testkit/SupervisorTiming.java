package io.zinit4j.testkit;

import java.time.Duration;

/**
 * How long the simulated supervisor's steps take, as set on the {@link FakeZinitServer.Builder} (which holds the
 * defaults and documents each one).
 *
 * @param spawnTime       one run of a service's test
 * @param oneshotTime     the run of an unscripted oneshot
 * @param stopTime        how long a process takes to die of a signal
 * @param restartDelay    the pause of the watch loop after a process ended
 * @param startDelay      an extra delay before {@code start} takes effect
 * @param testRetryDelay  the pause before a failed test runs again
 * @param stopAnswerDelay how long a JSON-RPC stop waits before its SIGKILL and answer
 * @param statsDelay      how long {@code service_stats} samples
 */
record SupervisorTiming(Duration spawnTime, Duration oneshotTime, Duration stopTime, Duration restartDelay,
        Duration startDelay, Duration testRetryDelay, Duration stopAnswerDelay, Duration statsDelay) {
}
