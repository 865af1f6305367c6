package io.zinit4j.client.internal.protocol;

import io.zinit4j.error.ZinitProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts the bytes a JSON-RPC server sends into whole top-level JSON values (objects, or arrays for batches), the way
 * zinit's own framing does: no separator is required, white space between values is skipped. Each value is bounded in
 * size. Not thread-safe: one reading thread per instance.
 *
 * <p>State survives a read timeout: when {@link Source#read(byte[])} throws, the partly read value is kept and the next
 * call to {@link #next()} goes on where it stopped.
 */
public final class JsonRpcFrameReader {
    /** Default bound on one message: far above rpc.discover (22 KB) and a full log ring buffer. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    /** Where the bytes come from; {@code SocketConnection::read} fits. */
    @FunctionalInterface
    public interface Source {
        /**
         * @param buf where to put bytes
         * @return how many were read, or -1 at the end of the stream
         */
        int read(byte[] buf);
    }

    private final Source source;
    private final int maxBytes;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int limit;
    /** The part of the current value read in earlier reads. */
    private byte[] frame = new byte[256];
    private int frameSize;
    private int depth;
    private boolean inString;
    private boolean escaped;

    /**
     * @param source   where the bytes come from
     * @param maxBytes the largest message accepted, in bytes
     */
    public JsonRpcFrameReader(Source source, int maxBytes) {
        if (maxBytes < 2) {
            throw new IllegalArgumentException("maxBytes must be at least 2: " + maxBytes);
        }
        this.source = source;
        this.maxBytes = maxBytes;
    }

    /**
     * Reads the next whole value.
     *
     * @return its bytes, or {@code null} when the stream ended cleanly between values
     * @throws ZinitProtocolException when the bytes are not JSON values, a value is too large, or the stream ended
     *                                inside a value
     */
    public byte[] next() {
        while (true) {
            // where the part of the current value that lies in buf starts (0 when it began in an earlier read)
            int from = pos;
            while (pos < limit) {
                byte b = buf[pos++];
                if (depth == 0) {
                    if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                        from = pos;
                        continue;
                    }
                    if (b != '{' && b != '[') {
                        throw new ZinitProtocolException("zinit sent something that is not a JSON-RPC message: "
                                + abbreviate(new String(buf, pos - 1, Math.min(80, limit - pos + 1),
                                StandardCharsets.UTF_8)));
                    }
                }
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (b == '\\') {
                        escaped = true;
                    } else if (b == '"') {
                        inString = false;
                    }
                } else if (b == '"') {
                    inString = true;
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    depth--;
                    if (depth == 0) {
                        // copied in one piece, not byte by byte: the usual answer lies whole in one read
                        if (frameSize == 0) {
                            checkSize(pos - from);
                            return Arrays.copyOfRange(buf, from, pos);
                        }
                        append(from, pos);
                        byte[] out = Arrays.copyOf(frame, frameSize);
                        frameSize = 0;
                        return out;
                    }
                }
                if (frameSize + (pos - from) > maxBytes) {
                    reset();
                    throw tooLarge();
                }
            }
            if (depth > 0) {
                append(from, limit);
            }
            int n = source.read(buf);
            if (n < 0) {
                if (depth != 0 || frameSize > 0) {
                    String half = new String(frame, 0, frameSize, StandardCharsets.UTF_8);
                    reset();
                    throw new ZinitProtocolException("zinit closed the connection in the middle of a message: "
                            + abbreviate(half));
                }
                return null;
            }
            pos = 0;
            limit = n;
        }
    }

    private void checkSize(int size) {
        if (size > maxBytes) {
            reset();
            throw tooLarge();
        }
    }

    private ZinitProtocolException tooLarge() {
        return new ZinitProtocolException("a message from zinit is larger than " + maxBytes + " bytes");
    }

    /** Keeps {@code buf[from, to)} as part of a value that goes on past this read. */
    private void append(int from, int to) {
        int n = to - from;
        checkSize(frameSize + n);
        if (frameSize + n > frame.length) {
            frame = Arrays.copyOf(frame, Math.max(frameSize + n, Math.min(maxBytes, frame.length * 2)));
        }
        System.arraycopy(buf, from, frame, frameSize, n);
        frameSize += n;
    }

    private void reset() {
        frameSize = 0;
        depth = 0;
        inString = false;
        escaped = false;
    }

    /**
     * @param text any text
     * @return the text cut to 200 characters, for error messages
     */
    static String abbreviate(String text) {
        String t = text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + " chars)" : text;
        return t.replace("\n", "\\n");
    }
}
