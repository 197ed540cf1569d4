package org.marginlab.run;

import java.io.IOException;
import org.marginlab.AtomicFiles;
import java.nio.file.Path;

/** Names of the files in a run directory, and the atomic write they all share. */
public final class RunFiles {

    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.csv";
    /** Settings changed while training ({@link LiveChange}), one row each; absent when none changed. */
    public static final String CHANGES = "changes.csv";
    public static final String SUMMARY = "summary.json";
    public static final String SNAPSHOTS = "snapshots.bin";
    public static final String INDEX = "snapshots.idx";
    public static final String CHECKPOINT = "checkpoint.bin";
    /** The checkpoint before {@link #CHECKPOINT}, for resuming when that one is damaged. */
    public static final String CHECKPOINT_PREVIOUS = "checkpoint.prev.bin";
    /** Locked by the one process writing the run ({@link RunLock}); names it. */
    public static final String LOCK = "writer.lock";

    /** Every file a run may hold, in the order {@code marginlab check} reports them. */
    public static final java.util.List<String> ALL = java.util.List.of(CONFIG, METRICS, SNAPSHOTS, INDEX, CHECKPOINT,
            CHECKPOINT_PREVIOUS, CHANGES, SUMMARY, LOCK);

    private RunFiles() {
    }

    /** A text file as UTF-8; a one-line UserException naming it when it cannot be read or is not text. */
    public static String readText(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (IOException e) {
            throw new org.marginlab.UserException(file + ": cannot read it (" + org.marginlab.IoErrors.describe(e) + ")");
        }
    }

    /** Writes to a temporary sibling, forces it to disk, then renames it over the target. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        AtomicFiles.write(target, content);
    }
}
