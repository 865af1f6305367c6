package io.zinit4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signal, LogType, ServiceTarget, StateKind and ServiceStatus. */
class ValuesTest {

    @Test
    void signalsByNameNumberAndCase() {
        assertEquals(31, Signal.values().length, "every standard Linux signal 1..31");
        for (Signal s : Signal.values()) {
            assertEquals(s, Signal.parse(s.name()));
            assertEquals(s, Signal.parse(s.name().toLowerCase()));
            assertEquals(s, Signal.parse(s.name().substring(3)));
            assertEquals(s, Signal.parse(Integer.toString(s.number())));
        }
        assertEquals(15, Signal.SIGTERM.number());
        assertEquals(9, Signal.SIGKILL.number());
        assertTrue(Signal.find("SIGNOPE").isEmpty());
        assertTrue(Signal.find("0").isEmpty());
        assertTrue(Signal.find("99999").isEmpty());
        assertTrue(Signal.find("").isEmpty());
        assertTrue(Signal.find(null).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signal.parse("BOGUS"));
        assertTrue(e.getMessage().contains("BOGUS"));
    }

    @Test
    void logTypes() {
        assertEquals(LogType.RING, LogType.parse("ring"));
        assertEquals(LogType.STDOUT, LogType.parse("Stdout"));
        assertEquals(LogType.NONE, LogType.parse("none"));
        assertEquals(LogType.NONE, LogType.parse("null"));
        assertEquals("none", LogType.NONE.yamlName());
        assertEquals("ring", LogType.RING.yamlName());
        assertThrows(IllegalArgumentException.class, () -> LogType.parse("file"));
        assertThrows(IllegalArgumentException.class, () -> LogType.parse(null));
    }

    @Test
    void targets() {
        assertEquals(ServiceTarget.UP, ServiceTarget.parse("Up"));
        assertEquals(ServiceTarget.DOWN, ServiceTarget.parse("down"));
        assertEquals("Up", ServiceTarget.UP.wireName());
        assertEquals("Down", ServiceTarget.DOWN.wireName());
        assertThrows(IllegalArgumentException.class, () -> ServiceTarget.parse("sideways"));
        assertThrows(IllegalArgumentException.class, () -> ServiceTarget.parse(null));
    }

    @Test
    void stateKindFromText() {
        assertEquals(StateKind.TEST_FAILURE, StateKind.fromText("TestFailure"));
        assertEquals(StateKind.TEST_FAILURE, StateKind.fromText("test-failure"));
        assertEquals(StateKind.ERROR, StateKind.fromText("Error(Exited(Pid(1), 2))"));
        assertEquals(StateKind.UNKNOWN, StateKind.fromText(null));
        assertEquals(StateKind.UNKNOWN, StateKind.fromText("nothing"));
        assertEquals(8, StateKind.values().length);
    }

    @Test
    void statusCopiesAfterAndKeepsOrder() {
        Map<String, ServiceState> after = new LinkedHashMap<>();
        after.put("b", ServiceState.parse("Running"));
        after.put("a", ServiceState.parse("Unknown"));
        ServiceStatus s = new ServiceStatus("app", 0, ServiceState.parse("Blocked"), ServiceTarget.UP, after);
        after.clear();
        assertEquals(List.of("b", "a"), List.copyOf(s.after().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> s.after().put("c", ServiceState.of(StateKind.RUNNING)));
        assertEquals(Map.of(), new ServiceStatus("x", 1, ServiceState.of(StateKind.RUNNING), ServiceTarget.UP, null)
                .after());
        assertThrows(NullPointerException.class, () -> new ServiceStatus("x", 1, null, ServiceTarget.UP, null));
    }
}
