package io.zinit4j.client.ops;

/** What happened to a service file. Constants are immutable and thread-safe. */
public enum FileChange {
    /** There was no file; one was written. */
    CREATED,
    /** A file with other content (or an unreadable one) was replaced. */
    UPDATED,
    /** The same content was already there; nothing was written. */
    UNCHANGED,
    /** The file was deleted. */
    REMOVED,
    /** There was no file and none was wanted. */
    ABSENT
}
