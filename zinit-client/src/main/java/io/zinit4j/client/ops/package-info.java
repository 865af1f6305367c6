/**
 * Operations beyond the basic client, built only on the public {@link io.zinit4j.client.ZinitClient} API: an
 * inventory of the node ({@link io.zinit4j.client.ops.ServiceInventory}: status of many services, dependents, drift
 * between files and monitored services), idempotent install and uninstall ({@link
 * io.zinit4j.client.ops.ServiceInstaller}), declarative convergence of a set of services with a dry-run plan ({@link
 * io.zinit4j.client.ops.Convergence}, {@link io.zinit4j.client.ops.ServicePlan}), and a helper for a Java program that
 * runs as a zinit service ({@link io.zinit4j.client.ops.ZinitSupervision}).
 *
 * <p>Everything here is stateless apart from the client it wraps, so the classes are safe for concurrent use exactly
 * as far as the client is (the default client is). Results are immutable records.
 */
package io.zinit4j.client.ops;
