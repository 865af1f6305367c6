/**
 * The client's one fan-out: running one call per item with a bound on how many run at once. Internal: not exported,
 * may change in any release.
 */
package io.zinit4j.client.internal.concurrent;
