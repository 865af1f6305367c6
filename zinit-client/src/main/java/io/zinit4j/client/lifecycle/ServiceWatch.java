package io.zinit4j.client.lifecycle;

/** PLACEHOLDER: a closeable stream of state transitions; replaced by the lifecycle work. */
public interface ServiceWatch extends AutoCloseable {
    @Override
    void close();
}
