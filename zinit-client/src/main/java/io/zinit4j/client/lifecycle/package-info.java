/**
 * Layer 4: waits and bulk lifecycle operations built on polling the typed API, with an injectable clock and a poll
 * policy that polls every 10.5 ms by default and caps the call rate of each wait or watch, whatever its number of
 * services (one {@code list} per round for several).
 *
 * <p>Public API: {@link io.zinit4j.client.lifecycle.PollPolicy}, {@link io.zinit4j.client.lifecycle.LifecycleClock},
 * {@link io.zinit4j.client.lifecycle.ServiceWatch} and its {@link io.zinit4j.client.lifecycle.StateChange}, and
 * {@link io.zinit4j.client.lifecycle.ServiceControl}, the seam through which {@link
 * io.zinit4j.client.lifecycle.Lifecycle} reaches zinit (the client implements it; tests and benchmarks script it).
 * The poll loop itself is internal. Waits poll a whole set of services in one loop in the calling thread, so waiting
 * on hundreds of services creates no thread.
 */
package io.zinit4j.client.lifecycle;
