/**
 * {@code zinitctl}, the command line for zinit. The runnable {@code -all} jar is a plain class-path jar (the shade
 * step drops module descriptors); this descriptor serves the plain jar on a module path.
 */
module io.zinit4j.cli {
    // the exported ClientFactory and the commands show client and picocli types
    requires transitive io.zinit4j.client;
    requires transitive info.picocli;
    requires com.fasterxml.jackson.databind;

    exports io.zinit4j.cli;
    // picocli sets the annotated option and parameter fields of the commands reflectively
    opens io.zinit4j.cli to info.picocli;
}
