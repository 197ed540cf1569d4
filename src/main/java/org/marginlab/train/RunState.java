package org.marginlab.train;

/** Life cycle of a training session. */
public enum RunState {
    READY, RUNNING, PAUSED, FINISHED, CANCELLED, FAILED
}
