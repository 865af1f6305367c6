/**
 * Layer 4: waits and bulk lifecycle operations built on polling the typed API, with an injectable clock and a poll
 * policy that starts fast, backs off, and caps the call rate. {@link io.zinit4j.client.lifecycle.PollPolicy} and
 * {@link io.zinit4j.client.lifecycle.ServiceWatch} are public API; the rest is internal.
 */
package io.zinit4j.client.lifecycle;
