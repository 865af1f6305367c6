package io.zinit4j.client.internal.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.zinit4j.error.ZinitProtocolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One JSON-RPC response (or notification) as it arrived. On a socket the connection's reader learns the message's id
 * in one streaming pass over its bytes, and keeps the {@code result} as the span of bytes it covers: the caller then
 * parses that span straight into the type it wants, so the hot calls build no tree of the answer at all. The
 * {@code error} member, rare, is kept as a tree, since {@link RpcErrors} reads it as one. A response that already is a
 * tree (HTTP) is wrapped as it is.
 *
 * <p>Immutable, so it may be handed from the reading thread to the waiting one.
 */
public final class RpcAnswer {
    /** The bytes holding the message, or {@code null} when the answer was built from a tree. */
    private final byte[] bytes;
    private final int from;
    private final int to;
    /** Where the result lies in {@link #bytes} when it is an object or array; {@code resultFrom < 0} otherwise. */
    private final int resultFrom;
    private final int resultTo;
    /** The result when it is a scalar (or the answer is a tree); {@code null} when it lies in the bytes or is absent. */
    private final JsonNode resultNode;
    private final boolean hasResult;
    /** The error member; {@code null} when absent ({@link NullNode} when present as null). */
    private final JsonNode error;
    /** The whole message when built from a tree. */
    private final JsonNode tree;
    private final String id;
    private final boolean hasMethod;
    private final String jsonrpc;

    private RpcAnswer(byte[] bytes, int from, int to, int resultFrom, int resultTo, JsonNode resultNode,
                      boolean hasResult, JsonNode error, JsonNode tree, String id, boolean hasMethod, String jsonrpc) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
        this.resultFrom = resultFrom;
        this.resultTo = resultTo;
        this.resultNode = resultNode;
        this.hasResult = hasResult;
        this.error = error;
        this.tree = tree;
        this.id = id;
        this.hasMethod = hasMethod;
        this.jsonrpc = jsonrpc;
    }

    /**
     * Wraps a response that is already a tree.
     *
     * @param message the whole response object
     * @return the answer
     */
    public static RpcAnswer of(JsonNode message) {
        JsonNode idNode = message.get("id");
        String id = idNode == null || idNode.isNull() ? null : idNode.isTextual() ? idNode.textValue()
                : idNode.asText();
        JsonNode version = message.get("jsonrpc");
        return new RpcAnswer(null, 0, 0, -1, -1, message.get("result"), message.has("result"), message.get("error"),
                message, id, message.has("method"), version != null && version.isTextual() ? version.textValue()
                : null);
    }

    /**
     * Reads every message in one frame (an object, or an array of them for a batch) in one streaming pass, and gives
     * each to {@code each} only once the whole frame has been read: a frame that turns out malformed half-way then
     * delivers nothing, as a tree parse of it would.
     *
     * @param frame   one whole top-level JSON value
     * @param each    receives each message, in order
     * @throws IOException            when the bytes are not JSON
     * @throws ZinitProtocolException when a message (or a batch's element) is not an object
     */
    static void readFrame(byte[] frame, Consumer<RpcAnswer> each)
            throws IOException {
        try (JsonParser p = JsonRpcJson.FACTORY.createParser(frame)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                java.util.List<RpcAnswer> batch = new java.util.ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw new IOException("the batch ends early");
                    }
                    batch.add(readMessage(p, frame));
                }
                requireEnd(p);
                batch.forEach(each);
            } else {
                RpcAnswer one = readMessage(p, frame);
                requireEnd(p);
                each.accept(one);
            }
        }
    }

    /**
     * Reads a frame known to hold one JSON object (detection has already looked at it).
     *
     * @param frame one whole JSON object
     * @return the answer
     * @throws ZinitProtocolException when the bytes are not one JSON object after all
     */
    static RpcAnswer readOne(byte[] frame) {
        RpcAnswer[] one = new RpcAnswer[1];
        try {
            readFrame(frame, a -> one[0] = a);
        } catch (IOException e) {
            throw new ZinitProtocolException("zinit sent malformed JSON: " + JsonRpcFrameReader.abbreviate(
                    new String(frame, StandardCharsets.UTF_8)), e);
        }
        if (one[0] == null) {
            throw new ZinitProtocolException("zinit sent an empty batch: " + JsonRpcFrameReader.abbreviate(
                    new String(frame, StandardCharsets.UTF_8)));
        }
        return one[0];
    }

    private static void requireEnd(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new IOException("more than one value in one frame");
        }
    }

    /** Reads one message; the parser stands on its first token, and is left on its last. */
    private static RpcAnswer readMessage(JsonParser p, byte[] frame) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            JsonNode what = JsonRpcJson.mapper().readTree(p);
            throw new ZinitProtocolException("zinit sent something that is not a JSON-RPC 2.0 message: "
                    + JsonRpcFrameReader.abbreviate(String.valueOf(what)));
        }
        int from = (int) p.currentTokenLocation().getByteOffset();
        int resultFrom = -1;
        int resultTo = -1;
        JsonNode resultNode = null;
        boolean hasResult = false;
        JsonNode error = null;
        String id = null;
        boolean hasMethod = false;
        String jsonrpc = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "jsonrpc" -> {
                    jsonrpc = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    p.skipChildren();
                }
                case "id" -> id = switch (value) {
                    case VALUE_NULL -> null;
                    case VALUE_STRING, VALUE_NUMBER_INT -> p.getText();
                    // what a tree's asText() would give for any other kind of id: the answer then matches nobody
                    default -> JsonRpcJson.mapper().<JsonNode>readTree(p).asText();
                };
                case "method" -> {
                    hasMethod = true;
                    p.skipChildren();
                }
                case "result" -> {
                    hasResult = true;
                    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                        resultFrom = (int) p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        resultTo = (int) p.currentLocation().getByteOffset();
                        resultNode = null;
                    } else {
                        resultFrom = -1;
                        resultNode = value == JsonToken.VALUE_NULL ? NullNode.getInstance()
                                : JsonRpcJson.mapper().readTree(p);
                    }
                }
                case "error" -> error = value == JsonToken.VALUE_NULL ? NullNode.getInstance()
                        : JsonRpcJson.mapper().readTree(p);
                default -> p.skipChildren();
            }
        }
        int to = (int) p.currentLocation().getByteOffset();
        return new RpcAnswer(frame, from, to, resultFrom, resultTo, resultNode, hasResult, error, null, id, hasMethod,
                jsonrpc);
    }

    /** {@return the id as text (numbers in decimal), or {@code null} when absent or null} */
    public String id() {
        return id;
    }

    /** {@return whether the message is JSON-RPC 2.0 by its {@code jsonrpc} member} */
    public boolean isVersion2() {
        return "2.0".equals(jsonrpc);
    }

    /** {@return whether the message has a {@code method} (a notification, when it has no id)} */
    public boolean hasMethod() {
        return hasMethod;
    }

    /** {@return whether the message has an {@code error} member (even a null one)} */
    public boolean hasError() {
        return error != null;
    }

    /** {@return the {@code error} member, or {@code null} when absent} */
    public JsonNode error() {
        return error;
    }

    /** {@return whether the message has a {@code result} member (even a null one)} */
    public boolean hasResult() {
        return hasResult;
    }

    /** {@return whether the result is a JSON object} */
    boolean resultIsObject() {
        return resultFrom >= 0 ? bytes[resultFrom] == '{' : resultNode != null && resultNode.isObject();
    }

    /**
     * Reads the result straight into a type with a streaming reader.
     *
     * @param read reads the result from a parser standing before it; returns {@code null} for a shape it does not read
     * @param <T>  what it reads
     * @return what {@code read} gave, or {@code null}: the caller then reads {@link #result()} as a tree, which
     *         reports what is wrong
     */
    <T> T readResult(Function<JsonParser, T> read) {
        try (JsonParser p = resultParser()) {
            return read.apply(p);
        } catch (IOException e) {
            return null; // a parser over bytes already read whole: the tree path reads them again and says why
        }
    }

    private JsonParser resultParser() throws IOException {
        if (resultFrom >= 0) {
            return JsonRpcJson.FACTORY.createParser(bytes, resultFrom, resultTo - resultFrom);
        }
        JsonNode r = resultNode == null ? NullNode.getInstance() : resultNode;
        return r.traverse();
    }

    /**
     * The result as a tree, for the calls that read it as one.
     *
     * @return the result ({@code null} when absent, a null node when null)
     */
    JsonNode result() {
        if (resultFrom < 0) {
            return resultNode;
        }
        try {
            return JsonRpcJson.mapper().readTree(bytes, resultFrom, resultTo - resultFrom);
        } catch (IOException e) {
            // the bytes were read whole once already: this cannot happen unless the buffer changed under us
            throw new ZinitProtocolException("zinit sent malformed JSON: " + JsonRpcFrameReader.abbreviate(text()), e);
        }
    }

    /** {@return the whole message as a tree (for tests and rare paths)} */
    public JsonNode tree() {
        if (tree != null) {
            return tree;
        }
        try {
            return JsonRpcJson.mapper().readTree(bytes, from, to - from);
        } catch (IOException e) {
            throw new ZinitProtocolException("zinit sent malformed JSON: " + JsonRpcFrameReader.abbreviate(text()), e);
        }
    }

    /** {@return the message as text, for messages} */
    public String text() {
        return tree != null ? tree.toString() : new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text();
    }
}
