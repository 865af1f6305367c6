package io.zinit4j.client.internal.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one JSON mapper of the JSON-RPC layer. An ObjectMapper is thread-safe once configured and costly to create (its
 * caches are per instance), so detection and every codec share this one instead of making their own.
 */
final class JsonRpcJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRpcJson() {
    }
}
