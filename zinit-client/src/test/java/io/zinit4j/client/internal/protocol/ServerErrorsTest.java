package io.zinit4j.client.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zinit4j.error.InvalidSignalException;
import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.error.ServiceConfigRejectedException;
import io.zinit4j.error.ServiceIsDownException;
import io.zinit4j.error.ServiceIsUpException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.ShuttingDownException;
import io.zinit4j.error.ZinitServerException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one error table: the same rule for a legacy text and a JSON-RPC message. */
class ServerErrorsTest {

    private static Class<?> legacy(String text) {
        return ServerErrors.byText("x: " + text, text, null, null).getClass();
    }

    private static Class<?> rpcInternalError(String text) {
        return ServerErrors.byText("x: " + text, text, -32603, null).getClass();
    }

    @Test
    void theRecordedTextsOfBothGenerationsMapToTheSameTypes() {
        Map<String, Class<?>> texts = new LinkedHashMap<>();
        texts.put("service name \"web\" unknown", ServiceNotFoundException.class);
        texts.put("service \"web\" already monitored", ServiceAlreadyMonitoredException.class);
        texts.put("service \"web\" is up", ServiceIsUpException.class);
        texts.put("service 'web' is down", ServiceIsDownException.class);
        texts.put("EINVAL: Invalid argument", InvalidSignalException.class);
        texts.put("failed to load service config", ServiceConfigRejectedException.class);
        texts.put("zinit is shutting down", ShuttingDownException.class);
        texts.put("Internal error", ZinitServerException.class);
        texts.forEach((text, type) -> {
            assertEquals(type, legacy(text), text);
            assertEquals(type, rpcInternalError(text), text);
        });
    }

    @Test
    void aQuotedNameNeverDecides() {
        assertEquals(ServiceIsDownException.class, legacy("service \"is up\" is down"));
        assertEquals(ServiceIsUpException.class, legacy("service \"x\" is down\" is up"));
        assertEquals(ServiceNotFoundException.class, legacy("service name \"already monitored\" unknown"));
        assertEquals(ServiceIsUpException.class, rpcInternalError("service 'is down' is up"));
        assertEquals("service  is up", ServerErrors.withoutName("service \"it's\" is up"));
    }

    @Test
    void aCodeOfTheTableDecidesWhateverTheText() {
        assertEquals(ServiceIsUpException.class,
                ServerErrors.byCode(-32002, "m", "service 'web' is down", null).getClass());
        assertEquals(null, ServerErrors.byCode(-32603, "m", "is up", null));
    }
}
