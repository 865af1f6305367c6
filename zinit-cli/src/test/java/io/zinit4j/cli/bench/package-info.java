/**
 * Benchmarks of {@code zinitctl} run by hand (they are not tests): {@link io.zinit4j.cli.bench.ColdStartBenchmark}.
 */
package io.zinit4j.cli.bench;
