package io.zinit4j.client.internal.protocol;

import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceTarget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The states and targets of answers, parsed once per distinct text. A profile of the JSON-RPC status call showed
 * {@link ServiceState#parse} (lower-casing, a regular expression, the kinds array) and {@link ServiceTarget#parse} as
 * the largest cost of our layer after Jackson; zinit sends few distinct texts ({@code Running}, {@code Up}, an exit
 * code or a signal), and {@link ServiceState} is immutable, so a parsed value can be handed out again. Thread-safe.
 */
final class ParsedStates {
    /** Enough for every state zinit shows, with exit codes and signals; beyond it texts are parsed each time. */
    private static final int MAX_CACHED = 512;
    private static final Map<String, ServiceState> STATES = new ConcurrentHashMap<>();

    private ParsedStates() {
    }

    /**
     * @param text a state as zinit writes it
     * @return {@link ServiceState#parse} of it
     */
    static ServiceState state(String text) {
        ServiceState s = STATES.get(text);
        if (s == null) {
            s = ServiceState.parse(text);
            if (STATES.size() < MAX_CACHED) {
                STATES.putIfAbsent(text, s);
            }
        }
        return s;
    }

    /**
     * @param text a target as zinit writes it
     * @return {@link ServiceTarget#parse} of it
     * @throws IllegalArgumentException as {@link ServiceTarget#parse} does
     */
    static ServiceTarget target(String text) {
        // zinit's own spellings first, without the case-folding parse
        if ("Up".equals(text)) {
            return ServiceTarget.UP;
        }
        if ("Down".equals(text)) {
            return ServiceTarget.DOWN;
        }
        return ServiceTarget.parse(text);
    }
}
