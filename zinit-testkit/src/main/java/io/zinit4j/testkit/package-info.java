/**
 * Test fixtures for code that drives zinit: {@code FakeZinitServer} (an in-memory zinit on a real Unix socket, in
 * either protocol generation), and {@code ZinitContainer} and {@code ZinitProcess} for a real zinit.
 */
package io.zinit4j.testkit;
