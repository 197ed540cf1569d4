package org.marginlab.figures.theory;

import java.util.List;

import java.awt.BasicStroke;

import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.figures.AngleAxes;
import org.marginlab.figures.AngleUnit;
import org.marginlab.figures.ChartFigure;
import org.marginlab.figures.FigureStyle;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/** An analytic figure: drawn from the heads' closed forms for a selected head and its parameters. */
public abstract class TheoryFigure extends ChartFigure implements AngleAxes, HeadFigure {

    protected HeadKind head = HeadKind.ARC;
    protected HeadParams params = HeadParams.defaults(HeadKind.ARC);
    protected AngleUnit unit = AngleUnit.DEGREES;
    /** C, for the figures that put a feature among C classes. */
    protected int classCount = 10;

    @Override
    public void setHead(HeadKind kind, HeadParams p) {
        this.head = kind;
        this.params = p;
        invalidate();
    }

    public HeadKind head() {
        return head;
    }

    public HeadParams params() {
        return params;
    }

    public void setClassCount(int c) {
        if (c < 2) {
            throw new IllegalArgumentException("class count must be at least 2, got " + c);
        }
        classCount = c;
        invalidate();
    }

    public int classCount() {
        return classCount;
    }

    @Override
    public void setAngleUnit(AngleUnit u) {
        this.unit = u;
        invalidate();
    }

    public AngleUnit angleUnit() {
        return unit;
    }

    /** Label of a head with the params it reads, e.g. {@code "ArcFace s=16 m=0.2"}. */
    public static String label(HeadKind k, HeadParams p, boolean withS) {
        return k.type().label(p, withS);
    }

    /** Sample grid over [0, π], inclusive. */
    protected static double[] thetaGrid(int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.PI * i / (n - 1);
        }
        return t;
    }

    /** The CSV of a {@link #probabilityAndPull} plot: {@code xName, P_y, dL_dtheta_y}, one row per sample. */
    protected static List<String[]> probabilityAndPullCsv(String xName, XYSeriesCollection probability, XYSeriesCollection pull) {
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {xName, "P_y", "dL_dtheta_y"});
        for (int i = 0; i < probability.getItemCount(0); i++) {
            rows.add(new String[] {org.marginlab.CsvNumbers.of(probability.getXValue(0, i)),
                org.marginlab.CsvNumbers.of(probability.getYValue(0, i)), org.marginlab.CsvNumbers.of(pull.getYValue(0, i))});
        }
        return rows;
    }

    /**
     * P(y) on the left axis and ∂L/∂θ_y on the right, each in its own colour, against {@code x}: the
     * plot of the s trade-off and of P(y) against θ_y.
     */
    protected static XYPlot probabilityAndPull(NumberAxis x, XYSeriesCollection probability, XYSeriesCollection pull) {
        NumberAxis left = new NumberAxis("P(y)");
        left.setRange(new Range(0, 1.02));
        left.setLabelPaint(FigureStyle.seriesColor(0));
        NumberAxis right = new NumberAxis("∂L/∂θ_y (per rad)");
        // a head with no pull at θ_y = 0 draws a flat zero: show it as 0 on a readable scale, not as ±5E-9
        right.setAutoRangeMinimumSize(0.1);
        right.setLabelPaint(FigureStyle.seriesColor(1));
        XYPlot plot = new XYPlot(probability, x, left, line(0));
        plot.setRangeAxis(1, right);
        plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
        plot.setDataset(1, pull);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, line(1));
        return plot;
    }

    private static XYLineAndShapeRenderer line(int colour) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, FigureStyle.seriesColor(colour));
        r.setSeriesStroke(0, new BasicStroke(2.4f));
        return r;
    }
}
