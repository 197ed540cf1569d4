package org.marginlab.reproduce;

import org.marginlab.train.TrainingSession;

/**
 * A request to stop a reproduce (Ctrl-C, SIGTERM): the run training now stops at its next iteration, with its
 * checkpoint and a summary saying where, and no further run starts. Rerunning the same command continues it.
 * Thread-safe: a signal handler requests, the training loop watches.
 */
public final class StopRequest {

    private volatile boolean requested;
    private volatile TrainingSession current;

    /** Stops the run training now at its next iteration, and keeps the next one from starting. */
    public void request() {
        requested = true;
        TrainingSession s = current;
        if (s != null) {
            s.cancel();
        }
    }

    public boolean requested() {
        return requested;
    }

    /** The session now training (started); cancelled at once if a stop came while it was being set up. */
    void watch(TrainingSession s) {
        current = s;
        if (requested) {
            s.cancel();
        }
    }
}
