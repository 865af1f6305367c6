package io.zinit4j.client.ops;

import java.util.List;
import java.util.Objects;

/**
 * Where service files and monitored services disagree, as far as zinit's API lets anyone know.
 *
 * <p>What cannot be known is never guessed: {@link #filesListed()} says whether {@link #unmonitoredFiles()} is a
 * complete answer, and {@link #notes()} names every limit of this report. In particular, whether a monitored service's
 * file changed since zinit loaded it ("stale") is not knowable: zinit reports neither the definition it loaded nor
 * when it loaded it, so this report never claims a service is or is not stale.
 *
 * <p>Immutable and thread-safe.
 *
 * @param unmonitoredFiles     service files that nothing monitors, sorted (empty when the files could not be listed)
 * @param filesListed          whether the service files could be listed, i.e. whether {@code unmonitoredFiles} is
 *                             complete
 * @param monitoredWithoutFile monitored services that have no service file, sorted
 * @param unreadableFiles      monitored services whose file exists but cannot be read as a service file, sorted
 * @param notes                what this report could not know, in plain words
 */
public record DriftReport(List<String> unmonitoredFiles, boolean filesListed, List<String> monitoredWithoutFile,
                          List<String> unreadableFiles, List<String> notes) {
    /**
     * Creates a report; the lists are copied as given, so pass them sorted.
     *
     * @param unmonitoredFiles     service files that nothing monitors (empty when the files could not be listed)
     * @param filesListed          whether the service files could be listed, i.e. whether {@code unmonitoredFiles} is
     *                             complete
     * @param monitoredWithoutFile monitored services that have no service file
     * @param unreadableFiles      monitored services whose file exists but cannot be read as a service file
     * @param notes                what this report could not know, in plain words
     * @throws NullPointerException when a list is {@code null}
     */
    public DriftReport {
        unmonitoredFiles = List.copyOf(Objects.requireNonNull(unmonitoredFiles, "unmonitoredFiles"));
        monitoredWithoutFile = List.copyOf(Objects.requireNonNull(monitoredWithoutFile, "monitoredWithoutFile"));
        unreadableFiles = List.copyOf(Objects.requireNonNull(unreadableFiles, "unreadableFiles"));
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
    }

    /** {@return whether no drift was found (which, when {@link #filesListed()} is false, is only a partial answer)} */
    public boolean noDriftFound() {
        return unmonitoredFiles.isEmpty() && monitoredWithoutFile.isEmpty() && unreadableFiles.isEmpty();
    }

    /** {@return a few lines for people: each kind of drift found, then the notes} */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("files nothing monitors: ")
                .append(filesListed ? String.valueOf(unmonitoredFiles) : "unknown (files cannot be listed)")
                .append('\n');
        b.append("monitored without a file: ").append(monitoredWithoutFile).append('\n');
        b.append("monitored with an unreadable file: ").append(unreadableFiles).append('\n');
        for (String note : notes) {
            b.append("note: ").append(note).append('\n');
        }
        return b.toString();
    }
}
