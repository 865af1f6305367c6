package io.zinit4j.client.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zinit4j.error.InvalidServiceNameException;
import io.zinit4j.error.InvalidSignalException;
import io.zinit4j.error.ServiceAlreadyExistsException;
import io.zinit4j.error.ServiceAlreadyMonitoredException;
import io.zinit4j.error.ServiceConfigRejectedException;
import io.zinit4j.error.ServiceFileException;
import io.zinit4j.error.ServiceIsDownException;
import io.zinit4j.error.ServiceIsUpException;
import io.zinit4j.error.ServiceNotFoundException;
import io.zinit4j.error.ShuttingDownException;
import io.zinit4j.error.UnsupportedByServerException;
import io.zinit4j.error.ZinitException;
import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitServerException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Error objects to typed exceptions: by code, then (for codes without meaning) by message. */
class RpcErrorsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ZinitException map(String json) throws Exception {
        return RpcErrors.toException("service_start", "web", MAPPER.readTree(json));
    }

    @Test
    void eachZinitCodeHasItsType() throws Exception {
        Map<Integer, Class<?>> types = Map.of(-32000, ServiceNotFoundException.class, -32001,
                ServiceAlreadyMonitoredException.class, -32002, ServiceIsUpException.class, -32003,
                ServiceIsDownException.class, -32004, InvalidSignalException.class, -32005,
                ServiceConfigRejectedException.class, -32006, ShuttingDownException.class, -32007,
                ServiceAlreadyExistsException.class, -32008, ServiceFileException.class);
        for (Map.Entry<Integer, Class<?>> e : types.entrySet()) {
            // an older server: the code and a generic message, no data
            ZinitException x = map("{\"code\":" + e.getKey() + ",\"message\":\"Server error\"}");
            assertEquals(e.getValue(), x.getClass(), "code " + e.getKey());
            ZinitServerException s = (ZinitServerException) x;
            assertEquals("Server error", s.serverMessage());
            assertEquals(Optional.of(e.getKey()), s.code());
            assertEquals(Optional.empty(), s.data());
        }
    }

    @Test
    void dataIsKeptAsJsonText() throws Exception {
        ZinitServerException s = (ZinitServerException) map(
                "{\"message\":\"x\",\"data\":{\"retryable\":true,\"code_name\":\"ServiceIsDown\"},\"code\":-32003}");
        JsonNode data = MAPPER.readTree(s.data().orElseThrow());
        assertTrue(data.get("retryable").asBoolean());
        assertTrue(s.getMessage().contains("service_start 'web'"), s.getMessage());
    }

    @Test
    void standardCodes() throws Exception {
        ZinitException name = map("{\"code\":-32602,\"message\":\"monitoring service: invalid service name 'a/b'\","
                + "\"data\":{\"code_name\":\"InvalidServiceName\",\"service\":\"a/b\"}}");
        assertEquals("a/b", assertInstanceOf(InvalidServiceNameException.class, name).name());
        assertInstanceOf(ZinitProtocolException.class,
                map("{\"code\":-32602,\"message\":\"Invalid params\",\"data\":\"missing field `name`\"}"));
        assertInstanceOf(ZinitProtocolException.class, map("{\"code\":-32700,\"message\":\"Parse error\"}"));
        assertInstanceOf(ZinitProtocolException.class, map("{\"code\":-32600,\"message\":\"Invalid request\"}"));
        assertEquals("service_start", assertInstanceOf(UnsupportedByServerException.class,
                map("{\"code\":-32601,\"message\":\"Method not found\"}")).operation());
    }

    @Test
    void codesWithoutMeaningFallBackToTheMessage() throws Exception {
        assertInstanceOf(ServiceNotFoundException.class,
                map("{\"code\":-32603,\"message\":\"service name \\\"web\\\" unknown\"}"));
        assertInstanceOf(ServiceIsUpException.class, map("{\"code\":-32603,\"message\":\"service 'web' is up\"}"));
        ZinitException plain = map("{\"code\":-32603,\"message\":\"Internal error\"}");
        assertEquals(ZinitServerException.class, plain.getClass());
        assertEquals(ZinitServerException.class, map("{\"code\":-32011,\"message\":\"process error\"}").getClass());
    }

    @Test
    void malformedErrorObjectsAreProtocolErrors() throws Exception {
        assertInstanceOf(ZinitProtocolException.class, map("\"boom\""));
        assertInstanceOf(ZinitProtocolException.class, map("{\"message\":\"no code\"}"));
    }
}
