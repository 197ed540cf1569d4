package org.marginlab.run;

/** Life cycle of a training session. */
public enum RunState {
    READY, RUNNING, PAUSED, FINISHED, CANCELLED, FAILED
}
