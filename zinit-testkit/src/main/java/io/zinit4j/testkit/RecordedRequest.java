package io.zinit4j.testkit;

import io.zinit4j.model.ShellWords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One request as a {@link FakeZinitServer} received it, for tests that assert on the wire (like MockWebServer's
 * recorded requests). Immutable.
 *
 * @param sequence   the request's number, from 1, in order of arrival
 * @param connection the number of the connection it came on, from 1
 * @param raw        the bytes received: for the legacy protocol the line including its {@code \n} (if one came), for
 *                   JSON-RPC one complete JSON value (an object or a batch array)
 * @param received   when it was received
 */
public record RecordedRequest(long sequence, long connection, byte[] raw, Instant received) {
    /**
     * Creates a recorded request; the bytes are copied, so later changes to the given array do not show.
     *
     * @param sequence   the request's number, from 1, in order of arrival
     * @param connection the number of the connection it came on, from 1
     * @param raw        the bytes received; never {@code null}
     * @param received   when it was received
     */
    public RecordedRequest {
        raw = raw.clone();
    }

    /** {@return the received bytes (a copy)} */
    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** {@return the received bytes as UTF-8 text} */
    public String text() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    /**
     * The legacy command as the server split it: the line without its line end, split shell-style.
     *
     * @return the words, or empty when the line does not split (an unbalanced quote)
     */
    public Optional<List<String>> words() {
        String t = text();
        int nl = t.indexOf('\n');
        return ShellWords.split(nl >= 0 ? t.substring(0, nl) : t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedRequest && ((RecordedRequest) o).sequence == sequence
                && ((RecordedRequest) o).connection == connection
                && java.util.Arrays.equals(((RecordedRequest) o).raw, raw)
                && ((RecordedRequest) o).received.equals(received);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + java.util.Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "RecordedRequest[#" + sequence + " on connection " + connection + ": " + text().strip() + "]";
    }
}
