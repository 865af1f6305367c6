/**
 * Test fixtures for code that drives zinit: {@link io.zinit4j.testkit.FakeZinitServer} (an in-memory zinit on a real
 * Unix socket, in either protocol generation, with simulated services, scripted {@link io.zinit4j.testkit.Behavior},
 * injected {@link io.zinit4j.testkit.Fault}s and a record of every request), its JUnit 5 extension {@link
 * io.zinit4j.testkit.FakeZinitExtension}, and {@code ZinitContainer} and {@code ZinitProcess} for a real zinit. The golden
 * recordings of real servers live in the {@code zinit-transcripts} module.
 */
package io.zinit4j.testkit;
