/**
 * The values of zinit4j (service states, status, service files and their YAML, filters) and its one exception
 * hierarchy. No sockets.
 */
module io.zinit4j.model {
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;

    exports io.zinit4j.model;
    exports io.zinit4j.error;
}
