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
public final class JsonRpcCodec implements ZinitCodec {
    private final UnixSocketConnector connector;

    /** @param connector how to reach the server */
    public JsonRpcCodec(UnixSocketConnector connector) {
        this.connector = connector;
    }

    @Override
    public Protocol generation() {
        return Protocol.JSON_RPC;
    }

    @Override
    public java.util.Map<String, ServiceState> list() {
        throw new UnsupportedOperationException("JsonRpcCodec.list: placeholder");
    }

    @Override
    public ServiceStatus status(String name) {
        throw new UnsupportedOperationException("JsonRpcCodec.status: placeholder");
    }

    @Override
    public void start(String name) {
        throw new UnsupportedOperationException("JsonRpcCodec.start: placeholder");
    }

    @Override
    public void stop(String name) {
        throw new UnsupportedOperationException("JsonRpcCodec.stop: placeholder");
    }

    @Override
    public void monitor(String name) {
        throw new UnsupportedOperationException("JsonRpcCodec.monitor: placeholder");
    }

    @Override
    public void forget(String name) {
        throw new UnsupportedOperationException("JsonRpcCodec.forget: placeholder");
    }

    @Override
    public void kill(String name, Signal signal) {
        throw new UnsupportedOperationException("JsonRpcCodec.kill: placeholder");
    }

    @Override
    public void shutdown() {
        throw new UnsupportedOperationException("JsonRpcCodec.shutdown: placeholder");
    }

    @Override
    public void reboot() {
        throw new UnsupportedOperationException("JsonRpcCodec.reboot: placeholder");
    }

    @Override
    public LogStream logs(String service, boolean follow) {
        throw new UnsupportedOperationException("JsonRpcCodec.logs: placeholder");
    }

    @Override
    public void createService(String name, ServiceConfig config) {
        throw new UnsupportedOperationException("JsonRpcCodec.createService: placeholder");
    }

    @Override
    public void deleteService(String name) {
        throw new UnsupportedOperationException("JsonRpcCodec.deleteService: placeholder");
    }

    @Override
    public ServiceConfig getService(String name) {
        throw new UnsupportedOperationException("JsonRpcCodec.getService: placeholder");
    }

    @Override
    public ServiceStats stats(String name) {
        throw new UnsupportedOperationException("JsonRpcCodec.stats: placeholder");
    }

    @Override
    public String startHttpServer(String address) {
        throw new UnsupportedOperationException("JsonRpcCodec.startHttpServer: placeholder");
    }

    @Override
    public void stopHttpServer() {
        throw new UnsupportedOperationException("JsonRpcCodec.stopHttpServer: placeholder");
    }

    @Override
    public String discover() {
        throw new UnsupportedOperationException("JsonRpcCodec.discover: placeholder");
    }

    @Override
    public void close() {
    }
}
