package org.marginlab.figures.training;

import org.marginlab.figures.FigureStyle;

import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.util.Map;
import org.marginlab.figures.RunData;
import org.marginlab.figures.RunFigure;
import org.marginlab.figures.Evaluation;

/**
 * A class-by-class matrix read from one {@link Evaluation} (the test set at an epoch's end, or the probe
 * set of a later snapshot) with a colour bar beside it: the state and the choice of evaluation that the
 * similarity and confusion matrices share.
 */
abstract class EpochMatrixFigure implements RunFigure {

    /** The run drawn; the subclasses read its class count, names and colours. */
    RunData run;
    /** The run's evaluations, worked out once per run given. */
    private java.util.List<Evaluation> evals = java.util.List.of();
    private int epochIndex = -1;
    /** Where the last draw put the matrix and the colour bar, for tests and hit-testing. */
    protected Rectangle2D lastMatrix;
    protected Rectangle2D lastBar;

    /** True when the evaluation carries this figure's matrix. */
    abstract boolean holdsMatrix(Evaluation e);

    @Override
    public void setRun(RunData r) {
        run = r;
        evals = r == null ? java.util.List.of() : r.evaluations();
    }

    /** Which evaluation to show: an epoch's index, or −1 = the latest (a later snapshot's probe set included). */
    public void setEpochIndex(int i) {
        epochIndex = i;
    }

    public Rectangle2D lastMatrix() {
        return lastMatrix;
    }

    public Rectangle2D lastColorBar() {
        return lastBar;
    }

    /** The data set's class of head class j, by which the axes and CSV name and colour it. */
    int datasetClass(int j) {
        return run == null ? j : run.datasetClass(j);
    }

    /** Which set it counts and when: "test set (10000 images), end of epoch 3", a partial epoch named by its iteration. */
    String source(Evaluation e) {
        return run == null ? e.source() : run.sourceOf(e);
    }

    /** The data set's name of dataset class y. */
    String className(int y) {
        return run == null ? FigureStyle.className(y) : run.className(y);
    }

    Evaluation epoch() {
        java.util.List<Evaluation> all = evals;
        if (all.isEmpty()) {
            return null;
        }
        int n = all.size();
        Evaluation e = all.get(epochIndex < 0 || epochIndex >= n ? n - 1 : epochIndex);
        return holdsMatrix(e) ? e : null;
    }

    /** The note drawn while there is nothing to show. */
    String noDataNote() {
        return run == null || run.iterations().isEmpty() ? "no snapshot yet" : "no data for this figure in the run";
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
        Evaluation e = epoch();
        return Map.of("epoch", e == null ? "" : Integer.toString(e.epoch() + 1),
                "evaluated_on", e == null ? "" : e.testSet() ? "test set" : "probe set, iteration " + e.iteration());
    }
}
