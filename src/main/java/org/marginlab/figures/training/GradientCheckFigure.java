package org.marginlab.figures.training;

import org.marginlab.CsvNumbers;
import org.marginlab.metrics.AngleStatistics;
import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.figures.AngleAxes;
import org.marginlab.figures.AngleUnit;
import org.marginlab.figures.ChartFigure;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.RunData;
import org.marginlab.figures.RunFigure;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.run.IterationSnapshot;

/**
 * Closed form vs measured angular gradient. Rings: each probe's (P_y − 1)·∂Z_y/∂θ_y at its own angles
 * and norms (all C logits from the head's closed form), the exact derivative with every θ_j (j ≠ y) held
 * fixed. Dots: the measured dL/dθ_y of the probe's own loss as its feature moves along the great circle
 * towards W_y (autograd on the live head, {@link IterationSnapshot#dLdThetaAlong}); that path moves every
 * θ_j as well, so the dots leave the rings where the other classes matter. Curve: the closed form against
 * θ_y with the other classes at θ_j = π/2 (the angular-loss paper's Sec. 3.2 assumption), ‖x‖ the median
 * probe norm and ‖W‖ the mean class-weight norm.
 */
public final class GradientCheckFigure extends ChartFigure implements AngleAxes, RunFigure {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "gradient-check";


    static final int CURVE_SAMPLES = 361;
    private RunData run;
    private int snapshotIndex = -1;
    private AngleUnit unit = AngleUnit.DEGREES;

    @Override
    public void setRun(RunData r) {
        run = r;
        invalidate();
    }

    /** Which iteration snapshot to show, at its own head parameters (the live λ, warmed-up s and m); −1 = the latest. */
    public void setSnapshotIndex(int i) {
        snapshotIndex = i;
        invalidate();
    }

    @Override
    public void setAngleUnit(AngleUnit u) {
        unit = u;
        invalidate();
    }

    IterationSnapshot snapshot() {
        if (run == null || run.iterations().isEmpty()) {
            return null;
        }
        int n = run.iterations().size();
        IterationSnapshot s = run.iterations().get(snapshotIndex < 0 || snapshotIndex >= n ? n - 1 : snapshotIndex);
        return s.dLdThetaY() == null || s.thetaY() == null ? null : s;
    }

    @Override
    public boolean hasData() {
        IterationSnapshot s = snapshot();
        return s != null && run.paramsAt(s) != null;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Angular gradient ∂L/∂θ_y: closed form vs measured along the feature";
    }

    @Override
    public Map<String, String> viewState() {
        IterationSnapshot s = snapshot();
        return Map.of("angle_unit", unit.name(), "iteration", s == null ? "" : Long.toString(s.iteration()));
    }

    /** (P_y − 1)·∂Z_y/∂θ_y for one probe from its angles to every class weight and the norms. */
    public static double analytic(HeadFunctions f, float[] x, float[][] w, int y) {
        double xn = AngleStatistics.norm(x);
        int c = w.length;
        double[] z = new double[c];
        double max = Double.NEGATIVE_INFINITY;
        double thetaY = 0;
        for (int j = 0; j < c; j++) {
            double wn = AngleStatistics.norm(w[j]);
            double th = angle(x, w[j], xn, wn);
            z[j] = j == y ? f.targetLogit(th, xn, wn) : f.otherLogit(th, xn, wn);
            max = Math.max(max, z[j]);
            if (j == y) {
                thetaY = th;
            }
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        double py = Math.exp(z[y] - max) / sum;
        return (py - 1) * f.targetSlope(thetaY, xn, AngleStatistics.norm(w[y]));
    }

    /** The curve: other classes at θ_j = π/2. */
    public static double curve(HeadFunctions f, double thetaY, double xNorm, double wNorm, int classes) {
        double zy = f.targetLogit(thetaY, xNorm, wNorm);
        double zj = f.otherLogit(Math.PI / 2, xNorm, wNorm);
        double py = 1 / (1 + (classes - 1) * Math.exp(zj - zy));
        return (py - 1) * f.targetSlope(thetaY, xNorm, wNorm);
    }


    static double angle(float[] a, float[] b, double na, double nb) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        double c = na > 0 && nb > 0 ? d / (na * nb) : 1;
        return Math.acos(Math.max(-1, Math.min(1, c)));
    }

    XYSeriesCollection data() {
        XYSeriesCollection c = new XYSeriesCollection();
        IterationSnapshot s = snapshot();
        if (!hasData()) {
            return c;
        }
        // The curve and rings at the parameters the snapshot's points were measured under.
        HeadFunctions f = HeadFunctions.of(run.config().head(), run.paramsAt(s));
        XYSeries curve = new XYSeries("closed form, θ_j = π/2 for j ≠ y", false, true);
        double xn = medianNorm(s);
        double wn = 0;
        for (float[] w : s.weights()) {
            wn += AngleStatistics.norm(w) / s.weights().length;
        }
        double top = thetaMax(s);
        for (int i = 0; i < CURVE_SAMPLES; i++) {
            double t = top * i / (CURVE_SAMPLES - 1);
            curve.add(unit.of(t), curve(f, t, xn, wn, s.classCount()));
        }
        XYSeries own = new XYSeries("closed form, θ_j fixed (each probe)", false, true);
        XYSeries measured = new XYSeries("measured along x̂ → W_y, all θ_j move (autograd)", false, true);
        float[] along = s.dLdThetaAlong();
        for (int i = 0; i < s.thetaY().length; i++) {
            double t = unit.of(s.thetaY()[i]);
            own.add(t, analytic(f, s.embeddings()[i], s.weights(), s.probeLabels()[i]));
            if (along != null && Float.isFinite(along[i])) {
                measured.add(t, along[i]);
            }
        }
        c.addSeries(curve);
        c.addSeries(own);
        c.addSeries(measured);
        return c;
    }

    /** Right end of the θ axis: the probes' largest θ_y with 30% room, at least 20°, at most π. */
    static double thetaMax(IterationSnapshot s) {
        double m = 0;
        for (float t : s.thetaY()) {
            m = Math.max(m, t);
        }
        return Math.min(Math.PI, Math.max(Math.toRadians(20), m * 1.3));
    }

    static double medianNorm(IterationSnapshot s) {
        double[] n = new double[s.embeddings().length];
        for (int i = 0; i < n.length; i++) {
            n[i] = AngleStatistics.norm(s.embeddings()[i]);
        }
        java.util.Arrays.sort(n);
        return n.length == 0 ? 1 : n[n.length / 2];
    }

    @Override
    protected JFreeChart buildChart() {
        XYSeriesCollection d = data();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, true);
        r.setSeriesShapesVisible(0, false);
        r.setSeriesPaint(0, FigureStyle.ink());
        r.setSeriesStroke(0, new BasicStroke(2.2f));
        r.setSeriesLinesVisible(1, false);
        r.setSeriesShapesVisible(1, true);
        r.setSeriesShapesFilled(1, false);
        r.setSeriesShape(1, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
        r.setSeriesPaint(1, FigureStyle.seriesColor(1));
        r.setSeriesLinesVisible(2, false);
        r.setSeriesShapesVisible(2, true);
        r.setSeriesShape(2, new Ellipse2D.Double(-2, -2, 4, 4));
        r.setSeriesPaint(2, FigureStyle.seriesColor(0));
        r.setUseOutlinePaint(false);
        r.setDrawSeriesLineAsPath(true);
        NumberAxis x = new NumberAxis(unit.label("θ_y"));
        IterationSnapshot shown = snapshot();
        x.setRange(0, unit.of(shown == null ? Math.PI : thetaMax(shown)));
        NumberAxis y = new NumberAxis("∂L/∂θ_y (loss per rad)");
        XYPlot plot = new XYPlot(d, x, y, r);
        plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
        JFreeChart c = new JFreeChart(title(), FigureStyle.titleFont(), plot, true);
        IterationSnapshot s = snapshot();
        String sub = !hasData() ? "no probe gradients yet"
                : "iteration " + s.iteration() + ", " + s.thetaY().length + " probes, "
                + run.paramsLabel(s) + "; closed form ∂L/∂θ_y = (P_y − 1)·∂Z_y/∂θ_y";
        c.addSubtitle(0, new TextTitle(sub));
        if (hasData()) {
            c.addSubtitle(1, new TextTitle(explanation(s), FigureStyle.subtitleFont()));
        }
        return c;
    }

    /** What each series assumes, and the median gap between measurement and closed form. */
    static String explanation(IterationSnapshot s) {
        String what = "curve: every other class at θ_j = π/2, ‖x‖ = median probe norm, ‖W‖ = mean; "
                + "rings: each probe's own angles, θ_j (j ≠ y) held fixed; ";
        double gap = medianRelativeGap(s);
        if (s.dLdThetaAlong() == null) {
            return what + "dots: not recorded in this run (measured from this version on)";
        }
        return what + "dots: dL/dθ_y as x moves on the great circle to W_y, ‖x‖ fixed"
                + (Double.isNaN(gap) ? "" : String.format(java.util.Locale.ROOT,
                        " (median |dots − closed form| = %.0f %% of it)", 100 * gap));
    }

    /** Median over probes of |measured − closed form| / |closed form|, NaN when nothing compares. */
    static double medianRelativeGap(IterationSnapshot s) {
        float[] along = s.dLdThetaAlong();
        if (along == null) {
            return Double.NaN;
        }
        List<Double> gaps = new ArrayList<>();
        for (int i = 0; i < along.length; i++) {
            double closed = s.dLdThetaY()[i];
            if (Float.isFinite(along[i]) && Double.isFinite(closed) && closed != 0) {
                gaps.add(Math.abs(along[i] - closed) / Math.abs(closed));
            }
        }
        if (gaps.isEmpty()) {
            return Double.NaN;
        }
        gaps.sort(null);
        return gaps.get(gaps.size() / 2);
    }

    @Override
    public List<String[]> csv() {
        XYSeriesCollection d = data();
        List<String[]> rows = new ArrayList<>();
        String u = unit == AngleUnit.DEGREES ? "deg" : "rad";
        rows.add(new String[] {"series", "theta_y_" + u, "dL_dtheta_y"});
        String[] names = {"closed_form_curve_theta_j_pi_2", "closed_form_theta_j_fixed", "measured_along_feature"};
        for (int i = 0; i < d.getSeriesCount(); i++) {
            XYSeries s = d.getSeries(i);
            for (int k = 0; k < s.getItemCount(); k++) {
                rows.add(new String[] {names[i], CsvNumbers.of(s.getX(k).doubleValue()), CsvNumbers.of(s.getY(k).doubleValue())});
            }
        }
        return rows;
    }
}
