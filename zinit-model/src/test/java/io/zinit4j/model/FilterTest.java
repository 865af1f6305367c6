package io.zinit4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterTest {
    private static Filter.Candidate svc(String name, String exec, StateKind kind) {
        return new Filter.Candidate(name, exec == null ? null : ServiceConfig.builder().exec(exec).build(),
                kind == null ? null : ServiceState.of(kind));
    }

    @Test
    void nameMatchesExactlyAndReadsNothing() {
        Filter f = Filter.name("web");
        assertTrue(f.test(svc("web", null, null)));
        assertFalse(f.test(svc("web2", null, null)));
        assertEquals(Set.of(), f.inputs());
    }

    @Test
    void execMatchesTheProgramsBaseName() {
        Filter f = Filter.exec("udhcpc");
        assertEquals(Set.of(Filter.Input.CONFIG), f.inputs());
        assertTrue(f.test(svc("a", "/sbin/udhcpc -i eth0", null)));
        assertTrue(f.test(svc("a", "udhcpc", null)));
        assertTrue(f.test(svc("a", "'/opt/my dir/udhcpc' -f", null)));
        assertFalse(f.test(svc("a", "/sbin/udhcpcd", null)));
        assertFalse(f.test(svc("a", "sh -c udhcpc", null)), "only the program counts, not its arguments");
        assertFalse(f.test(svc("a", "echo 'unclosed", null)), "an exec zinit cannot split matches nothing");
        assertFalse(f.test(svc("a", null, null)), "no file, no match");
    }

    @Test
    void execRegexSearchesTheWholeLine() {
        Filter f = Filter.execRegex("-i\\s+eth\\d");
        assertTrue(f.test(svc("a", "/sbin/udhcpc -i eth0", null)));
        assertFalse(f.test(svc("a", "/sbin/udhcpc -i wlan0", null)));
        assertFalse(f.test(svc("a", null, null)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Filter.execRegex("(["));
        assertTrue(e.getMessage().contains("invalid exec regex"));
    }

    @Test
    void stateMatchesAnyGivenKind() {
        Filter f = Filter.state(StateKind.RUNNING, StateKind.SPAWNED);
        assertEquals(Set.of(Filter.Input.STATE), f.inputs());
        assertTrue(f.test(svc("a", null, StateKind.RUNNING)));
        assertFalse(f.test(svc("a", null, StateKind.ERROR)));
        assertFalse(f.test(svc("a", null, null)));
        assertThrows(IllegalArgumentException.class, Filter::state);
    }

    @Test
    void combinatorsCombineTestsAndInputs() {
        Filter byName = Filter.name("web");
        Filter running = Filter.state(StateKind.RUNNING);
        Filter sleep = Filter.exec("sleep");
        Filter.Candidate c = svc("web", "sleep 1", StateKind.RUNNING);
        Filter.Candidate d = svc("db", "sleep 1", StateKind.ERROR);
        assertTrue(byName.and(running).test(c));
        assertFalse(byName.and(running).test(d));
        assertTrue(byName.or(sleep).test(d));
        assertFalse(byName.or(running).test(d));
        assertTrue(byName.negate().test(d));
        assertFalse(byName.negate().test(c));
        assertEquals(EnumSet.of(Filter.Input.STATE, Filter.Input.CONFIG), byName.and(running).or(sleep).inputs());
        assertEquals(Set.of(), byName.negate().inputs());
        assertEquals("(name=web and not exec=sleep)", byName.and(sleep.negate()).toString());
    }

    @Test
    void allIsCleanAndReadsOnlyWhatItsPartsRead() {
        Filter none = Filter.all(List.of());
        assertTrue(none.test(svc("anything", null, null)));
        assertEquals(Set.of(), none.inputs());
        assertEquals("all", none.toString());
        Filter one = Filter.name("x");
        assertEquals(one, Filter.all(List.of(one)), "a single filter is returned as is");
        Filter both = Filter.all(Filter.name("web"), Filter.state(StateKind.RUNNING), Filter.exec("sleep"));
        assertEquals(EnumSet.of(Filter.Input.STATE, Filter.Input.CONFIG), both.inputs());
        assertTrue(both.test(svc("web", "sleep 1", StateKind.RUNNING)));
        assertFalse(both.test(svc("web", "sleep 1", StateKind.ERROR)));
        assertFalse(both.test(svc("web", "true", StateKind.RUNNING)));
        assertEquals("(name=web and state=[RUNNING] and exec=sleep)", both.toString());
    }

    @Test
    void inputsCannotBeChangedFromOutside() {
        Filter f = Filter.of(EnumSet.of(Filter.Input.STATE), c -> true, "custom");
        assertThrows(UnsupportedOperationException.class, () -> f.inputs().add(Filter.Input.CONFIG));
        assertThrows(NullPointerException.class, () -> new Filter.Candidate(null, null, null));
    }
}
