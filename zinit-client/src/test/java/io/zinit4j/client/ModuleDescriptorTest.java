package io.zinit4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The client's module exports its API and nothing under {@code internal}. The tests run on the module path, so the
 * class under test sits in the named module built from {@code module-info.java}.
 */
class ModuleDescriptorTest {

    @Test
    void exportsTheApiAndNoInternalPackage() {
        Module module = ZinitClient.class.getModule();
        assertTrue(module.isNamed(), "tests run on the module path");
        ModuleDescriptor d = module.getDescriptor();
        assertEquals("io.zinit4j.client", d.name());
        Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertTrue(exported.containsAll(Set.of("io.zinit4j.client", "io.zinit4j.client.lifecycle",
                "io.zinit4j.client.ops")), exported::toString);
        for (ModuleDescriptor.Exports e : d.exports()) {
            assertFalse(e.source().contains(".internal"), e::toString);
            assertFalse(e.isQualified(), () -> "no friend exports: " + e);
        }
        assertTrue(d.packages().contains("io.zinit4j.client.internal.protocol"), d.packages()::toString);
        assertTrue(d.opens().isEmpty(), () -> "nothing opened: " + d.opens());
    }
}
