package io.zinit4j.client.internal.protocol;

import io.zinit4j.client.LogStream;

/**
 * How a {@link JsonRpcCodec}'s requests travel: the seam between the codec (which builds requests and reads results
 * and errors, once for every transport) and the wire. The Unix socket's transport lives in the codec itself; {@link
 * HttpJsonRpcTransport} carries requests as HTTP POSTs and streams over WebSocket. Implementations are thread-safe.
 */
interface JsonRpcTransport extends AutoCloseable {
    /**
     * Sends one request and waits (at most the read timeout) for the response carrying its id.
     *
     * @param method  the method, for messages
     * @param subject the service the call is about, for messages, or {@code null}
     * @param id      the request's id, as text
     * @param request the encoded request
     * @return the whole response (with {@code result} or {@code error})
     * @throws io.zinit4j.error.ZinitException typed: connection, timeout or protocol failure
     */
    RpcAnswer exchange(String method, String subject, String id, byte[] request);

    /**
     * Subscribes to the log on a connection of its own.
     *
     * @param service only this service's lines (and its test's), or {@code null}
     * @return the open stream
     */
    LogStream followLogs(String service);

    /** {@return where the server is, for messages: a socket path or a URL} */
    String where();

    /** Releases connections; idempotent. Streams already open stay open. */
    @Override
    void close();
}
