package io.zinit4j.client.lifecycle;

import java.time.Duration;

/** PLACEHOLDER: waits and bulk operations; replaced by the lifecycle work. */
public final class Lifecycle {
    private final ServiceControl control;

    /**
     * @param control the operations to build on
     * @param policy  how to poll
     * @param clock   the time source
     */
    public Lifecycle(ServiceControl control, PollPolicy policy, LifecycleClock clock) {
        this.control = control;
    }

    /** @param timeout t @param name n */
    public void startWait(Duration timeout, String name) {
        throw new UnsupportedOperationException("placeholder");
    }

    /** @param timeout t @param name n */
    public void stopWait(Duration timeout, String name) {
        throw new UnsupportedOperationException("placeholder");
    }

    /** @param timeout t @param names n */
    public void startMultiple(Duration timeout, String... names) {
        throw new UnsupportedOperationException("placeholder");
    }

    /** @param timeout t @param names n */
    public void stopMultiple(Duration timeout, String... names) {
        throw new UnsupportedOperationException("placeholder");
    }

    /** @param timeout t @param names n */
    public void destroy(Duration timeout, String... names) {
        throw new UnsupportedOperationException("placeholder");
    }

    /** @param timeout t @param name n */
    public void restart(Duration timeout, String name) {
        throw new UnsupportedOperationException("placeholder");
    }

    /** @param name n */
    public void pause(String name) {
        throw new UnsupportedOperationException("placeholder");
    }

    /** @param name n */
    public void resume(String name) {
        throw new UnsupportedOperationException("placeholder");
    }

    /** @param names n @return w */
    public ServiceWatch watch(String... names) {
        throw new UnsupportedOperationException("placeholder");
    }

    /** Stops the lifecycle's own threads. */
    public void close() {
    }
}
