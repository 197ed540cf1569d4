package org.marginlab.figures.theory;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.figures.AngleUnit;
import org.marginlab.figures.Charts;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.Fmt;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/**
 * AM-Softmax Fig. 1: the target logit ψ(θ) of softmax (cos θ), A-Softmax with m = 4, λ = 5 and with
 * m = 2, λ = 0, and AM-Softmax with m = 0.35 (cos θ − m), all with ‖x‖ = ‖W‖ = 1 and s = 1. When the
 * selected head is a margin head with other parameters its ψ is added, drawn thick.
 */
public final class PsiCurvesFigure extends TheoryFigure {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "psi-curves";


    static final int SAMPLES = 721;

    /** One curve: a label and the head whose target logit (divided by s) is ψ. */
    public record Curve(String label, HeadKind kind, HeadParams params) {
        public double psi(double theta) {
            return HeadFunctions.of(kind, params.withS(1)).targetLogit(theta, 1, 1);
        }
    }

    public PsiCurvesFigure() {
        head = HeadKind.COSFACE;
        params = HeadParams.defaults(HeadKind.COSFACE);
    }

    /** The paper's four curves, plus the selected margin head when it is not one of them. */
    public List<Curve> curves() {
        List<Curve> cs = new ArrayList<>(List.of(
                new Curve("Softmax: cos θ", HeadKind.SOFTMAX, HeadParams.defaults(HeadKind.SOFTMAX)),
                new Curve("A-Softmax m=4 λ=5", HeadKind.SPHEREFACE, new HeadParams(1, 4, 5, false)),
                new Curve("A-Softmax m=2 λ=0", HeadKind.SPHEREFACE, new HeadParams(1, 2, 0, false)),
                new Curve("AM-Softmax m=0.35: cos θ − m", HeadKind.COSFACE, new HeadParams(1, 0.35, 0, false))));
        // the selected head's ψ, when it has a margin (its target logit differs from the others') and is new
        HeadParams p = params.withS(1);
        Curve extra = hasMargin(head, p) ? new Curve("selected: " + head.type().label(p, false), head, p) : null;
        if (extra != null && cs.stream().noneMatch(c -> sameCurve(c, extra))) {
            cs.add(extra);
        }
        return cs;
    }

    private static boolean hasMargin(HeadKind k, HeadParams p) {
        HeadFunctions f = HeadFunctions.of(k, p);
        for (double t : thetaGrid(SAMPLES)) {
            if (Math.abs(f.targetLogit(t, 1, 1) - f.otherLogit(t, 1, 1)) > 1e-12) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameCurve(Curve a, Curve b) {
        for (double t : thetaGrid(SAMPLES)) {
            if (Math.abs(a.psi(t) - b.psi(t)) > 1e-12) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Target logit ψ(θ): softmax, A-Softmax and AM-Softmax";
    }

    XYSeriesCollection data() {
        XYSeriesCollection c = new XYSeriesCollection();
        double[] grid = thetaGrid(SAMPLES);
        for (Curve cv : curves()) {
            XYSeries s = new XYSeries(cv.label(), false, true);
            for (double t : grid) {
                s.add(unit.of(t), cv.psi(t));
            }
            c.addSeries(s);
        }
        return c;
    }

    @Override
    protected JFreeChart buildChart() {
        XYSeriesCollection data = data();
        List<Color> colors = new ArrayList<>();
        List<Stroke> strokes = new ArrayList<>();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            colors.add(FigureStyle.seriesColor(i));
            strokes.add(new BasicStroke(i >= 4 ? 3.2f : 2f));
        }
        return Charts.lines(title(), "AM-Softmax paper Fig. 1; ‖x‖ = ‖W‖ = 1, s = 1",
                unit.label("θ"), "target logit ψ(θ) (unitless)", data, colors, strokes);
    }

    @Override
    public List<String[]> csv() {
        return Charts.sharedX("theta_" + (unit == AngleUnit.DEGREES ? "deg" : "rad"), data());
    }

    @Override
    public Map<String, String> viewState() {
        return Map.of("head", head.id(), "angle_unit", unit.name());
    }
}
