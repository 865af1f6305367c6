/**
 * The typed API: {@link io.zinit4j.client.ZinitClient}, built once with {@link io.zinit4j.client.ZinitClientBuilder} and
 * shared across threads. {@code lifecycle} (waits) and {@code ops} (inventory, installation, convergence) are API; the
 * transport and protocol layers live under {@code io.zinit4j.client.internal} and are not a supported API.
 */
package io.zinit4j.client;
