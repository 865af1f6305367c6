package io.zinit4j.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shape of the hierarchy that callers' catch blocks rely on. */
class ErrorHierarchyTest {

    @Test
    void oneCatchBlockCoversEveryTimeout() {
        String caught = null;
        try {
            throw new WaitTimeoutException("web not running after 50 ms", Map.of());
        } catch (ZinitTimeoutException e) {
            caught = e.getMessage();
        }
        assertEquals("web not running after 50 ms", caught);
    }

    @Test
    void everyErrorIsAnUncheckedZinitException() {
        assertTrue(RuntimeException.class.isAssignableFrom(ZinitException.class));
        for (Class<?> c : new Class<?>[] {WaitTimeoutException.class, ZinitTimeoutException.class,
                ZinitConnectionException.class, ZinitProtocolException.class, ZinitServerException.class,
                ServiceConfigRejectedException.class, ServiceFileFormatException.class}) {
            assertTrue(ZinitException.class.isAssignableFrom(c), c.getName());
        }
        assertSame(ZinitTimeoutException.class, WaitTimeoutException.class.getSuperclass());
    }
}
