package io.zinit4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceStateTest {

    @ParameterizedTest
    @CsvSource({
        "Unknown,UNKNOWN", "Blocked,BLOCKED", "Spawned,SPAWNED", "Running,RUNNING", "Success,SUCCESS",
        "Error,ERROR", "TestFailure,TEST_FAILURE", "Failure,FAILURE", "running,RUNNING", "RUNNING,RUNNING",
        "test_failure,TEST_FAILURE", "testfailure,TEST_FAILURE", "' Blocked ',BLOCKED", "success,SUCCESS"
    })
    void parsesEveryKindInAnyCase(String text, StateKind kind) {
        ServiceState s = ServiceState.parse(text);
        assertEquals(kind, s.kind());
        assertEquals(text, s.raw());
        assertTrue(s.recognized());
    }

    @Test
    void exitedErrorCarriesCodeAndPid() {
        ServiceState s = ServiceState.parse("Error(Exited(Pid(12), 1))");
        assertEquals(StateKind.ERROR, s.kind());
        assertEquals(1, s.exitCode().getAsInt());
        assertEquals(12, s.processId().getAsInt());
        assertTrue(s.signal().isEmpty());
        assertEquals("Error(Exited(Pid(12), 1))", s.raw());
        assertEquals(s, ServiceState.exited(12, 1));
    }

    @Test
    void signaledErrorCarriesSignal() {
        ServiceState s = ServiceState.parse("Error(Signaled(Pid(12), SIGKILL, false))");
        assertEquals(StateKind.ERROR, s.kind());
        assertEquals(Signal.SIGKILL, s.signal().orElseThrow());
        assertTrue(s.exitCode().isEmpty());
        assertEquals(12, s.processId().getAsInt());
        assertFalse(s.coreDumped());
        assertTrue(ServiceState.parse("error(signaled(pid(7), SIGSEGV, true))").coreDumped());
        assertEquals(s, ServiceState.signaled(12, Signal.SIGKILL));
    }

    @Test
    void errorWithUnreadableDetailIsStillAnError() {
        ServiceState s = ServiceState.parse("Error(Something(else))");
        assertEquals(StateKind.ERROR, s.kind());
        assertTrue(s.exitCode().isEmpty());
        assertTrue(s.signal().isEmpty());
        ServiceState rt = ServiceState.parse("Error(Signaled(Pid(3), SIGRTMIN, false))");
        assertEquals(StateKind.ERROR, rt.kind());
        assertTrue(rt.signal().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "bogus", "Running extra", "(Running)", "Erro", "Exited(Pid(1), 2)"})
    void unparseableTextIsUnknownWithRawKept(String text) {
        ServiceState s = ServiceState.parse(text);
        assertEquals(StateKind.UNKNOWN, s.kind());
        assertEquals(text, s.raw());
        assertFalse(s.recognized());
    }

    @Test
    void nullIsUnknownAndNeverThrows() {
        ServiceState s = ServiceState.parse(null);
        assertEquals(StateKind.UNKNOWN, s.kind());
        assertEquals("", s.raw());
    }

    @Test
    void exitedHasTheGoClientMeaningAndExcludesTestFailure() {
        assertTrue(ServiceState.of(StateKind.SUCCESS).exited());
        assertTrue(ServiceState.of(StateKind.ERROR).exited());
        assertTrue(ServiceState.of(StateKind.FAILURE).exited());
        assertTrue(ServiceState.of(StateKind.BLOCKED).exited());
        // zinit keeps the service's process running when its test cannot run.
        assertFalse(ServiceState.of(StateKind.TEST_FAILURE).exited());
        assertFalse(ServiceState.of(StateKind.RUNNING).exited());
        assertFalse(ServiceState.of(StateKind.SPAWNED).exited());
        assertFalse(ServiceState.of(StateKind.UNKNOWN).exited());
    }

    @Test
    void isAndAny() {
        ServiceState s = ServiceState.parse("Running");
        assertTrue(s.is(StateKind.RUNNING));
        assertFalse(s.is(StateKind.SPAWNED));
        assertTrue(s.any(StateKind.SPAWNED, StateKind.RUNNING));
        assertFalse(s.any());
        assertFalse(s.any(StateKind.ERROR));
    }

    @Test
    void ofUsesZinitsSpelling() {
        for (StateKind k : StateKind.values()) {
            ServiceState s = ServiceState.of(k);
            assertEquals(k, ServiceState.parse(s.raw()).kind());
        }
        assertEquals("TestFailure", ServiceState.of(StateKind.TEST_FAILURE).raw());
        assertEquals("Running", ServiceState.of(StateKind.RUNNING).toString());
    }
}
