package io.zinit4j.client.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.ServiceDependencyException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
    private static final DependencyGraph CHAIN = DependencyGraph.of(Map.of(
            "db", List.of(), "app", List.of("db"), "web", List.of("app", "db"), "cron", List.of("db"),
            "lone", List.of()));

    @Test
    void layersPutEachServiceAfterWhatItRunsAfter() {
        assertEquals(List.of(List.of("db", "lone"), List.of("app", "cron"), List.of("web")),
                CHAIN.layers(CHAIN.services()));
        assertEquals(List.of(List.of("app", "cron"), List.of("web")), CHAIN.layers(List.of("web", "app", "cron")),
                "dependencies outside the given services are not waited for");
        CHAIN.check();
    }

    @Test
    void dependentsAreTransitiveAndSorted() {
        assertEquals(List.of("app", "cron", "web"), CHAIN.dependentsOf("db"));
        assertEquals(List.of("web"), CHAIN.dependentsOf("app"));
        assertEquals(List.of(), CHAIN.dependentsOf("web"));
        assertEquals(List.of("app", "cron", "web"), CHAIN.directDependentsOf("db"));
    }

    @Test
    void everyCycleAndEveryMissingDependencyIsReported() {
        DependencyGraph g = DependencyGraph.of(Map.of(
                "a", List.of("b"), "b", List.of("c"), "c", List.of("a"),
                "self", List.of("self"),
                "x", List.of("y"), "y", List.of("x", "gone"),
                "ok", List.of("a", "nowhere")));
        assertEquals(List.of(List.of("a", "b", "c"), List.of("self"), List.of("x", "y")), g.cycles());
        assertEquals(Map.of("ok", List.of("nowhere"), "y", List.of("gone")), g.missing());
        ServiceDependencyException e = assertThrows(ServiceDependencyException.class, g::check);
        assertEquals(g.cycles(), e.cycles());
        assertEquals(g.missing(), e.missing());
        assertTrue(e.getMessage().contains("cycle a -> b -> c -> a"), e.getMessage());
        assertTrue(e.getMessage().contains("ok runs after nowhere"), e.getMessage());
        assertThrows(ServiceDependencyException.class, () -> g.layers(List.of("a", "b", "c")));
    }

    @Test
    void aLongChainNeedsNoDeepStack() {
        Map<String, List<String>> chain = new java.util.HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            chain.put("s" + i, i == 0 ? List.of("s19999") : List.of("s" + (i - 1)));
        }
        List<List<String>> cycles = DependencyGraph.of(chain).cycles();
        assertEquals(1, cycles.size());
        assertEquals(20_000, cycles.get(0).size());
    }
}
