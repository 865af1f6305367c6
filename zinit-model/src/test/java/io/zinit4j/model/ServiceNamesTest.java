package io.zinit4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.InvalidServiceNameException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"web", "my-service_1.2", "a", "x@y", "caf\u00e9", "emoji\ud83d\ude00", "a:b", "..a", "a.."})
    void acceptsOrdinaryNames(String name) {
        assertEquals(name, ServiceNames.validate(name));
        assertTrue(ServiceNames.isValid(name));
        // Every valid name must be safe to put on a line-protocol command.
        assertEquals(List.of(name), ShellWords.split(ShellWords.quote(name)).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "/", "a\\b", "a b", "a\tb", "a\nb", "a\rb", "a\u0000b", "a\u007fb",
        "a\"b", "a'b", "a`b", "a\u00a0b", "a\u2028b", "\ud800", "x\udc00"})
    void rejectsDangerousNames(String name) {
        InvalidServiceNameException e = assertThrows(InvalidServiceNameException.class,
                () -> ServiceNames.validate(name));
        assertEquals(name, e.name());
        assertFalse(ServiceNames.isValid(name));
        assertFalse(e.getMessage().contains("\n"), "message must stay on one line");
    }

    @Test
    void rejectsNullAndOverlongNames() {
        assertThrows(InvalidServiceNameException.class, () -> ServiceNames.validate(null));
        String max = "a".repeat(ServiceNames.MAX_BYTES);
        assertEquals(max, ServiceNames.validate(max));
        InvalidServiceNameException e = assertThrows(InvalidServiceNameException.class,
                () -> ServiceNames.validate(max + "a"));
        assertTrue(e.getMessage().contains("at most"));
        // Multi-byte characters count by their UTF-8 size.
        assertFalse(ServiceNames.isValid("\u00e9".repeat(ServiceNames.MAX_BYTES / 2 + 1)));
    }
}
