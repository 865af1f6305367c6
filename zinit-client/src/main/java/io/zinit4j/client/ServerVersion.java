package io.zinit4j.client;

import java.util.Objects;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * The zinit version behind a client, and where that knowledge came from, so that nobody mistakes a guess for a fact.
 *
 * @param version the parsed version, when one is known
 * @param source  where it came from
 * @param raw     the text it was read from (empty when unknown)
 */
public record ServerVersion(Optional<Semver> version, Source source, String raw) {
    /**
     * Creates a version record; {@link #unknown(String)} is the one for "nothing could tell".
     *
     * @param version the parsed version, or {@link Optional#empty()} when none is known; never {@code null}
     * @param source  where it came from; never {@code null}
     * @param raw     the text it was read from, empty when unknown; never {@code null}
     * @throws NullPointerException when any component is {@code null}
     */
    public ServerVersion {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(raw, "raw");
    }

    /** Where a version came from. */
    public enum Source {
        /** The server on the socket said so. */
        SERVER,
        /** A local zinit binary said so ({@code zinit -V}); it may not be the one answering on the socket. */
        LOCAL_BINARY,
        /** Nothing could tell. */
        UNKNOWN
    }

    /**
     * {@return a version that says it is unknown}
     *
     * @param reason why nothing could tell
     */
    public static ServerVersion unknown(String reason) {
        return new ServerVersion(Optional.empty(), Source.UNKNOWN, reason);
    }

    @Override
    public String toString() {
        return version.map(Semver::toString).orElse("unknown") + " (" + source.name().toLowerCase(java.util.Locale.ROOT)
                + (raw.isEmpty() ? "" : ": " + raw) + ")";
    }
}
