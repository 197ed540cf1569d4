package org.marginlab.figures.openset;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.marginlab.figures.ChartFigure;
import org.marginlab.figures.Charts;
import org.marginlab.figures.FigureStyle;
import org.marginlab.CsvNumbers;
import org.marginlab.metrics.openset.OpenSetMetrics;
import org.marginlab.metrics.openset.Verification;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Verification ROC of one or more runs on held-out classes (or all test classes; the subtitle says which):
 * TAR against FAR on a log axis down to the lowest FAR the impostor pairs can show (1/N), as the
 * face-verification papers plot it. Each curve's
 * legend entry carries its run's precision@1, MAP@R, TAR@FAR 1e-3 and EER; the CSV has every metric
 * beside each plotted point. The curve is drawn at the first pass's similarity bins (65 536 over [−1, 1]),
 * thinned to visibly distinct points; the exact TAR@FAR values are in the metrics.
 */
public final class RocFigure extends ChartFigure {
    /** Stable id: the export file name stem and the {@code --only} name; {@code FigureKind} lists it. */
    public static final String ID = "open-set-roc";


    /** A curve: its run's label and the metrics it was measured with. */
    public record Curve(String label, OpenSetMetrics metrics) {

        /** The legend entry: the label and the headline metrics. */
        String legend() {
            Double t = metrics.verification().tarAtFar()[LEGEND_FAR];
            return String.format(Locale.ROOT, "%s — P@1 %.3f · MAP@R %.3f · TAR@FAR %s %s · EER %.3f", label,
                    metrics.retrieval().precisionAt1(), metrics.retrieval().mapAtR(),
                    OpenSetMetrics.farKey(Verification.FAR_EXPONENTS[LEGEND_FAR]),
                    t == null ? "n/a" : String.format(Locale.ROOT, "%.3f", t), metrics.verification().eer());
        }
    }

    /** The TAR@FAR in the legend: index of FAR = 1e-3 in {@link Verification#FAR_EXPONENTS}. */
    private static final int LEGEND_FAR = 2;

    private final String subtitle;
    private final List<Curve> curves;

    public RocFigure(String subtitle, List<Curve> curves) {
        this.subtitle = subtitle;
        this.curves = List.copyOf(curves);
    }

    @Override
    protected JFreeChart buildChart() {
        XYSeriesCollection data = series();
        List<Color> colors = new ArrayList<>();
        List<Stroke> strokes = new ArrayList<>();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            colors.add(FigureStyle.seriesColor(i));
            strokes.add(new BasicStroke(2f));
        }
        JFreeChart c = Charts.lines(title(), subtitle, "FAR", "TAR", data, colors, strokes);
        XYPlot plot = (XYPlot) c.getPlot();
        if (c.getLegend() == null && data.getSeriesCount() > 0) { // one run's curve: the legend still carries its metrics
            c.addLegend(new org.jfree.chart.title.LegendTitle(plot));
        }
        LogAxis x = new LogAxis("false accept rate (FAR)");
        x.setBase(10);
        x.setSmallestValue(1e-6);
        double lowest = 1e-4; // the lowest FAR reported, or 1/N when the pairs reach further
        for (Curve cv : curves) {
            long n = cv.metrics().verification().impostorPairs();
            if (n > 0) {
                lowest = Math.min(lowest, 1.0 / n);
            }
        }
        x.setRange(Math.pow(10, Math.floor(Math.log10(lowest))), 1);
        x.setTickUnit(new NumberTickUnit(1.0)); // one tick per decade
        x.setNumberFormatOverride(decades());
        plot.setDomainAxis(x);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setLabel("true accept rate (TAR)");
        y.setRange(0, 1.02);
        return c;
    }

    /** The FAR axis's tick labels: 1e-4 as in the metrics' keys, and the right end plainly 1. */
    static java.text.NumberFormat decades() {
        java.text.DecimalFormatSymbols sym = java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT);
        sym.setExponentSeparator("e");
        return new java.text.DecimalFormat("0E0", sym) {
            @Override
            public StringBuffer format(double v, StringBuffer to, java.text.FieldPosition pos) {
                return v == 1 ? to.append('1') : super.format(v, to, pos);
            }
        };
    }

    /** Each curve under its legend entry. */
    XYSeriesCollection series() {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve cv : curves) {
            String key = cv.legend();
            while (data.getSeriesIndex(key) >= 0) { // the same run twice (overlaid on itself): keys must differ
                key += " ";
            }
            XYSeries s = new XYSeries(key, false, true);
            for (double[] p : points(cv.metrics().verification())) {
                s.add(p[0], p[1]);
            }
            data.addSeries(s);
        }
        return data;
    }

    /** (FAR, TAR) with FAR &gt; 0 from high threshold to low, thinned to a step of 0.005 in log10 FAR or 0.002 in TAR. */
    private static List<double[]> points(Verification v) {
        List<double[]> out = new ArrayList<>();
        double[] far = v.rocFar();
        double[] tar = v.rocTar();
        double lastLog = Double.NaN;
        double lastTar = Double.NaN;
        for (int i = far.length - 1; i >= 0; i--) {
            if (!(far[i] > 0)) {
                continue;
            }
            double lg = Math.log10(far[i]);
            boolean last = i == 0;
            if (Double.isNaN(lastLog) || last || Math.abs(lg - lastLog) >= 0.005 || Math.abs(tar[i] - lastTar) >= 0.002) {
                out.add(new double[] {far[i], tar[i]});
                lastLog = lg;
                lastTar = tar[i];
            }
        }
        return out;
    }

    @Override
    public boolean hasData() {
        return !curves.isEmpty();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Verification ROC: all pairs, cosine similarity"; // the subtitle says which classes
    }

    /**
     * {@code run,far,tar} of every plotted point, then the run's metrics on each of its rows:
     * precision_at_1, map_at_r, tar_at_far_1e-1 … 1e-4 (empty for too few impostor pairs), eer.
     */
    @Override
    public List<String[]> csv() {
        List<String> header = new ArrayList<>(List.of("run", "far", "tar", "precision_at_1", "map_at_r"));
        for (int e : Verification.FAR_EXPONENTS) {
            header.add("tar_at_far_" + OpenSetMetrics.farKey(e));
        }
        header.add("eer");
        List<String[]> rows = new ArrayList<>();
        rows.add(header.toArray(String[]::new));
        for (Curve cv : curves) {
            Verification v = cv.metrics().verification();
            List<String> metrics = new ArrayList<>(List.of(CsvNumbers.of(cv.metrics().retrieval().precisionAt1()),
                    CsvNumbers.of(cv.metrics().retrieval().mapAtR())));
            for (Double t : v.tarAtFar()) {
                metrics.add(t == null ? "" : CsvNumbers.of(t));
            }
            metrics.add(CsvNumbers.of(v.eer()));
            for (double[] p : points(v)) {
                List<String> row = new ArrayList<>(List.of(cv.label(), CsvNumbers.of(p[0]), CsvNumbers.of(p[1])));
                row.addAll(metrics);
                rows.add(row.toArray(String[]::new));
            }
        }
        return rows;
    }
}
