package io.zinit4j.client.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zinit4j.error.ZinitProtocolException;
import io.zinit4j.error.ZinitTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting a byte stream into whole JSON values. */
class JsonRpcFrameReaderTest {

    /** Feeds the given chunks one read at a time; a {@code <timeout>} chunk is a read timeout. */
    private static JsonRpcFrameReader reader(int max, String... chunks) {
        Deque<String> q = new ArrayDeque<>(List.of(chunks));
        return new JsonRpcFrameReader(buf -> {
            String c = q.poll();
            if (c == null) {
                return -1;
            }
            if (c.equals("<timeout>")) {
                throw new ZinitTimeoutException("quiet");
            }
            byte[] b = c.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(b, 0, buf, 0, b.length);
            return b.length;
        }, max);
    }

    private static String next(JsonRpcFrameReader r) {
        byte[] b = r.next();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void valuesBackToBackSplitAnywhereWithBracesInStrings() {
        JsonRpcFrameReader r = reader(1000, "{\"a\":\"}{\\\"\"}", "{\"b\":[1,{\"c\"", ":2}]}\n  \r\n", "[{\"x\":1}]");
        assertEquals("{\"a\":\"}{\\\"\"}", next(r));
        assertEquals("{\"b\":[1,{\"c\":2}]}", next(r));
        assertEquals("[{\"x\":1}]", next(r));
        assertNull(next(r));
    }

    @Test
    void aTimeoutKeepsThePartOfAValueAlreadyRead() {
        JsonRpcFrameReader r = reader(1000, "{\"a\":", "<timeout>", "1}");
        assertThrows(ZinitTimeoutException.class, r::next);
        assertEquals("{\"a\":1}", next(r));
    }

    @Test
    void garbageOversizeAndTruncationAreProtocolErrors() {
        ZinitProtocolException g = assertThrows(ZinitProtocolException.class, () -> reader(1000, "ok\n").next());
        assertTrue(g.getMessage().contains("ok"), g.getMessage());
        ZinitProtocolException big = assertThrows(ZinitProtocolException.class,
                () -> reader(16, "{\"a\":\"0123456789abcdef\"}").next());
        assertTrue(big.getMessage().contains("16 bytes"), big.getMessage());
        ZinitProtocolException half = assertThrows(ZinitProtocolException.class,
                () -> reader(1000, "{\"a\":\"b").next());
        assertTrue(half.getMessage().contains("middle of a message"), half.getMessage());
    }

    @Test
    void aValueOverManyReadsGrowsItsBufferAndTheBoundIsInclusive() {
        String big = "{\"k\":\"" + "x".repeat(1000) + "\"}";
        String[] chunks = new String[big.length() / 7 + 1];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = big.substring(i * 7, Math.min(big.length(), i * 7 + 7));
        }
        assertEquals(big, next(reader(big.length(), chunks)));
        assertThrows(ZinitProtocolException.class, () -> reader(big.length() - 1, chunks).next());
        assertThrows(ZinitProtocolException.class, () -> reader(big.length() - 1, big).next());
        assertEquals("{\"a\":1}", next(reader(7, "  {\"a\":1}")));
    }
}
