/**
 * Benchmarks run by hand, never by {@code mvn verify}; results and commands are in {@code docs/BENCHMARKS.md}.
 */
package io.zinit4j.client.bench;
