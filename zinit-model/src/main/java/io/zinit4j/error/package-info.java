/**
 * The one exception hierarchy of zinit4j, rooted in the unchecked {@link io.zinit4j.error.ZinitException}.
 *
 * <p>Callers catch the subclass they can act on (a missing service, a timeout, a server that cannot be reached) and
 * let the rest propagate. Every message names what was attempted and, where it applies, the service and the socket.
 */
package io.zinit4j.error;
