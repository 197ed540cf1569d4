package org.marginlab.figures.theory;

import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.figures.FigureStyle;

/**
 * For the selected head at its s, m and λ: P(y) and ∂L/∂θ_y against the target angle θ_y, the feature
 * at θ_j = π/2 to the C − 1 other classes ({@link OneVsRest}). Where P(y) falls is where the head stops
 * being sure; ∂L/∂θ_y is how hard the loss pulls the feature towards its class there.
 */
public final class TargetProbabilityFigure extends TheoryFigure {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "p-target";


    static final int SAMPLES = 361;

    private OneVsRest oneVsRest() {
        return new OneVsRest(org.marginlab.loss.HeadFunctions.of(head, params), classCount, 1);
    }

    XYSeriesCollection[] data() {
        OneVsRest h = oneVsRest();
        XYSeries p = new XYSeries("P(y) (left axis)", false, true);
        XYSeries g = new XYSeries("∂L/∂θ_y (right axis)", false, true);
        for (double t : thetaGrid(SAMPLES)) {
            p.add(unit.of(t), h.pTarget(t));
            g.add(unit.of(t), h.lossSlope(t));
        }
        return new XYSeriesCollection[] {new XYSeriesCollection(p), new XYSeriesCollection(g)};
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "P(y) and ∂L/∂θ_y against θ_y";
    }

    @Override
    protected JFreeChart buildChart() {
        XYSeriesCollection[] d = data();
        NumberAxis x = new NumberAxis(unit.label("θ_y"));
        x.setRange(0, unit.of(Math.PI));
        XYPlot plot = probabilityAndPull(x, d[0], d[1]);
        JFreeChart c = new JFreeChart(title(), FigureStyle.titleFont(), plot, true);
        String scale = OneVsRest.readsS(head) ? "" : ", ‖x‖ = ‖W‖ = 1";
        c.addSubtitle(0, new TextTitle(label(head, params, true) + ", C = " + classCount + ", θ_j = π/2" + scale));
        return c;
    }

    @Override
    public List<String[]> csv() {
        XYSeriesCollection[] d = data();
        return probabilityAndPullCsv("theta_y_" + (unit == org.marginlab.figures.AngleUnit.DEGREES ? "deg" : "rad"), d[0], d[1]);
    }

    @Override
    public Map<String, String> viewState() {
        return Map.of("head", head.id(), "classes", Integer.toString(classCount), "angle_unit", unit.name());
    }
}
