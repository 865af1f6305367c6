/**
 * The values zinit deals in: service states and targets, statuses, signals, log lines, service files and filters.
 *
 * <p>Everything here is immutable and safe to share between threads. Nothing here opens a socket; {@link
 * io.zinit4j.model.ServiceFiles} is the only class that touches the file system.
 */
package io.zinit4j.model;
