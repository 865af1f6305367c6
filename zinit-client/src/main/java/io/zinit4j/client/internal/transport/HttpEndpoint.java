package io.zinit4j.client.internal.transport;

import io.zinit4j.error.ZinitConnectionException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.error.ZinitHttpException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * zinit's HTTP server reached with the JDK's {@link HttpClient}: request bodies POSTed as {@code application/json},
 * WebSocket connections for streams. Every failure becomes a typed {@link ZinitException}: refused or reset is {@link
 * ZinitConnectionException}, an HTTP error status {@link ZinitHttpException}, no answer in time {@link
 * ZinitTimeoutException}, an answer that broke off {@link ZinitProtocolException}. Nothing here knows JSON-RPC.
 *
 * <p>Thread-safe: any number of requests may be in flight at once (the HTTP client pools connections).
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final int MAX_BODY_IN_MESSAGE = 200;

    private final HttpSettings settings;
    private final HttpClient client;

    /** @param settings where and how to connect */
    public HttpEndpoint(HttpSettings settings) {
        this.settings = settings;
        // HTTP/1.1: jsonrpsee serves it, and on plain http it spares every first request an h2c upgrade attempt
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@return the settings} */
    public HttpSettings settings() {
        return settings;
    }

    /**
     * POSTs one body and returns the answer's body, waiting at most the read timeout for all of it.
     *
     * @param body what to send, JSON
     * @param what the operation, for messages (e.g. {@code "service_status 'web'"})
     * @return the answer's body (status 2xx)
     * @throws ZinitConnectionException when the server cannot be reached or the connection fails before an answer
     * @throws ZinitHttpException       when the answer has an error status
     * @throws ZinitTimeoutException    when the connect or the answer takes too long
     * @throws ZinitProtocolException   when the answer breaks off after its headers
     */
    public byte[] post(byte[] body, String what) {
        HttpRequest.Builder b = HttpRequest.newBuilder(settings.url()).timeout(settings.readTimeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        addHeaders(settings.headers().get(), b::header);
        AtomicBoolean headersSeen = new AtomicBoolean();
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(b.build(), info -> {
            headersSeen.set(true);
            return HttpResponse.BodySubscribers.ofByteArray();
        });
        HttpResponse<byte[]> response;
        try {
            // the request's own timeout covers only the wait for the headers: this one covers the body too
            response = answer.get(settings.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw noAnswer(what, e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new ZinitException(what + ": interrupted while waiting for zinit at " + settings.url(), e);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause(), headersSeen.get());
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw statusError(what, status, response.body());
        }
        return response.body();
    }

    /**
     * Opens a WebSocket on the same server, with the connect timeout plus the read timeout for the handshake.
     *
     * @param listener receives the messages
     * @param what     the operation, for messages
     * @return the open WebSocket
     * @throws ZinitException typed as for {@link #post}
     */
    public WebSocket openWebSocket(WebSocket.Listener listener, String what) {
        WebSocket.Builder b = client.newWebSocketBuilder().connectTimeout(settings.connectTimeout());
        addHeaders(settings.headers().get(), b::header);
        CompletableFuture<WebSocket> open = b.buildAsync(settings.webSocketUrl(), listener);
        try {
            return open.get(settings.connectTimeout().plus(settings.readTimeout()).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            open.cancel(true);
            throw noAnswer(what, e);
        } catch (InterruptedException e) {
            open.cancel(true);
            Thread.currentThread().interrupt();
            throw new ZinitException(what + ": interrupted while connecting to zinit at " + settings.url(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException) {
                HttpResponse<?> r = ((WebSocketHandshakeException) cause).getResponse();
                Object body = r.body();
                String text = body instanceof byte[] ? new String((byte[]) body, StandardCharsets.UTF_8)
                        : body == null ? "" : String.valueOf(body);
                if (r.statusCode() == 101) {
                    // switched, but the handshake's headers were wrong: not an HTTP error, a broken server
                    throw new ZinitProtocolException(what + ": the WebSocket handshake with zinit at "
                            + settings.webSocketUrl() + " failed: " + cause.getMessage(), cause);
                }
                throw statusError(what + " (WebSocket)", r.statusCode(), text.getBytes(StandardCharsets.UTF_8));
            }
            throw failure(what, cause, false);
        }
    }

    private interface HeaderSink {
        void add(String name, String value);
    }

    private static void addHeaders(Map<String, String> headers, HeaderSink sink) {
        if (headers == null) {
            return;
        }
        headers.forEach((name, value) -> {
            try {
                sink.add(name, value);
            } catch (IllegalArgumentException e) {
                // the JDK refuses restricted headers (Host, Connection, ...): say which one, not just "restricted"
                throw new IllegalArgumentException("the header hook returned a header the HTTP client may not set: "
                        + name + " (" + e.getMessage() + ")", e);
            }
        });
    }

    private ZinitTimeoutException noAnswer(String what, Throwable cause) {
        return new ZinitTimeoutException(what + ": zinit at " + settings.url() + " did not answer within "
                + settings.readTimeout().toMillis() + " ms", cause);
    }

    private ZinitException failure(String what, Throwable cause, boolean headersSeen) {
        URI url = settings.url();
        if (cause instanceof HttpConnectTimeoutException) {
            return new ZinitTimeoutException(what + ": connecting to zinit at " + url + " took longer than "
                    + settings.connectTimeout().toMillis() + " ms", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return noAnswer(what, cause);
        }
        if (cause instanceof ConnectException) {
            return new ZinitConnectionException(null, what + ": cannot connect to zinit at " + url
                    + ": connection refused (is its HTTP server started, with system_start_http_server, on this "
                    + "address, and reachable from here?)", cause);
        }
        if (cause instanceof ZinitException) {
            return (ZinitException) cause;
        }
        if (cause instanceof IOException && headersSeen) {
            return new ZinitProtocolException(what + ": the answer of zinit at " + url + " broke off: "
                    + cause.getMessage(), cause);
        }
        if (cause instanceof IOException) {
            return new ZinitConnectionException(null, what + ": the connection to zinit at " + url + " failed: "
                    + cause.getMessage(), cause);
        }
        if (cause instanceof IllegalArgumentException) {
            throw (IllegalArgumentException) cause;
        }
        return new ZinitConnectionException(null, what + ": the request to zinit at " + url + " failed: " + cause,
                cause);
    }

    private ZinitHttpException statusError(String what, int status, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > MAX_BODY_IN_MESSAGE) {
            text = text.substring(0, MAX_BODY_IN_MESSAGE) + "...";
        }
        String hint = "";
        if (status == 401 || status == 403 || status == 407) {
            hint = " (the proxy in front of zinit refused the request: check the headers the client adds)";
        } else if (status == 502 || status == 503 || status == 504) {
            hint = " (a proxy could not reach zinit)";
        }
        return new ZinitHttpException(settings.url(), status, what + ": zinit at " + settings.url()
                + " answered HTTP " + status + hint + (text.isEmpty() ? "" : ": " + text));
    }

    /**
     * Stops the HTTP client's threads on JDKs that can (21 and later); on 17 they end once idle and unreachable.
     * Idempotent.
     */
    @Override
    public void close() {
        try {
            Method shutdown = HttpClient.class.getMethod("shutdownNow");
            shutdown.invoke(client);
        } catch (NoSuchMethodException e) {
            // JDK 17: HttpClient has no close; its selector thread ends when the client is collected
        } catch (ReflectiveOperationException | RuntimeException e) {
            // closing anyway
        }
    }
}
