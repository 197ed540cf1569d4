package org.marginlab.run;

import java.io.IOException;
import org.marginlab.AtomicFiles;
import java.nio.file.Path;

/** Names of the files in a run directory, and the atomic write they all share. */
public final class RunFiles {

    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.csv";
    public static final String SUMMARY = "summary.json";
    public static final String SNAPSHOTS = "snapshots.bin";
    public static final String INDEX = "snapshots.idx";
    public static final String CHECKPOINT = "checkpoint.bin";
    /** The checkpoint before {@link #CHECKPOINT}, for resuming when that one is damaged. */
    public static final String CHECKPOINT_PREVIOUS = "checkpoint.prev.bin";

    private RunFiles() {
    }

    /** Writes to a temporary sibling, forces it to disk, then renames it over the target. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        AtomicFiles.write(target, content);
    }
}
