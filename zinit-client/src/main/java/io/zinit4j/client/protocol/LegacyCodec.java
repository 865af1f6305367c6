package io.zinit4j.client.protocol;

import io.zinit4j.client.LogStream;
import io.zinit4j.client.Protocol;
import io.zinit4j.client.ServiceStats;
import io.zinit4j.client.transport.UnixSocketConnector;
import io.zinit4j.model.ServiceConfig;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import io.zinit4j.model.Signal;

/** PLACEHOLDER: replaced by the real codec. */
public final class LegacyCodec implements ZinitCodec {
    private final UnixSocketConnector connector;

    /** @param connector how to reach the server */
    public LegacyCodec(UnixSocketConnector connector) {
        this.connector = connector;
    }

    @Override
    public Protocol generation() {
        return Protocol.LEGACY;
    }

    @Override
    public java.util.Map<String, ServiceState> list() {
        throw new UnsupportedOperationException("LegacyCodec.list: placeholder");
    }

    @Override
    public ServiceStatus status(String name) {
        throw new UnsupportedOperationException("LegacyCodec.status: placeholder");
    }

    @Override
    public void start(String name) {
        throw new UnsupportedOperationException("LegacyCodec.start: placeholder");
    }

    @Override
    public void stop(String name) {
        throw new UnsupportedOperationException("LegacyCodec.stop: placeholder");
    }

    @Override
    public void monitor(String name) {
        throw new UnsupportedOperationException("LegacyCodec.monitor: placeholder");
    }

    @Override
    public void forget(String name) {
        throw new UnsupportedOperationException("LegacyCodec.forget: placeholder");
    }

    @Override
    public void kill(String name, Signal signal) {
        throw new UnsupportedOperationException("LegacyCodec.kill: placeholder");
    }

    @Override
    public void shutdown() {
        throw new UnsupportedOperationException("LegacyCodec.shutdown: placeholder");
    }

    @Override
    public void reboot() {
        throw new UnsupportedOperationException("LegacyCodec.reboot: placeholder");
    }

    @Override
    public LogStream logs(String service, boolean follow) {
        throw new UnsupportedOperationException("LegacyCodec.logs: placeholder");
    }

    @Override
    public void createService(String name, ServiceConfig config) {
        throw new UnsupportedOperationException("LegacyCodec.createService: placeholder");
    }

    @Override
    public void deleteService(String name) {
        throw new UnsupportedOperationException("LegacyCodec.deleteService: placeholder");
    }

    @Override
    public ServiceConfig getService(String name) {
        throw new UnsupportedOperationException("LegacyCodec.getService: placeholder");
    }

    @Override
    public ServiceStats stats(String name) {
        throw new UnsupportedOperationException("LegacyCodec.stats: placeholder");
    }

    @Override
    public String startHttpServer(String address) {
        throw new UnsupportedOperationException("LegacyCodec.startHttpServer: placeholder");
    }

    @Override
    public void stopHttpServer() {
        throw new UnsupportedOperationException("LegacyCodec.stopHttpServer: placeholder");
    }

    @Override
    public String discover() {
        throw new UnsupportedOperationException("LegacyCodec.discover: placeholder");
    }

    @Override
    public void close() {
    }
}
