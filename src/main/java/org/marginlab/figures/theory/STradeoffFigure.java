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
 * paper's P(y) = e^{sπ} / (e^{sπ} + (C − 1)e^{sπ/2}) and ∂L/∂θ_y = s·(1 − P(y)) (Eq. 11, which holds for
 * the angular loss alone): larger s buys confidence at the cost of the angular gradient that keeps pulling
 * features in. Heads whose target logit is a plain cosine of θ_y (Softmax, NormFace, CosFace, SphereFace,
 * L-Softmax, Center) have ∂Z_y/∂θ_y = 0 at θ_y = 0, so their pull there is 0 at every scale; for them the
 * figure puts the feature at θ_y = π/4 and says why. The current s is marked.
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

    /** At θ_y = 0 a cosine target logit has zero slope, so its pull would be 0 at every scale: draw those at π/4. */
    static final double OFF_TARGET = Math.PI / 4;

    /** The target angle drawn: 0 (Eq. 11's set-up) where the head pulls there, else {@link #OFF_TARGET}. */
    double theta() {
        return Math.abs(at(1).lossSlope(0)) > 1e-12 || Math.abs(at(axisMax()).lossSlope(0)) > 1e-12 ? 0 : OFF_TARGET;
    }

    private OneVsRest at(double scale) {
        return OneVsRest.atScale(head, params, classCount, scale);
    }

    XYSeriesCollection[] data() {
        XYSeries p = new XYSeries("P(y) (left axis)", false, true);
        XYSeries g = new XYSeries("∂L/∂θ_y (right axis)", false, true);
        double max = axisMax();
        double t = theta();
        for (int i = 0; i < SAMPLES; i++) {
            double s = max * i / (SAMPLES - 1);
            p.add(s, at(s).pTarget(t));
            g.add(s, at(s).lossSlope(t));
        }
        return new XYSeriesCollection[] {new XYSeriesCollection(p), new XYSeriesCollection(g)};
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return (marksS() ? "Scale s" : "Feature norm ‖x‖") + ": confidence P(y) vs angular gradient";
    }

    @Override
    protected JFreeChart buildChart() {
        XYSeriesCollection[] d = data();
        NumberAxis x = new NumberAxis(marksS() ? "scale s (unitless)" : "feature norm ‖x‖ (‖W‖ = 1)");
        XYPlot plot = probabilityAndPull(x, d[0], d[1]);
        x.setRange(0, axisMax());
        JFreeChart c = new JFreeChart(title(), FigureStyle.titleFont(), plot, true);
        String setUp = theta() == 0
                ? "θ_y = 0, θ_j = π/2 (" + (head == org.marginlab.loss.HeadKind.ARC ? "angular-loss paper Eq. 11"
                        : "Eq. 11's set-up; Eq. 11 itself is the angular loss's") + ")"
                : "θ_y = π/4, θ_j = π/2 (at θ_y = 0 this head's cosine logit has zero slope, so its pull is 0 at every "
                        + (marksS() ? "s" : "‖x‖") + "); ∂L/∂θ_y = (P(y) − 1)·∂Z_y/∂θ_y";
        c.addSubtitle(0, new TextTitle(label(head, params, false) + ", C = " + classCount + ", " + setUp));
        if (marksS()) {
            // the values go in a subtitle, not on the marker, where a narrow plot would cut them off
            OneVsRest now = at(params.s());
            c.addSubtitle(1, new TextTitle("current s = " + Fmt.num(params.s()) + ": P(y) = "
                    + Fmt.fixed(now.pTarget(theta()), 3) + ", ∂L/∂θ_y = " + Fmt.fixed(now.lossSlope(theta()), 3)));
            ValueMarker m = new ValueMarker(params.s(), FigureStyle.ink(), FigureStyle.dashed(1.4));
            plot.addDomainMarker(m, Layer.FOREGROUND);
        }
        return c;
    }

    @Override
    public List<String[]> csv() {
        XYSeriesCollection[] d = data();
        return probabilityAndPullCsv(marksS() ? "s" : "x_norm", d[0], d[1]);
    }

    @Override
    public Map<String, String> viewState() {
        return marksS() ? Map.of("head", head.id(), "classes", Integer.toString(classCount), "s", Fmt.num(params.s()))
                : Map.of("head", head.id(), "classes", Integer.toString(classCount));
    }

}
