package org.marginlab.figures.training;

import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.util.Map;
import org.marginlab.figures.RunData;
import org.marginlab.figures.RunFigure;
import org.marginlab.run.EpochSnapshot;

/**
 * A class-by-class matrix read from one epoch snapshot with a colour bar beside it: the state and
 * epoch choice that the similarity and confusion matrices share.
 */
abstract class EpochMatrixFigure implements RunFigure {

    private RunData run;
    private int epochIndex = -1;
    /** Where the last draw put the matrix and the colour bar, for tests and hit-testing. */
    protected Rectangle2D lastMatrix;
    protected Rectangle2D lastBar;

    /** True when the snapshot carries this figure's matrix. */
    abstract boolean holdsMatrix(EpochSnapshot e);

    @Override
    public void setRun(RunData r) {
        run = r;
    }

    /** Which epoch to show; −1 = the latest. */
    public void setEpochIndex(int i) {
        epochIndex = i;
    }

    public Rectangle2D lastMatrix() {
        return lastMatrix;
    }

    public Rectangle2D lastColorBar() {
        return lastBar;
    }

    /** The Fashion-MNIST class of head class j, by which the axes and CSV name and colour it. */
    int datasetClass(int j) {
        return run == null ? j : run.datasetClass(j);
    }

    /** "epoch 3", or "iteration 120 of 468 (0.26 epoch)" for a run that stopped inside an epoch. */
    String epochName(EpochSnapshot e) {
        return run == null ? "epoch " + (e.epoch() + 1) : run.epochName(e);
    }

    EpochSnapshot epoch() {
        if (run == null || run.epochs().isEmpty()) {
            return null;
        }
        int n = run.epochs().size();
        EpochSnapshot e = run.epochs().get(epochIndex < 0 || epochIndex >= n ? n - 1 : epochIndex);
        return holdsMatrix(e) ? e : null;
    }

    @Override
    public boolean hasData() {
        return epoch() != null;
    }

    @Override
    public Dimension preferredSize() {
        return new Dimension(900, 760);
    }

    @Override
    public Map<String, String> viewState() {
        EpochSnapshot e = epoch();
        return Map.of("epoch", e == null ? "" : Integer.toString(e.epoch() + 1));
    }
}
