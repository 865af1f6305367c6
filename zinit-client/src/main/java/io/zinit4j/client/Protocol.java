package io.zinit4j.client;

/**
 * Which protocol generation a client speaks.
 */
public enum Protocol {
    /** Find out on first use which generation answers, and keep to it. The default. */
    AUTO,
    /** The line protocol of zinit up to 0.2.14: one command per connection. */
    LEGACY,
    /** JSON-RPC 2.0 of zinit 0.2.15 and later: one long-lived connection. */
    JSON_RPC
}
