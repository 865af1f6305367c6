package io.zinit4j.testkit;

/**
 * A request the fake zinit refuses, independent of the protocol; each generation renders it in zinit's own words.
 */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    enum Kind {
        NOT_FOUND, ALREADY_MONITORED, IS_UP, IS_DOWN, INVALID_SIGNAL, CONFIG, SHUTTING_DOWN, ALREADY_EXISTS,
        FILE_ERROR, INVALID_NAME
    }

    private final Kind kind;
    private final String service;

    Refusal(Kind kind, String service) {
        super(kind + " " + service, null, false, false);
        this.kind = kind;
        this.service = service;
    }

    Kind kind() {
        return kind;
    }

    String service() {
        return service;
    }
}
