package io.zinit4j.client.lifecycle;

/** PLACEHOLDER: the time source of waits; replaced by the lifecycle work. */
public interface LifecycleClock {
    /** @return the system clock */
    static LifecycleClock system() {
        return new LifecycleClock() {
        };
    }
}
