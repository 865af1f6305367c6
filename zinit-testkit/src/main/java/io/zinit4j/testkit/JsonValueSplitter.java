package io.zinit4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Cuts a byte stream into JSON values as zinit 0.2.28 reads its socket: by the boundaries of objects and arrays (no
 * line ends needed), whitespace between them skipped. Text that is no object or array (a legacy command line, say)
 * runs to the line end and comes out as one value, so that it gets one parse error, not one per byte. Not thread-safe:
 * one per connection.
 */
final class JsonValueSplitter {
    /** Receives each complete value. */
    interface Sink {
        /**
         * {@return whether to go on reading}
         *
         * @param value the value's bytes
         */
        boolean accept(byte[] value) throws IOException;
    }

    private final int maxValue;
    private final ByteArrayOutputStream value = new ByteArrayOutputStream();
    private int depth;
    private boolean inString;
    private boolean escape;

    /** @param maxValue the longest unfinished value kept before the connection is given up */
    JsonValueSplitter(int maxValue) {
        this.maxValue = maxValue;
    }

    /**
     * Feeds bytes read from the connection.
     *
     * @return whether to go on reading: false when the sink said so or a value grew too long
     */
    boolean feed(byte[] buf, int n, Sink sink) throws IOException {
        for (int i = 0; i < n; i++) {
            byte b = buf[i];
            if (depth == 0 && value.size() == 0 && (b == ' ' || b == '\n' || b == '\r' || b == '\t')) {
                continue;
            }
            if (depth == 0 && value.size() > 0 && !inString && !opensStructure()) {
                if (b == '\n' || b == '{' || b == '[') {
                    byte[] junk = value.toByteArray();
                    value.reset();
                    if (!sink.accept(junk)) {
                        return false;
                    }
                    if (b == '\n') {
                        continue;
                    }
                } else {
                    value.write(b);
                    continue;
                }
            }
            value.write(b);
            if (value.size() == 1 && b != '{' && b != '[') {
                continue;
            }
            if (inString) {
                if (escape) {
                    escape = false;
                } else if (b == '\\') {
                    escape = true;
                } else if (b == '"') {
                    inString = false;
                }
                continue;
            }
            if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
            }
            if (depth <= 0) {
                byte[] request = value.toByteArray();
                value.reset();
                depth = 0;
                if (!sink.accept(request)) {
                    return false;
                }
            } else if (value.size() > maxValue) {
                return false;
            }
        }
        return true;
    }

    private boolean opensStructure() {
        byte first = value.toByteArray()[0];
        return first == '{' || first == '[';
    }
}
