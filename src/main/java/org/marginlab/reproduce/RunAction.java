package org.marginlab.reproduce;

import org.marginlab.run.RunFiles;
import org.marginlab.run.RunReader;
import org.marginlab.run.RunState;
import org.marginlab.run.RunSummary;

import java.nio.file.Files;
import java.nio.file.Path;

/** What an interrupted reproduce does with a run's directory when it starts again. */
public enum RunAction {
    /** summary.json is there and the run was not stopped: it ended (finished, or failed); reuse it. */
    SKIP,
    /**
     * config.json and a checkpoint (latest or previous) are there, and no summary or one that says the run was
     * stopped (Ctrl-C): continue from it.
     */
    RESUME,
    /** config.json but no checkpoint yet: killed before its first checkpoint; start it over. */
    RESTART,
    /** Nothing there: start it. */
    START;

    public static RunAction decide(Path runDir) {
        if (Files.isRegularFile(runDir.resolve(RunFiles.SUMMARY)) && !stopped(runDir)) {
            return SKIP;
        }
        if (Files.isRegularFile(runDir.resolve(RunFiles.CONFIG))) {
            return Files.isRegularFile(runDir.resolve(RunFiles.CHECKPOINT))
                    || Files.isRegularFile(runDir.resolve(RunFiles.CHECKPOINT_PREVIOUS)) ? RESUME : RESTART;
        }
        return START;
    }

    /** Whether the run's summary says it was stopped before its end (a damaged summary is left to SKIP's reading). */
    private static boolean stopped(Path runDir) {
        RunSummary s = RunReader.summary(runDir);
        return s != null && RunState.CANCELLED.name().equalsIgnoreCase(s.state());
    }
}
