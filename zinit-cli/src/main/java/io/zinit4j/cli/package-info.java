/**
 * {@code zinitctl}: the command line, one picocli command class per command.
 */
package io.zinit4j.cli;
