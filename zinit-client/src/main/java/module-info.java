/**
 * The zinit client: {@link io.zinit4j.client.ZinitClient}, waits ({@code lifecycle}) and inventory and convergence
 * ({@code ops}). The wire protocols and the socket layer live in {@code io.zinit4j.client.internal.*}, which is not
 * exported: it may change in any release.
 */
// ServerVersion carries a Semver, and semver4j is an automatic module (its stable Automatic-Module-Name org.semver4j)
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.zinit4j.client {
    requires transitive io.zinit4j.model;
    requires transitive org.semver4j;
    requires org.newsclub.net.unix;
    // junixsocket's native library: its module is looked up by name only, so without this it is never resolved
    requires com.kohlschutter.junixsocket.nativecommon;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires java.net.http;

    exports io.zinit4j.client;
    exports io.zinit4j.client.lifecycle;
    exports io.zinit4j.client.ops;
}
