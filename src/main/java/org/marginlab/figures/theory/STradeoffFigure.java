package org.marginlab.figures.theory;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.figures.FigureIds;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.Fmt;
import org.marginlab.loss.HeadKind;

/**
 * Angular-loss paper Fig. 4 / Eq. 11: with the target at θ_y = 0 and the C − 1 other classes at θ_j = π/2,
 * the angular loss (logits s·(π − θ)) gives P(y) = e^{sπ} / (e^{sπ} + (C − 1)e^{sπ/2}) and
 * ∂L/∂θ_y = (P(y) − 1)·∂Z_y/∂θ_y = −s·(P(y) − 1) = s·(1 − P(y)). Larger s buys confidence P(y) at the
 * cost of the angular gradient that keeps pulling features in. The current s is marked.
 */
public final class STradeoffFigure extends TheoryFigure {

    static final int SAMPLES = 401;
    /** Right end of the s axis: the paper's largest s. */
    private static final double S_MAX = 20;
    private int classCount = 10;

    public STradeoffFigure() {
        head = HeadKind.ARC;
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

    /** P(y) of Sec. 3.2, written as 1 / (1 + (C − 1)e^{−sπ/2}) so large s does not overflow. */
    public static double pTarget(double s, int classes) {
        return 1 / (1 + (classes - 1) * Math.exp(-s * Math.PI / 2));
    }

    /** Eq. 11, j = y: −s(P(y) − 1). */
    public static double angularGradient(double s, int classes) {
        return -s * (pTarget(s, classes) - 1);
    }

    /** The s axis reaches past the current s when the selected head is the angular loss this figure is about. */
    private double axisMax() {
        return head == HeadKind.ARC ? Math.max(S_MAX, Math.ceil(params.s() + 1)) : S_MAX;
    }

    XYSeriesCollection[] data() {
        XYSeries p = new XYSeries("P(y) (left axis)", false, true);
        XYSeries g = new XYSeries("∂L/∂θ_y = s(1 − P(y)) (right axis)", false, true);
        double max = axisMax();
        for (int i = 0; i < SAMPLES; i++) {
            double s = max * i / (SAMPLES - 1);
            p.add(s, pTarget(s, classCount));
            g.add(s, angularGradient(s, classCount));
        }
        return new XYSeriesCollection[] {new XYSeriesCollection(p), new XYSeriesCollection(g)};
    }

    @Override
    public String id() {
        return FigureIds.S_TRADEOFF;
    }

    @Override
    public String title() {
        return "Scale s: confidence P(y) vs angular gradient (angular loss)";
    }

    @Override
    protected JFreeChart buildChart() {
        XYSeriesCollection[] d = data();
        NumberAxis x = new NumberAxis("scale s (unitless)");
        NumberAxis left = new NumberAxis("P(y) (probability)");
        left.setRange(new Range(0, 1.02));
        NumberAxis right = new NumberAxis("∂L/∂θ_y (loss per rad)");
        XYLineAndShapeRenderer r0 = new XYLineAndShapeRenderer(true, false);
        r0.setSeriesPaint(0, FigureStyle.seriesColor(0));
        r0.setSeriesStroke(0, new BasicStroke(2.4f));
        XYLineAndShapeRenderer r1 = new XYLineAndShapeRenderer(true, false);
        r1.setSeriesPaint(0, FigureStyle.seriesColor(1));
        r1.setSeriesStroke(0, new BasicStroke(2.4f));
        XYPlot plot = new XYPlot(d[0], x, left, r0);
        plot.setRangeAxis(1, right);
        plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
        plot.setDataset(1, d[1]);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, r1);
        right.setLabelPaint(FigureStyle.seriesColor(1));
        left.setLabelPaint(FigureStyle.seriesColor(0));
        x.setRange(0, axisMax());
        if (head == HeadKind.ARC) {
            ValueMarker m = new ValueMarker(params.s(), FigureStyle.INK, FigureStyle.dashed(1.4));
            m.setLabel("current s = " + Fmt.num(params.s()) + ": P(y) = "
                    + Fmt.fixed(pTarget(params.s(), classCount), 3) + ", ∂L/∂θ_y = "
                    + Fmt.fixed(angularGradient(params.s(), classCount), 3));
            m.setLabelFont(FigureStyle.LEGEND_FONT);
            m.setLabelPaint(FigureStyle.INK);
            m.setLabelBackgroundColor(new java.awt.Color(255, 255, 255, 230));
            m.setLabelAnchor(RectangleAnchor.CENTER);
            m.setLabelTextAnchor(params.s() > axisMax() / 2 ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT);
            plot.addDomainMarker(m, Layer.FOREGROUND);
        }
        JFreeChart c = new JFreeChart(title(), FigureStyle.TITLE_FONT, plot, true);
        c.addSubtitle(0, new TextTitle("Eq. 11 with C = " + classCount
                + " classes, θ_y = 0 and θ_j = π/2 for j ≠ y (angular-loss paper Fig. 4)"));
        return c;
    }

    @Override
    public List<String[]> csv() {
        XYSeriesCollection[] d = data();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"s", "P_y", "dL_dtheta_y"});
        for (int i = 0; i < d[0].getItemCount(0); i++) {
            rows.add(new String[] {Fmt.csv(d[0].getXValue(0, i)), Fmt.csv(d[0].getYValue(0, i)),
                Fmt.csv(d[1].getYValue(0, i))});
        }
        return rows;
    }

    @Override
    public Map<String, String> viewState() {
        return head == HeadKind.ARC ? Map.of("classes", Integer.toString(classCount), "s", Fmt.num(params.s()))
                : Map.of("classes", Integer.toString(classCount));
    }

}
