package io.zinit4j.testkit;

/** Which protocol generation a {@link FakeZinitServer} speaks; chosen when it is built. */
public enum Generation {
    /** The line protocol of zinit up to 0.2.14: one command per connection, answer, close. */
    LEGACY,
    /** JSON-RPC 2.0 as zinit 0.2.28 answers it: many requests per connection, each answer followed by a newline. */
    JSON_RPC
}
