/**
 * One scenario suite ({@link io.zinit4j.it.ZinitScenarios}) run against every zinit available here: a Docker
 * container, a local binary ({@code ZINIT_BIN}), an already-running server ({@code ZINIT_SOCKET}), and the fake. A
 * target that is not available skips its whole class with one line saying why.
 */
package io.zinit4j.it;
