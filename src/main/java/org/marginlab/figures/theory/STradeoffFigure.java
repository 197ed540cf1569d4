package org.marginlab.figures.theory;

import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.Fmt;

/**
 * Angular-loss paper Fig. 4 / Eq. 11, for the selected head: with the target at θ_y = 0 and the C − 1 other
 * classes at θ_j = π/2 ({@link OneVsRest}), how P(y) and ∂L/∂θ_y grow or fade with the logit scale — s
 * for the heads that read it, ‖x‖ for the others. For the angular loss (logits s·(π − θ)) this is the
 * paper's P(y) = e^{sπ} / (e^{sπ} + (C − 1)e^{sπ/2}) and ∂L/∂θ_y = s·(1 − P(y)): larger s buys confidence
 * at the cost of the angular gradient that keeps pulling features in. Cosine heads have ∂Z_y/∂θ_y = 0 at
 * θ_y = 0, so no s gives them that pull. The current s is marked.
 */
public final class STradeoffFigure extends TheoryFigure {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "s-tradeoff";


    static final int SAMPLES = 401;
    /** Right end of the s axis: the paper's largest s. */
    private static final double S_MAX = 20;

    private boolean marksS() {
        return OneVsRest.readsS(head);
    }

    /** The s axis reaches past the current s. */
    private double axisMax() {
        return marksS() ? Math.max(S_MAX, Math.ceil(params.s() + 1)) : S_MAX;
    }

    private OneVsRest at(double scale) {
        return OneVsRest.atScale(head, params, classCount, scale);
    }

    XYSeriesCollection[] data() {
        XYSeries p = new XYSeries("P(y) (left axis)", false, true);
        XYSeries g = new XYSeries("∂L/∂θ_y (right axis)", false, true);
        double max = axisMax();
        for (int i = 0; i < SAMPLES; i++) {
            double s = max * i / (SAMPLES - 1);
            p.add(s, at(s).pTarget(0));
            g.add(s, at(s).lossSlope(0));
        }
        return new XYSeriesCollection[] {new XYSeriesCollection(p), new XYSeriesCollection(g)};
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Scale s: confidence P(y) vs angular gradient";
    }

    @Override
    protected JFreeChart buildChart() {
        XYSeriesCollection[] d = data();
        NumberAxis x = new NumberAxis(marksS() ? "scale s (unitless)" : "feature norm ‖x‖ (‖W‖ = 1)");
        XYPlot plot = probabilityAndPull(x, d[0], d[1]);
        x.setRange(0, axisMax());
        JFreeChart c = new JFreeChart(title(), FigureStyle.titleFont(), plot, true);
        c.addSubtitle(0, new TextTitle(label(head, params, false) + ", C = " + classCount
                + ", θ_y = 0, θ_j = π/2 (angular-loss paper Eq. 11)"));
        if (marksS()) {
            // the values go in a subtitle, not on the marker, where a narrow plot would cut them off
            OneVsRest now = at(params.s());
            c.addSubtitle(1, new TextTitle("current s = " + Fmt.num(params.s()) + ": P(y) = "
                    + Fmt.fixed(now.pTarget(0), 3) + ", ∂L/∂θ_y = " + Fmt.fixed(now.lossSlope(0), 3)));
            ValueMarker m = new ValueMarker(params.s(), FigureStyle.ink(), FigureStyle.dashed(1.4));
            plot.addDomainMarker(m, Layer.FOREGROUND);
        }
        return c;
    }

    @Override
    public List<String[]> csv() {
        XYSeriesCollection[] d = data();
        return probabilityAndPullCsv("s", d[0], d[1]);
    }

    @Override
    public Map<String, String> viewState() {
        return marksS() ? Map.of("head", head.id(), "classes", Integer.toString(classCount), "s", Fmt.num(params.s()))
                : Map.of("head", head.id(), "classes", Integer.toString(classCount));
    }

}
