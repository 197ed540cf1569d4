package org.marginlab.train;

import org.marginlab.run.LiveChange;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;
import org.marginlab.run.RunState;

/**
 * Receives a run's snapshots on the training thread. Implementations must return quickly and
 * hand work to other threads themselves; the snapshots are plain arrays and safe to share.
 */
public interface TrainingListener {

    default void onIteration(IterationSnapshot snapshot) {
    }

    default void onEpoch(EpochSnapshot snapshot) {
    }

    /** Called after every optimizer step, for progress bars; keep it cheap. */
    default void onProgress(long iteration, long totalIterations, int epoch) {
    }

    /** A live change took effect at the top of iteration {@code change.iteration()}. */
    default void onChange(LiveChange change) {
    }

    default void onStateChanged(RunState state, String message) {
    }

    /** One line for the user that is no state of the run (a resumed run set records aside it recomputed otherwise). */
    default void onNotice(String line) {
    }
}
