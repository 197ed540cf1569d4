package org.marginlab.train;

import org.marginlab.UserException;
import org.marginlab.metrics.openset.OpenSetMetrics;
import org.marginlab.run.Checkpoint;
import org.marginlab.run.RunFiles;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's final model measured in the open set: its {@link EvaluationSet} and the {@link OpenSetMetrics} of
 * those embeddings. The one measurement behind {@code marginlab evaluate}, the Open set tab and the
 * {@code open-set-roc} overlay of {@code marginlab figures}.
 */
public record OpenSetEvaluation(EvaluationSet set, OpenSetMetrics metrics) {

    /** Whether the run has a model to measure: a checkpoint (or the previous one), as {@link Checkpoint#latest} reads. */
    public static boolean hasModel(Path runDir) {
        return Files.isRegularFile(runDir.resolve(RunFiles.CHECKPOINT)) || Files.isRegularFile(runDir.resolve(RunFiles.CHECKPOINT_PREVIOUS));
    }

    /**
     * Embeds and measures the run in {@code runDir} (data from {@code dataDir}, else where config.json says
     * or is found). A model that maps an image to zero is a one-line UserException: a collapsed embedding
     * has no direction to compare.
     */
    public static OpenSetEvaluation of(Path runDir, Path dataDir) {
        return measure(runDir, EvaluationSet.embed(runDir, dataDir));
    }

    /** Measures {@code set}, embedded from the run in {@code runDir} (named in the message of a collapse). */
    public static OpenSetEvaluation measure(Path runDir, EvaluationSet set) {
        try {
            return new OpenSetEvaluation(set, OpenSetMetrics.of(set.features(), set.labels()));
        } catch (IllegalArgumentException e) {
            throw new UserException(runDir + ": the model maps a test image to zero: " + e.getMessage()
                    + "; the run has collapsed, so its embedding has no open-set metric");
        }
    }
}
