package io.zinit4j.client.internal.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.zinit4j.model.ServiceState;
import io.zinit4j.model.ServiceStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the two answers that waits poll, a list of states and one service's status, straight from a streaming parser
 * into their types: both generations send them in the same shape, and building a tree of them first was the largest
 * cost of a call in our layer. Each method reads the usual shape only and returns {@code null} for anything else; the
 * codec then reads the answer as a tree, which reports what is wrong with the message it has always given.
 */
final class StatusReader {
    private StatusReader() {
    }

    /**
     * Reads an object of state texts, as {@code list} answers.
     *
     * @param p a parser standing before the value
     * @return the states by service, in the answer's order; {@code null} for any other shape
     */
    static Map<String, ServiceState> services(JsonParser p) {
        try {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Map<String, ServiceState> out = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String service = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    return null;
                }
                out.put(service, ParsedStates.state(p.getText()));
            }
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads a status object: {@code name}, {@code pid}, {@code state} and {@code target}, and {@code after}, an
     * object of state texts or null.
     *
     * @param p              a parser standing before the value
     * @param asked          the service asked about, the name when the answer's is null
     * @param nullNameAndPid whether a null {@code name} (meaning {@code asked}) and a null {@code pid} (meaning 0) are
     *                       usual: JSON-RPC servers may send them, the line protocol always sends both
     * @return the status; {@code null} for any other shape, or a state or target that does not parse
     */
    static ServiceStatus status(JsonParser p, String asked, boolean nullNameAndPid) {
        try {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String name = null;
            boolean pidSeen = false;
            int pid = 0;
            String state = null;
            String target = null;
            Map<String, ServiceState> after = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                boolean isNull = value == JsonToken.VALUE_NULL;
                switch (field) {
                    case "name" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            name = p.getText();
                        } else if (isNull && nullNameAndPid) {
                            name = null;
                        } else {
                            return null;
                        }
                    }
                    case "pid" -> {
                        if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                            pid = p.getIntValue();
                        } else if (isNull && nullNameAndPid) {
                            pid = 0;
                        } else {
                            return null;
                        }
                        pidSeen = true;
                    }
                    case "state" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        state = p.getText();
                    }
                    case "target" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        target = p.getText();
                    }
                    case "after" -> {
                        // a repeated member replaces the earlier one, as in a tree
                        after = null;
                        if (value == JsonToken.START_OBJECT) {
                            after = new LinkedHashMap<>();
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String dependency = p.currentName();
                                if (p.nextToken() != JsonToken.VALUE_STRING) {
                                    return null;
                                }
                                after.put(dependency, ParsedStates.state(p.getText()));
                            }
                        } else if (!isNull) {
                            return null;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (state == null || target == null || (!nullNameAndPid && (name == null || !pidSeen))) {
                return null;
            }
            return new ServiceStatus(name != null ? name : asked, pid, ParsedStates.state(state),
                    ParsedStates.target(target), after == null ? Map.of() : after);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
