package io.zinit4j.client.ops;

/**
 * A program that registers a stop action and waits to be stopped; run in its own JVM by {@link ZinitSupervisionTest}
 * to see what a zinit stop signal does. Prints to stdout because that is what the test reads.
 */
public final class StopHookMain {
    private StopHookMain() {
    }

    /**
     * @param args unused
     * @throws InterruptedException never in practice: the JVM is ended by a signal
     */
    public static void main(String[] args) throws InterruptedException {
        ZinitSupervision.StopHook cancelled = ZinitSupervision.onStopSignal(() -> System.out.println("cancelled ran"));
        if (!cancelled.cancel()) {
            System.out.println("cancel failed");
        }
        ZinitSupervision.onStopSignal(() -> {
            System.out.println("stopping cleanly");
            System.out.flush();
        });
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
