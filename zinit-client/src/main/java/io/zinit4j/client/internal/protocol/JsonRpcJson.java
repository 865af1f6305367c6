package io.zinit4j.client.internal.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON machinery of both protocol codecs, in one place. The calls that matter for speed and start-up ({@code list},
 * {@code status}, protocol detection) read their answers with jackson-core's streaming parser alone: the first
 * {@link ObjectMapper} costs tens of milliseconds of class initialisation, which a one-shot {@code zinitctl list}
 * would otherwise pay for a few hundred bytes of JSON. The mapper is built on first use, by the rarer calls that read
 * trees (errors, stats, logs, service files, unexpected shapes). Both are thread-safe once built.
 */
final class JsonRpcJson {
    /** Where every streaming parser comes from; a factory recycles its buffers, so there is one. */
    static final JsonFactory FACTORY = new JsonFactory();

    private JsonRpcJson() {
    }

    /** {@return the one tree mapper, built on first use} */
    static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    /** Holds the mapper so that it is built only when a tree is first needed (the JVM runs this once, thread-safely). */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }
}
