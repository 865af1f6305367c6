/**
 * {@code zinitctl}: the command line, one picocli command class per command, and a picocli-free fast path for
 * {@code list}.
 */
package io.zinit4j.cli;
