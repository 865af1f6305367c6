/**
 * Layer 1: connections with connect and read timeouts, and the mapping of their failures to {@link
 * io.zinit4j.error.ZinitConnectionException}, {@link io.zinit4j.error.ZinitHttpException} and {@link
 * io.zinit4j.error.ZinitTimeoutException}: Unix sockets, and zinit's HTTP server (POSTs and WebSockets with the JDK's
 * HTTP client). Nothing here knows a protocol generation. Internal to zinit4j: not a supported API.
 */
package io.zinit4j.client.internal.transport;
