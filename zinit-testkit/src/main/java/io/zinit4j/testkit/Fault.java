package io.zinit4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A misbehaviour a {@link FakeZinitServer} shows on the next request instead of its normal answer, to test how a client
 * copes. Immutable.
 *
 * @param kind    what goes wrong
 * @param garbage the bytes sent for {@link Kind#GARBAGE}; empty otherwise
 */
public record Fault(Kind kind, byte[] garbage) {
    /** The misbehaviours. */
    public enum Kind {
        /** Close the connection at once, without answering. */
        CLOSE_EARLY,
        /** Answer with the given bytes instead of a valid answer, then close. */
        GARBAGE,
        /** Read the request and never answer (the connection stays open until the server closes). */
        NEVER_ANSWER,
        /** Send the first half of the real answer, then close. */
        HALF_RESPONSE
    }

    /**
     * Creates a fault; the factory methods are the usual way to get one. The bytes are copied.
     *
     * @param kind    what goes wrong; never {@code null}
     * @param garbage the bytes sent for {@link Kind#GARBAGE}; {@code null} for none
     * @throws NullPointerException when {@code kind} is {@code null}
     */
    public Fault {
        Objects.requireNonNull(kind, "kind");
        garbage = garbage == null ? new byte[0] : garbage.clone();
    }

    /** {@return the bytes sent for {@link Kind#GARBAGE} (a copy)} */
    @Override
    public byte[] garbage() {
        return garbage.clone();
    }

    /** {@return a fault that closes the connection without answering} */
    public static Fault closeEarly() {
        return new Fault(Kind.CLOSE_EARLY, null);
    }

    /**
     * {@return a fault that sends this text and closes}
     *
     * @param text what to send instead of the answer
     */
    public static Fault garbage(String text) {
        return new Fault(Kind.GARBAGE, text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@return a fault that never answers} */
    public static Fault neverAnswer() {
        return new Fault(Kind.NEVER_ANSWER, null);
    }

    /** {@return a fault that sends half of the real answer and closes} */
    public static Fault halfResponse() {
        return new Fault(Kind.HALF_RESPONSE, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fault && ((Fault) o).kind == kind && java.util.Arrays.equals(((Fault) o).garbage, garbage);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + java.util.Arrays.hashCode(garbage);
    }

    @Override
    public String toString() {
        return "Fault[" + kind + (garbage.length > 0 ? ", " + new String(garbage, StandardCharsets.UTF_8) : "") + "]";
    }
}
