package org.marginlab.reproduce;

import org.marginlab.run.RunFiles;

import java.nio.file.Files;
import java.nio.file.Path;

/** What an interrupted reproduce does with a run's directory when it starts again. */
public enum RunAction {
    /** summary.json is there: the run ended; reuse it. */
    SKIP,
    /** config.json and a checkpoint (latest or previous) are there but no summary: continue from it. */
    RESUME,
    /** config.json but no checkpoint yet: killed before its first checkpoint; start it over. */
    RESTART,
    /** Nothing there: start it. */
    START;

    public static RunAction decide(Path runDir) {
        if (Files.isRegularFile(runDir.resolve(RunFiles.SUMMARY))) {
            return SKIP;
        }
        if (Files.isRegularFile(runDir.resolve(RunFiles.CONFIG))) {
            return Files.isRegularFile(runDir.resolve(RunFiles.CHECKPOINT))
                    || Files.isRegularFile(runDir.resolve(RunFiles.CHECKPOINT_PREVIOUS)) ? RESUME : RESTART;
        }
        return START;
    }
}
