package org.marginlab.ui;

import java.nio.file.Path;
import java.util.List;

import org.marginlab.config.TrainConfig;
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

    /** A run read back from disk, as plain data. */
    record StoredRun(Path directory, TrainConfig config, List<org.marginlab.run.IterationSnapshot> iterations,
                     List<org.marginlab.run.EpochSnapshot> epochs, org.marginlab.run.RunState state,
                     String device, List<LiveChange> changes) {

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
    }
}
