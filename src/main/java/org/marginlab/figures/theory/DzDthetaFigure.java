package org.marginlab.figures.theory;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.figures.Charts;
import org.marginlab.figures.FigureStyle;
import org.marginlab.loss.HeadFunctions;
import org.marginlab.loss.HeadKind;
import org.marginlab.loss.HeadParams;

/**
 * Angular-loss paper Fig. 3: ∂Z_y/∂θ_y of every head against θ_y, from {@link HeadFunctions#targetSlope}
 * with ‖x‖ = ‖W‖ = 1. By default s = 1 for all heads as in the paper; {@link #setUnitScale(boolean) false}
 * uses each head's own s. Center loss has softmax's logits and is not drawn separately.
 */
public final class DzDthetaFigure extends TheoryFigure {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "dz-dtheta";

    static final int SAMPLES = 721;
    private final Map<HeadKind, HeadParams> paramsByHead = new EnumMap<>(HeadKind.class);
    private boolean unitScale = true;

    public DzDthetaFigure() {
        for (HeadKind k : HeadKind.values()) {
            paramsByHead.put(k, theoryDefaults(k));
        }
    }

    /** Each head at {@link org.marginlab.loss.HeadType#theoryDefaults} (an annealed λ at its floor, 5). */
    static HeadParams theoryDefaults(HeadKind k) {
        return k.type().theoryDefaults();
    }

    @Override
    public void setHead(HeadKind kind, HeadParams p) {
        paramsByHead.put(kind, p);
        super.setHead(kind, p);
    }

    /** true: s = 1 for every head (paper Fig. 3); false: each head's own s. */
    public void setUnitScale(boolean v) {
        unitScale = v;
        invalidate();
    }

    /**
     * The heads drawn, in legend order: those in the overview and the selected one (heads with the same curve
     * share a series, see {@link #groups}).
     */
    public List<HeadKind> heads() {
        return java.util.Arrays.stream(HeadKind.values()).filter(k -> k.type().inOverview() || k == head).toList();
    }

    /** The parameters a head's curve is drawn with (after the unit-scale option). */
    public HeadParams curveParams(HeadKind k) {
        HeadParams p = paramsByHead.get(k);
        return unitScale ? p.withS(1) : p;
    }

    /** A fixed colour per head, so the same head looks the same in every figure. */
    public static java.awt.Color color(HeadKind k) {
        return FigureStyle.seriesColor(k.type().colorIndex());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Target-logit slope ∂Z_y/∂θ_y of every head";
    }

    /** Heads whose curves coincide (e.g. softmax, NormFace and CosFace at s = 1) share one series. */
    List<List<HeadKind>> groups() {
        List<List<HeadKind>> groups = new ArrayList<>();
        double[] grid = thetaGrid(SAMPLES);
        List<double[]> values = new ArrayList<>();
        for (HeadKind k : heads()) {
            HeadFunctions f = HeadFunctions.of(k, curveParams(k));
            double[] v = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                v[i] = f.targetSlope(grid[i], 1, 1);
            }
            int match = -1;
            for (int gi = 0; gi < groups.size() && match < 0; gi++) {
                double[] u = values.get(gi);
                boolean same = true;
                for (int i = 0; i < v.length && same; i++) {
                    same = Math.abs(u[i] - v[i]) < 1e-12;
                }
                if (same) {
                    match = gi;
                }
            }
            if (match < 0) {
                groups.add(new ArrayList<>(List.of(k)));
                values.add(v);
            } else {
                groups.get(match).add(k);
            }
        }
        return groups;
    }

    XYSeriesCollection data() {
        XYSeriesCollection c = new XYSeriesCollection();
        double[] grid = thetaGrid(SAMPLES);
        for (List<HeadKind> group : groups()) {
            HeadKind k = group.get(0);
            HeadFunctions f = HeadFunctions.of(k, curveParams(k));
            String name = String.join(" = ", group.stream().map(h -> label(h, curveParams(h), !unitScale)).toList());
            XYSeries s = new XYSeries(name, false, true);
            for (double t : grid) {
                s.add(unit.of(t), f.targetSlope(t, 1, 1));
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
        for (List<HeadKind> group : groups()) {
            colors.add(color(group.get(0)));
            strokes.add(new BasicStroke(group.contains(head) ? 3.4f : 2f));
        }
        String sub = (unitScale ? "s = 1 for all heads (paper Fig. 3)" : "each head's own s")
                + ", ‖x‖ = ‖W‖ = 1; coinciding heads share a curve; selected head drawn thick";
        JFreeChart chart = Charts.lines(title(), sub, unit.label("θ_y"), "∂Z_y/∂θ_y (logit per rad)", data, colors,
                strokes);
        // one legend entry per head, so a long run of coinciding heads wraps instead of being cut at the edge
        org.jfree.chart.LegendItemCollection items = new org.jfree.chart.LegendItemCollection();
        List<List<HeadKind>> groups = groups();
        for (int gi = 0; gi < groups.size(); gi++) {
            List<HeadKind> group = groups.get(gi);
            for (int i = 0; i < group.size(); i++) {
                HeadKind h = group.get(i);
                String text = (i == 0 ? "" : "= ") + label(h, curveParams(h), !unitScale);
                items.add(new org.jfree.chart.LegendItem(text, null, null, null,
                        new java.awt.geom.Line2D.Double(-7, 0, 7, 0), strokes.get(gi), colors.get(gi)));
            }
        }
        chart.getXYPlot().setFixedLegendItems(items);
        return chart;
    }

    @Override
    public List<String[]> csv() {
        return Charts.sharedX("theta_" + (unit == org.marginlab.figures.AngleUnit.DEGREES ? "deg" : "rad"), data());
    }

    @Override
    public Map<String, String> viewState() {
        return Map.of("head", head.id(), "unit_scale", Boolean.toString(unitScale), "angle_unit", unit.name());
    }
}
