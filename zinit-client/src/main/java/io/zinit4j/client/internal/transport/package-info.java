/**
 * Layer 1: Unix-socket connections with connect and read timeouts, and the mapping of socket failures to {@link
 * io.zinit4j.error.ZinitConnectionException} and {@link io.zinit4j.error.ZinitTimeoutException}. Nothing here knows a
 * protocol. Internal to zinit4j: not a supported API.
 */
package io.zinit4j.client.internal.transport;
