/**
 * The golden transcripts recorded from real zinit servers, as classpath resources, and {@link
 * io.zinit4j.transcripts.Transcripts}, the one locator and row format for them.
 */
package io.zinit4j.transcripts;
