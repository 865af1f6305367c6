/**
 * Layer 2: one codec per protocol generation behind {@link io.zinit4j.client.internal.protocol.ZinitCodec}, and the detection
 * that picks one. Internal to zinit4j: not a supported API.
 */
package io.zinit4j.client.internal.protocol;
