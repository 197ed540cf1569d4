package org.marginlab.figures;

/** A figure drawn from a run's snapshots; the window hands it a fresh {@link RunData} as snapshots arrive. */
public interface RunFigure extends Figure {

    void setRun(RunData run);
}
