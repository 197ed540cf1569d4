package org.marginlab.figures;

/**
 * A figure whose axes a replay holds still: the frames of a replay GIF cut the run short one by one, and
 * axes that rescaled to each cut would make the curves jump while the data did not.
 */
public interface SteadyAxes {
    /** Fixes the axes to the data the figure holds now (the whole run), for every run given to it later. */
    void fixAxes();
}
