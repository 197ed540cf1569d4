package org.marginlab.train;

import org.marginlab.loss.HeadParams;
import org.marginlab.metrics.AngleStatistics;
import org.marginlab.run.Checkpoint;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.LiveChange;
import org.marginlab.run.MetricsRow;
import org.marginlab.run.RunSummary;
import org.marginlab.run.RunWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run leaves behind and tells its listeners: at a snapshot the snapshots, the metrics.csv row and a
 * checkpoint on disk, then the listeners; each live change; at the end the summary. Without a run directory
 * only the listeners hear of it. DJL-free: the session hands it plain records and a way to take a checkpoint.
 */
final class RunRecorder {

    /** The model and optimizer state now, or null when none is due or it must not be saved (a parameter is not finite). */
    @FunctionalInterface
    interface CheckpointSource {
        Checkpoint take() throws IOException;
    }

    private final RunWriter writer;
    private final List<TrainingListener> listeners;
    private long lastCheckpoint;

    /**
     * @param writer         the run directory's writer, or null for a run without one
     * @param listeners      told after the files are written; a live list, read at each call
     * @param lastCheckpoint the iteration of the checkpoint the run resumed from, or -1
     */
    RunRecorder(RunWriter writer, List<TrainingListener> listeners, long lastCheckpoint) {
        this.writer = writer;
        this.listeners = listeners;
        this.lastCheckpoint = lastCheckpoint;
    }

    Path directory() {
        return writer == null ? null : writer.directory();
    }

    /**
     * The metrics.csv row at {@code iteration}: the probe statistics and training figures of {@code is}, the
     * test figures of {@code es}, each NaN where its snapshot is null.
     */
    static MetricsRow row(long iteration, int epoch, IterationSnapshot is, EpochSnapshot es, double learningRate,
                          HeadParams params) {
        double nan = Double.NaN;
        AngleStatistics.Summary probe = is != null ? AngleStatistics.of(is.embeddings(), is.probeLabels(), is.weights())
                : new AngleStatistics.Summary(nan, nan, nan);
        return new MetricsRow(iteration, epoch, is != null ? is.loss() : nan, is != null ? is.trainAccuracy() : nan,
                es != null ? es.testAccuracy() : nan, learningRate,
                es != null ? es.wcIntra() : nan, es != null ? es.wInter() : nan, es != null ? es.cInter() : nan,
                is != null ? is.imagesPerSecond() : nan, probe.wcIntra(), probe.wInter(), probe.cInter(),
                params.s(), params.m(), params.lambda());
    }

    /** Writes the snapshots (either may be null), the row and a checkpoint, then tells the listeners. */
    void record(MetricsRow row, IterationSnapshot is, EpochSnapshot es, CheckpointSource checkpoint) throws IOException {
        if (writer != null) {
            if (is != null) {
                writer.snapshot(is);
            }
            if (es != null) {
                writer.snapshot(es);
            }
            writer.metrics(row);
            Checkpoint c = checkpoint.take();
            if (c != null) {
                writer.checkpoint(c);
                lastCheckpoint = c.iteration();
            }
        }
        // after the checkpoint: a listener that evaluates the model at this epoch (the Open set tab) finds it on disk
        for (TrainingListener l : listeners) {
            if (is != null) {
                l.onIteration(is);
            }
            if (es != null) {
                l.onEpoch(es);
            }
        }
    }

    /** A checkpoint at {@code iteration} unless one is there already (a run stopped between snapshots). */
    void checkpointAt(long iteration, CheckpointSource checkpoint) throws IOException {
        if (writer != null && lastCheckpoint < iteration) {
            Checkpoint c = checkpoint.take();
            if (c != null) {
                writer.checkpoint(c);
                lastCheckpoint = c.iteration();
            }
        }
    }

    /** A live change took effect: into changes.csv, then to the listeners. */
    void change(LiveChange c) throws IOException {
        if (writer != null) {
            writer.change(c);
        }
        for (TrainingListener l : listeners) {
            l.onChange(c);
        }
    }

    /** Where a resume would start from, in words for a message. */
    String lastCheckpoint() {
        return writer == null ? "none (no run directory)"
                : lastCheckpoint < 0 ? "none yet" : "iteration " + lastCheckpoint + " in " + writer.directory();
    }

    /** {@link RunWriter#discardNew}: whether the run's folder was removed; false without a writer. */
    boolean discardNew() throws IOException {
        return writer != null && writer.discardNew();
    }

    /** Writes summary.json and completes the run's files. */
    void finish(RunSummary summary) throws IOException {
        if (writer != null) {
            try {
                writer.summary(summary);
            } finally {
                writer.close(); // also lets go of the run's lock
            }
        }
    }
}
