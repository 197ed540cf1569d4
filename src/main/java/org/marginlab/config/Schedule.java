package org.marginlab.config;

/** The learning-rate schedules (implemented by {@code train.LrSchedule}). */
public enum Schedule implements Choice {
    CONSTANT, STEP, ONECYCLE;

    @Override
    public String toString() {
        return id();
    }
}
