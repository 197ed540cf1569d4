package org.marginlab.figures.angles;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.CsvNumbers;
import org.marginlab.figures.AngleAxes;
import org.marginlab.figures.AngleUnit;
import org.marginlab.figures.ChartFigure;
import org.marginlab.figures.FigureStyle;
import org.marginlab.figures.RunData;
import org.marginlab.figures.RunFigure;
import org.marginlab.metrics.AngleStatistics;
import org.marginlab.run.EpochSnapshot;
import org.marginlab.run.IterationSnapshot;

/**
 * Angular-loss paper Fig. 5 and Eqs. 12–14: WC-Intra (mean angle class feature centre–own class weight), W-Inter
 * (mean angle between class weights) and C-Inter (mean angle between class feature centres) against
 * the iteration, one panel per statistic, several runs overlaid in colour: on the whole test set at the end
 * of each epoch (solid line, dots) and on the probe set at every snapshot (thin line), which gives the
 * paper's time resolution (it plots every 200 iterations) even for a one-epoch run.
 */
public final class AngleStatsFigure extends ChartFigure implements AngleAxes, RunFigure, org.marginlab.figures.SteadyAxes {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "angle-stats";


    /** The three statistics in panel order. */
    public enum Stat {
        WC_INTRA("WC-Intra", "class centre to own W_j"), W_INTER("W-Inter", "between class weights"),
        C_INTER("C-Inter", "between class centres");

        final String label;
        final String meaning;

        Stat(String label, String meaning) {
            this.label = label;
            this.meaning = meaning;
        }

        public double of(EpochSnapshot e) {
            return switch (this) {
                case WC_INTRA -> e.wcIntra();
                case W_INTER -> e.wInter();
                case C_INTER -> e.cInter();
            };
        }

        public double of(AngleStatistics.Summary p) {
            return switch (this) {
                case WC_INTRA -> p.wcIntra();
                case W_INTER -> p.wInter();
                case C_INTER -> p.cInter();
            };
        }
    }

    private List<RunData> runs = List.of();
    /** Axis ranges held over a replay: iteration max, then (low, high) per statistic; null to fit each draw. */
    private double[] fixed;
    private AngleUnit unit = AngleUnit.RADIANS; // as the window's default and the papers'

    @Override
    public void setRun(RunData r) {
        setRuns(r == null ? List.of() : List.of(r));
    }

    /** Runs to overlay, e.g. the s = 1, 3, 5, 7, 12, 20 sweep of the paper. */
    public void setRuns(List<RunData> rs) {
        runs = List.copyOf(rs);
        invalidate();
    }

    public List<RunData> runs() {
        return runs;
    }

    @Override
    public void setAngleUnit(AngleUnit u) {
        unit = u;
        fixed = null;
        invalidate();
    }

    @Override
    public void fixAxes() {
        double[] f = new double[1 + 2 * Stat.values().length];
        for (RunData r : runs) {
            if (r.lastIteration() != null) {
                f[0] = Math.max(f[0], r.lastIteration().iteration());
            }
            if (r.lastEpoch() != null) {
                f[0] = Math.max(f[0], r.lastEpoch().iteration());
            }
        }
        for (Stat st : Stat.values()) {
            XYSeriesCollection c = data(st);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c.getSeriesCount(); k++) {
                for (int i = 0; i < c.getItemCount(k); i++) {
                    double v = c.getYValue(k, i);
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (lo > hi) {
                return; // nothing to hold yet
            }
            double min = unit == AngleUnit.DEGREES ? 2 : Math.toRadians(2);
            double pad = Math.max((hi - lo) * 0.05, Math.max(0, min - (hi - lo)) / 2);
            f[1 + 2 * st.ordinal()] = lo - pad;
            f[2 + 2 * st.ordinal()] = hi + pad;
        }
        fixed = f[0] > 0 ? f : null;
        invalidate();
    }

    @Override
    public boolean hasData() {
        return runs.stream().anyMatch(r -> !r.epochs().isEmpty() || !r.iterations().isEmpty());
    }

    /** The probe-set statistics of each snapshot of a run, oldest first. */
    static List<AngleStatistics.Summary> probeStats(RunData r) {
        return r.iterations().stream().map(s -> AngleStatistics.of(s.embeddings(), s.probeLabels(), s.weights())).toList();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Angle statistics over training";
    }

    @Override
    public Map<String, String> viewState() {
        return Map.of("angle_unit", unit.name(), "runs", Integer.toString(runs.size()));
    }

    /** Two series per run: the test set per epoch (2i), the probe set per snapshot (2i + 1). */
    XYSeriesCollection data(Stat stat) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (RunData r : runs) {
            XYSeries s = new XYSeries(r.labelAtEnd() + ", test set", false, true);
            for (EpochSnapshot e : r.epochs()) {
                s.add(e.iteration(), unit.of(stat.of(e)));
            }
            c.addSeries(s);
            XYSeries p = new XYSeries(r.labelAtEnd() + ", probe set", false, true);
            List<AngleStatistics.Summary> stats = probeStats(r);
            for (int i = 0; i < stats.size(); i++) {
                p.add(r.iterations().get(i).iteration(), unit.of(stat.of(stats.get(i))));
            }
            c.addSeries(p);
        }
        return c;
    }

    @Override
    protected JFreeChart buildChart() {
        NumberAxis x = new NumberAxis("iteration (optimizer steps)");
        if (fixed != null) {
            x.setRange(0, fixed[0]);
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        plot.setGap(12);
        for (Stat st : Stat.values()) {
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
            for (int i = 0; i < runs.size(); i++) {
                r.setSeriesPaint(2 * i, FigureStyle.seriesColor(i));
                r.setSeriesStroke(2 * i, new BasicStroke(2f));
                r.setSeriesShape(2 * i, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
                r.setSeriesPaint(2 * i + 1, FigureStyle.seriesColor(i));
                r.setSeriesStroke(2 * i + 1, new BasicStroke(1f));
                r.setSeriesShapesVisible(2 * i + 1, false);
            }
            // the unit goes in the subtitle: three stacked "WC-Intra (rad)" labels overlap in a short window
            NumberAxis y = new NumberAxis(st.label);
            y.setAutoRangeIncludesZero(false);
            // a flat statistic (e.g. W-Inter of fixed weights) must not zoom into rounding noise
            y.setAutoRangeMinimumSize(unit == AngleUnit.DEGREES ? 2 : Math.toRadians(2));
            if (fixed != null) {
                y.setRange(fixed[1 + 2 * st.ordinal()], fixed[2 + 2 * st.ordinal()]);
            }
            XYPlot sub = new XYPlot(data(st), null, y, r);
            plot.add(sub, 1);
        }
        // one legend for the three panels: the runs are the same in each
        plot.setFixedLegendItems(((XYPlot) plot.getSubplots().get(0)).getLegendItems());
        JFreeChart c = new JFreeChart(title(), FigureStyle.titleFont(), plot, true);
        int probes = runs.isEmpty() || runs.get(0).lastIteration() == null ? 0
                : runs.get(0).lastIteration().probeLabels().length;
        c.addSubtitle(0, new TextTitle("angles in " + (unit == AngleUnit.DEGREES ? "degrees" : "radians")
                + "; test set at the end of each epoch" + (runs.stream().anyMatch(RunData::endsInsideEpoch) ? " or where the run stopped" : "")
                + " (dots), probe set (" + probes
                + " test images) at every snapshot (thin line); WC-Intra: class centre to own W_j, "
                + "W-Inter: between class weights, C-Inter: between class centres (Eqs. 12–14); legend: head values at the end"
                + (runs.size() == 1 && !runs.get(0).scheduleNote().isEmpty() ? " (" + runs.get(0).scheduleNote() + ")" : "")));
        if (!hasData()) {
            c.addSubtitle(new TextTitle("no snapshot yet"));
        }
        return c;
    }

    @Override
    public List<String[]> csv() {
        List<String[]> rows = new ArrayList<>();
        String u = unit == AngleUnit.DEGREES ? "deg" : "rad";
        rows.add(new String[] {"run", "set", "epoch", "iteration", "wc_intra_" + u, "w_inter_" + u, "c_inter_" + u});
        for (RunData r : runs) {
            for (EpochSnapshot e : r.epochs()) {
                rows.add(new String[] {r.label(), "test", Integer.toString(e.epoch() + 1), Long.toString(e.iteration()),
                    CsvNumbers.of(unit.of(e.wcIntra())), CsvNumbers.of(unit.of(e.wInter())), CsvNumbers.of(unit.of(e.cInter()))});
            }
            List<AngleStatistics.Summary> stats = probeStats(r);
            for (int i = 0; i < stats.size(); i++) {
                IterationSnapshot s = r.iterations().get(i);
                AngleStatistics.Summary p = stats.get(i);
                rows.add(new String[] {r.label(), "probe", Integer.toString(s.epoch() + 1), Long.toString(s.iteration()),
                    CsvNumbers.of(unit.of(p.wcIntra())), CsvNumbers.of(unit.of(p.wInter())), CsvNumbers.of(unit.of(p.cInter()))});
            }
        }
        return rows;
    }
}
