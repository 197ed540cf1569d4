package org.marginlab.ui.viewmodel;

import java.nio.file.Path;
import java.util.List;

import org.marginlab.config.TrainConfig;
import org.marginlab.metrics.openset.OpenSetMetrics;
import org.marginlab.run.LiveChange;
import org.marginlab.config.LiveField;
import org.marginlab.train.TrainingListener;

/**
 * What the window needs from the training engine. Kept this small so the window depends on the
 * engine in one adapter class only.
 */
public interface TrainingBackend {

    /**
     * Prepares and starts a run on the engine's training thread; may take seconds (it loads data),
     * so call it off the FX thread. Problems the user can fix arrive as {@link org.marginlab.UserException}.
     */
    Control start(TrainConfig config, TrainingListener listener);

    /**
     * Loads what a first run needs (the data set, the engine) ahead of Start, so the first picture comes
     * soon after it; may take seconds, call it off the FX thread. Problems wait for Start to report them.
     */
    default void prepare(String dataDir) {
    }

    /**
     * Continues a stopped run in its directory from its last checkpoint and starts it; may take seconds,
     * call it off the FX thread. It re-sends its snapshots from the checkpoint on.
     */
    Control resume(Path runDirectory, TrainingListener listener);

    /** PyTorch's CPU threads for the runs that follow, from the next iteration on. */
    /** The one line saying what the last data set read was, or null when none has been read. */
    default String dataSummary() {
        return null;
    }

    default void setThreads(int threads) {
    }

    /**
     * Starts several runs that take turns on one training thread with the same seed and data order,
     * for side-by-side comparison.
     */
    List<Control> startCompare(List<TrainConfig> configs, List<TrainingListener> listeners);

    /**
     * Reads a run directory written by the engine (config, snapshots, final state); may be slow, call
     * it off the FX thread. A missing or unreadable directory is a {@link org.marginlab.UserException}.
     */
    StoredRun open(Path runDirectory);

    /** Whether the run in {@code runDirectory} has a model to measure: a checkpoint (or the one before it). */
    boolean hasModel(Path runDirectory);

    /**
     * The run's latest model embedded on the test images (its held-out classes included) and measured in the
     * open set, as {@code marginlab evaluate} measures it; slow, call it off the FX thread. A collapsed model
     * is a {@link org.marginlab.UserException}.
     */
    OpenSetMeasurement measureOpenSet(Path runDirectory);

    /** An open-set measurement: the checkpoint's iteration and the metrics (ROC, EER, …) of its embeddings. */
    record OpenSetMeasurement(long iteration, OpenSetMetrics metrics) {
    }

    /** A run read back from disk, as plain data. */
    record StoredRun(Path directory, TrainConfig config, List<org.marginlab.run.IterationSnapshot> iterations,
                     List<org.marginlab.run.EpochSnapshot> epochs, org.marginlab.run.RunState state,
                     String device, List<LiveChange> changes, List<String> skipped) {

        /** A run whose files all read. */
        public StoredRun(Path directory, TrainConfig config, List<org.marginlab.run.IterationSnapshot> iterations,
                         List<org.marginlab.run.EpochSnapshot> epochs, org.marginlab.run.RunState state,
                         String device, List<LiveChange> changes) {
            this(directory, config, iterations, epochs, state, device, changes, List.of());
        }

        /** A run whose settings did not change while it trained. */
        public StoredRun(Path directory, TrainConfig config, List<org.marginlab.run.IterationSnapshot> iterations,
                         List<org.marginlab.run.EpochSnapshot> epochs, org.marginlab.run.RunState state,
                         String device) {
            this(directory, config, iterations, epochs, state, device, List.of());
        }
    }

    /** One running session; every method is safe from any thread and takes effect within an iteration. */
    interface Control {
        void pause();

        void resume();

        /** While paused, trains one iteration and pauses again. */
        void step();

        void cancel();

        /**
         * Sets a setting from the next iteration on (also while paused); a value outside the settings'
         * range is a {@link org.marginlab.UserException} naming it.
         */
        void change(LiveField field, double value);

        /** The run directory its files are written to. */
        Path directory();

        /** The device it trains on, as recorded with the run (e.g. "cpu()"). */
        String device();

        /** What it trains on (format, sizes, class names), as its config.json records it; null when not known. */
        default org.marginlab.data.DataRecord dataset() {
            return null;
        }
    }
}
