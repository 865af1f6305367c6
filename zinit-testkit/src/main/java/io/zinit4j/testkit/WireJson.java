package io.zinit4j.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The JSON both wire formats of the fake write: members sorted by key, as zinit's serde maps come out. */
final class WireJson {
    /** Sorts map entries, so that an answer's bytes do not depend on the order a map was filled in. */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private WireJson() {
    }

    /** {@return the value as compact JSON text} */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
