/**
 * The typed API: {@link io.zinit4j.client.ZinitClient}, built once with {@link io.zinit4j.client.ZinitClientBuilder} and
 * shared across threads. The sub-packages are its layers ({@code transport}, {@code protocol}, {@code lifecycle}) and
 * are internal unless their documentation says otherwise.
 */
package io.zinit4j.client;
